import { isAbsolute, resolve } from 'node:path';
import { ClawError, EXIT, isClawError } from '../errors.js';
import type { IncludeTasks, TaskNode, Vars } from '../playbook/model.js';
import { pyStr } from '../template/py/repr.js';
import { whenHolds } from './conditions.js';
import { loopVars as loopVarsOf } from './loop-vars.js';
import { hostState, statsOf, type PlayState, type RunState } from './run-state.js';
import { renderedName } from './run-task.js';
import { taskVars, type Scope } from './task-vars.js';

// include_tasks: per host, `when` and `loop` decide how many times which file is included
// (the file name may be templated); hosts including the same file at the same position run
// it together, each with its own include params (vars + loop item).

type RunNodes = (run: RunState, play: PlayState, nodes: TaskNode[], scope: Scope, hosts: string[]) => Promise<void>;

interface Inclusion {
  file: string;
  params: Vars;
  /** The item as shown (loop_control.label or the loop variable). */
  label: string;
}

export async function runInclude(run: RunState, play: PlayState, include: IncludeTasks, scope: Scope, hosts: string[], runNodes: RunNodes): Promise<void> {
  if (!run.deps.shouldRun(include.tags)) return;
  const name = includeName(run, play, include, scope, hosts[0]);
  run.reporter.emit({ type: 'task-start', name, source: include.source, hosts, handler: false });
  const perHost = new Map<string, Inclusion[]>();
  for (const host of hosts) {
    const inclusions = inclusionsFor(run, play, include, scope, host, name);
    if (inclusions) perHost.set(host, inclusions);
  }
  const rounds = Math.max(0, ...[...perHost.values()].map((list) => list.length));
  for (let round = 0; round < rounds; round += 1) {
    const byFile = new Map<string, string[]>();
    for (const [host, list] of perHost) {
      const entry = list[round];
      if (entry) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), host]);
    }
    for (const [file, fileHosts] of byFile) {
      let nodes: TaskNode[];
      try {
        nodes = await run.deps.loadIncludedTasks(file, include);
      } catch (error) {
        if (!isClawError(error)) throw error;
        for (const host of fileHosts) failHost(run, host, name, error.format());
        continue;
      }
      const params = (host: string): Vars => ({ ...(scope.includeParams?.(host) ?? {}), ...(perHost.get(host)?.[round]?.params ?? {}) });
      await runNodes(run, play, nodes, { ...scope, includeParams: params, role: include.role ?? scope.role }, fileHosts);
    }
  }
}

/** The files a host includes, or undefined when the include failed for it (already reported). */
function inclusionsFor(run: RunState, play: PlayState, include: IncludeTasks, scope: Scope, host: string, name: string): Inclusion[] | undefined {
  const templater = run.deps.templater;
  try {
    const vars = { ...taskVars(run, play, { host, scope, role: include.role }), ...include.vars };
    const items = include.loop === undefined ? [undefined] : templater.templateDeep(include.loop, vars, include.source);
    if (!Array.isArray(items)) {
      throw new ClawError('bad-loop', `Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(items)}`, EXIT.ERROR, { where: include.source });
    }
    const out: Inclusion[] = [];
    for (const index of items.keys()) {
      const loopVars: Vars = include.loop === undefined ? {} : loopVarsOf(include.loopControl, items, index);
      const itemVars = { ...vars, ...loopVars };
      if (whenHolds(templater, include, itemVars) !== undefined) continue;
      const file = String(templater.template(include.file, itemVars, include.source));
      const params = templater.templateDeep({ ...include.vars }, itemVars, include.source);
      const label = include.loopControl?.label === undefined ? items[index] : templater.template(include.loopControl.label, itemVars, include.source);
      out.push({ file: isAbsolute(file) ? file : resolve(include.baseDir, file), params: { ...params, ...loopVars }, label: pyStr(label) });
    }
    reportInclusions(run, host, name, include, out);
    return out;
  } catch (error) {
    if (!isClawError(error)) throw error;
    failHost(run, host, name, error.format());
    return undefined;
  }
}

/** One result per host, items shown apart; each included file counts as ok (as ansible-playbook counts). */
function reportInclusions(run: RunState, host: string, name: string, include: IncludeTasks, out: Inclusion[]): void {
  const action = 'ansible.builtin.include_tasks';
  if (include.loop !== undefined) {
    for (const entry of out) {
      run.reporter.emit({ type: 'host-result', task: name, host, status: 'ok', result: { changed: false, include: entry.file }, item: entry.label, noLog: false, action });
    }
  }
  const skipped = out.length === 0;
  if (skipped) statsOf(run, host).skipped += 1;
  else statsOf(run, host).ok += out.length;
  const result = skipped ? { changed: false, skipped: true } : { changed: false, include: out[0]?.file, include_args: {} };
  run.reporter.emit({ type: 'host-result', task: name, host, status: skipped ? 'skipped' : 'ok', result, noLog: false, action });
}

/** As a task's, the include's name is shown templated with the first host's vars when it can be. */
function includeName(run: RunState, play: PlayState, include: IncludeTasks, scope: Scope, host: string | undefined): string {
  if (host === undefined || !include.name) return include.name ?? 'include_tasks';
  return renderedName(run, include.name, () => ({ ...taskVars(run, play, { host, scope, role: include.role }), ...include.vars }), include.source);
}

function failHost(run: RunState, host: string, task: string, msg: string): void {
  const state = hostState(run, host);
  state.failed = true;
  statsOf(run, host).failed += 1;
  run.reporter.emit({ type: 'host-result', task, host, status: 'failed', result: { changed: false, failed: true, msg }, noLog: false });
}
