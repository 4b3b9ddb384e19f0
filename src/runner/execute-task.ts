import { isClawError, UnreachableError } from '../errors.js';
import type { ModuleResult } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import type { HostStatus } from '../report/events.js';
import { CENSORED } from '../report/format-result.js';
import { redactValue } from '../secret.js';
import { pyStr } from '../template/py/repr.js';
import { applyResultConditions, checkModeNote, whenHolds } from './conditions.js';
import { invalidateFacts, invoke, type InvokeSettings } from './invoke.js';
import { loopVars } from './loop-vars.js';
import { effectiveCheck, effectiveDiff, flag, untilAttempts } from './keywords.js';
import { forgetTask } from './prefetch.js';
import { hostState, type PlayState, type RunState } from './run-state.js';
import { taskVars, type Scope } from './task-vars.js';

// A task on ONE host: `when` (per loop item, after loop templating), `loop`, `until`
// retries, changed_when/failed_when, the check-mode note. A failed task is a result, not an
// exception: template errors and module failures both come back as `failed` results.

export interface TaskCall {
  run: RunState;
  play: PlayState;
  task: Task;
  scope: Scope;
  /** Display name ("role : name"). */
  name: string;
}

export interface HostOutcome {
  host: string;
  result: ModuleResult;
  status: HostStatus;
  unreachable: boolean;
  noLog: boolean;
  /** ignore_errors held for this host (a failure is then counted as ignored). */
  ignoreErrors: boolean;
  diff: boolean;
  delegatedTo?: string | undefined;
  /** The handler names this host notifies: `notify` templated (per changed loop item). */
  notify?: string[] | undefined;
}

export { CENSORED };

export async function executeTask(call: TaskCall, host: string): Promise<HostOutcome> {
  const { run, play, task } = call;
  const { check, forceRun } = effectiveCheck(task, play.play, run.options.check);
  const diff = effectiveDiff(task, play.play, run.options.diff);
  const settings: InvokeSettings = { check, forceRun, diff };
  let noLog = false;
  let ignoreErrors = typeof task.ignoreErrors === 'boolean' ? task.ignoreErrors : false;
  const delegated: { to?: string | undefined } = {};
  try {
    const vars = taskVars(run, play, { host, scope: call.scope, taskVars: task.vars, role: task.role, check, diff });
    noLog = flag(task.noLog, vars, run.deps.templater) ?? false;
    ignoreErrors = flag(task.ignoreErrors, vars, run.deps.templater) ?? false;
    const notify: string[] = [];
    const result = task.loop === undefined ? await runItem(call, host, vars, settings, delegated) : await runLoop(call, host, vars, settings, noLog, delegated, notify);
    if (result.changed && check && !forceRun) hostState(run, host).simulatedChange = true;
    if (task.loop === undefined && result.changed) notify.push(...notifyNames(call, vars));
    return { host, result, status: statusOf(result), unreachable: false, noLog, ignoreErrors, diff, delegatedTo: delegated.to, notify: [...new Set(notify)] };
  } catch (error) {
    if (error instanceof UnreachableError) {
      return { host, result: { changed: false, unreachable: true, msg: error.format() }, status: 'unreachable', unreachable: true, noLog, ignoreErrors, diff };
    }
    if (isClawError(error)) {
      return { host, result: { changed: false, failed: true, msg: error.format() }, status: 'failed', unreachable: false, noLog, ignoreErrors, diff };
    }
    throw error;
  } finally {
    forgetTask(run, host, task);
  }
}

export function statusOf(result: ModuleResult): HostStatus {
  if (result.unreachable === true) return 'unreachable';
  if (result.failed === true) return 'failed';
  if (result.skipped === true) return 'skipped';
  return result.changed ? 'changed' : 'ok';
}

/** The result as printers may show it. */
export function shownResult(result: ModuleResult, noLog: boolean): ModuleResult {
  if (noLog) return { censored: CENSORED, changed: result.changed, ...(result.failed ? { failed: true } : {}), ...(result.skipped ? { skipped: true } : {}) };
  return redactValue(result);
}

