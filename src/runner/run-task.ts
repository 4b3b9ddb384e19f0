import type { SourcePos } from '../errors.js';
import type { Task, Vars } from '../playbook/model.js';
import { executeTask, shownResult, type HostOutcome, type TaskCall } from './execute-task.js';
import { journalNotifications, notifyHandlers } from './handlers.js';
import { mapLimit } from './map-limit.js';
import { hostState, statsOf, type PlayState, type RunState } from './run-state.js';
import { taskVars, type Scope } from './task-vars.js';

// Runs one task on a set of hosts (linear strategy: all hosts, up to --forks at once), then
// records each host's outcome: event, stats, register, notify, failure.

export function displayName(task: Task): string {
  const name = task.name ?? task.moduleAsWritten;
  return task.role ? `${task.role.name} : ${name}` : name;
}

/** As ansible-playbook, a templated task name is shown rendered with the first host's vars, else raw. */
function templatedName(run: RunState, play: PlayState, task: Task, scope: Scope, host: string): string {
  if (!task.name) return displayName(task);
  const name = renderedName(run, task.name, () => taskVars(run, play, { host, scope, taskVars: task.vars, role: task.role }), task.source);
  return displayName({ ...task, name });
}

/** A name rendered with `vars()` when it is a template and renders; as written otherwise. */
export function renderedName(run: RunState, name: string, vars: () => Vars, source: SourcePos): string {
  if (!run.deps.templater.isTemplate(name)) return name;
  try {
    return String(run.deps.templater.template(name, vars(), source));
  } catch {
    return name;
  }
}

export async function runTask(run: RunState, play: PlayState, task: Task, scope: Scope, hosts: string[], handler = false): Promise<HostOutcome[]> {
  if (hosts.length === 0) return [];
  const call: TaskCall = { run, play, task, scope, name: templatedName(run, play, task, scope, hosts[0] as string) };
  run.reporter.emit({ type: 'task-start', name: call.name, source: task.source, hosts, handler });
  const targets = task.runOnce ? hosts.slice(0, 1) : hosts;
  // Each host's result is reported as soon as it is known (progress views show it live).
  const outcomes = await mapLimit(targets, run.options.forks, async (host) => {
    const outcome = await executeTask(call, host);
    record(call, outcome);
    return outcome;
  });
  if (task.runOnce && outcomes[0]) shareRunOnce(call, outcomes[0], hosts.slice(1));
  await journalNotifications(run, play);
  const fatal = task.anyErrorsFatal ?? play.play.anyErrorsFatal;
  if (fatal && outcomes.some((o) => (o.status === 'failed' && !o.ignoreErrors) || (o.unreachable && !task.ignoreUnreachable))) {
    play.endedPlay = true;
  }
  return outcomes;
}

function record(call: TaskCall, outcome: HostOutcome): void {
  const { run, play, task } = call;
  const host = hostState(run, outcome.host);
  const stats = statsOf(run, outcome.host);
  const { result } = outcome;
  if (task.register) host.setFacts[task.register] = result;
  const ignored = (outcome.status === 'failed' && outcome.ignoreErrors) || (outcome.unreachable && task.ignoreUnreachable === true);
  run.reporter.emit({
    type: 'host-result', task: call.name, host: outcome.host, status: outcome.status, result: shownResult(result, outcome.noLog),
    ignored, diff: outcome.diff && !outcome.noLog && !Array.isArray(result.results) ? result.diff : undefined,
    noLog: outcome.noLog, delegatedTo: outcome.delegatedTo, action: task.module,
  });
  if (result.changed && outcome.status !== 'failed' && outcome.status !== 'unreachable') run.changed = true;
  switch (outcome.status) {
    case 'unreachable':
      if (ignored) countIgnored(stats, false);
      else {
        stats.unreachable += 1;
        host.unreachable = true;
      }
      return;
    case 'failed':
      if (ignored) countIgnored(stats, result.changed);
      else {
        stats.failed += 1;
        host.failed = true;
        host.failure = { task, result };
      }
      return;
    case 'skipped':
      stats.skipped += 1;
      return;
    default:
      stats.ok += 1;
      if (outcome.status === 'changed') {
        stats.changed += 1;
        notifyOrFail(call, outcome);
      }
  }
}

function countIgnored(stats: { ok: number; ignored: number; changed: number }, changed: boolean): void {
  stats.ok += 1;
  stats.ignored += 1;
  if (changed) stats.changed += 1;
}

function notifyOrFail(call: TaskCall, outcome: HostOutcome): void {
  const missing = notifyHandlers(call.run, call.play, call.task, [outcome.host], outcome.notify);
  if (missing) {
    const host = hostState(call.run, outcome.host);
    host.failed = true;
    host.failure = { task: call.task, result: { changed: false, failed: true, msg: missing } };
    call.run.reporter.emit({ type: 'warning', message: `[${outcome.host}] ${missing}` });
    statsOf(call.run, outcome.host).failed += 1;
  }
}

/** run_once: the one result is registered (and its facts set) on every host of the batch. */
function shareRunOnce(call: TaskCall, outcome: HostOutcome, others: string[]): void {
  const facts = outcome.result.ansible_facts;
  for (const other of others) {
    const state = hostState(call.run, other);
    if (call.task.register) state.setFacts[call.task.register] = outcome.result;
    if (facts && typeof facts === 'object' && call.task.module.endsWith('set_fact')) Object.assign(state.setFacts, facts);
    if (outcome.status === 'changed') notifyHandlers(call.run, call.play, call.task, [other], outcome.notify);
  }
}