async function runLoop(call: TaskCall, host: string, vars: Vars, settings: InvokeSettings, noLog: boolean, delegated: { to?: string | undefined }, notified: string[]): Promise<ModuleResult> {
  const { run, task } = call;
  const items = run.deps.templater.templateDeep(task.loop, vars, task.source);
  if (!Array.isArray(items)) {
    return { changed: false, failed: true, msg: `Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(items)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.` };
  }
  if (items.length === 0) return { changed: false, skipped: true, skipped_reason: 'No items in the list', results: [] };
  const control = task.loopControl;
  const results: ModuleResult[] = [];
  for (const index of items.keys()) {
    if (index > 0 && control?.pause) await (run.options.sleep ?? sleep)(control.pause * 1000);
    const perItem = loopVars(control, items, index);
    const itemVars: Vars = { ...vars, ...perItem };
    let result: ModuleResult;
    try {
      result = await runItem(call, host, itemVars, settings, delegated);
    } catch (error) {
      if (!isClawError(error) || error instanceof UnreachableError) throw error;
      result = { changed: false, failed: true, msg: error.format() };
    }
    result = { ...result, failed: result.failed === true, ...perItem };
    if (result.changed) notified.push(...notifyNames(call, itemVars));
    results.push(result);
    run.reporter.emit({
      type: 'host-result', task: call.name, host, status: statusOf(result), result: shownResult(result, noLog),
      item: noLog ? '(censored due to no_log)' : itemLabel(call, itemVars, perItem), noLog, diff: settings.diff && !noLog ? result.diff : undefined, delegatedTo: delegated.to, action: task.module,
    });
  }
  return aggregate(results);
}

/** `loop_control.label` (templated with the item's vars) or the item, as shown in results. */
function itemLabel(call: TaskCall, itemVars: Vars, perItem: Vars): string {
  const label = call.task.loopControl?.label;
  const loopVar = String(perItem.ansible_loop_var);
  return pyStr(label === undefined ? perItem[loopVar] : call.run.deps.templater.template(label, itemVars, call.task.source));
}

/** As Ansible, notify names may be templates, rendered with the task's (item's) variables. */
function notifyNames(call: TaskCall, vars: Vars): string[] {
  const templater = call.run.deps.templater;
  return call.task.notify.map((name) => (templater.isTemplate(name) ? String(templater.template(name, vars, call.task.source)) : name));
}

function aggregate(results: ModuleResult[]): ModuleResult {
  const out: ModuleResult = { changed: results.some((r) => r.changed), results };
  if (results.some((r) => r.failed)) Object.assign(out, { failed: true, msg: 'One or more items failed' });
  else out.msg = 'All items completed';
  if (results.every((r) => r.skipped)) out.skipped = true;
  return out;
}

async function runItem(call: TaskCall, host: string, vars: Vars, settings: InvokeSettings, delegated: { to?: string | undefined }): Promise<ModuleResult> {
  const { run, task } = call;
  const falseCondition = whenHolds(run.deps.templater, task, vars);
  if (falseCondition !== undefined) {
    return { changed: false, skipped: true, skip_reason: 'Conditional result was False', false_condition: falseCondition };
  }
  const attempts = task.until === undefined ? 1 : untilAttempts(numberOf(run, task.retries, vars));
  const delay = task.until === undefined ? 0 : (numberOf(run, task.delay, vars) ?? 5);
  let result: ModuleResult = { changed: false };
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const invocation = await invoke(run, call.play, task, host, vars, settings);
    delegated.to = invocation.delegatedTo;
    result = applyResultConditions(run.deps.templater, task, vars, invocation.result);
    if (invocation.fromModule) result = checkModeNote(result, settings, hostState(run, host).simulatedChange);
    // A module's executor has already dropped what its steps changed; an action may change anything.
    if (result.changed && !invocation.fromModule) invalidateFacts(run, invocation.delegatedTo ?? host);
    if (task.until === undefined) break;
    result.attempts = attempt;
    const done = run.deps.templater.condition(task.until, { ...vars, ...(task.register ? { [task.register]: result } : {}) }, task.source);
    if (done) break;
    if (attempt === attempts) {
      result.failed = true;
      break;
    }
    run.reporter.emit({ type: 'verbose', level: 0, host, message: `FAILED - RETRYING: [${host}]: ${call.name} (${attempts - attempt} retries left).` });
    if (delay > 0) await (run.options.sleep ?? sleep)(delay * 1000);
  }
  return result;
}

function numberOf(run: RunState, value: number | string | undefined, vars: Vars): number | undefined {
  if (value === undefined) return undefined;
  const templated = typeof value === 'string' ? run.deps.templater.template(value, vars) : value;
  const parsed = Number(templated);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
