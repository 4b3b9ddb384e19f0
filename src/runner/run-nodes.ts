import type { Block, Task, TaskNode } from '../playbook/model.js';
import { whenHolds } from './conditions.js';
import { flushHandlers } from './handlers.js';
import { runInclude } from './run-include.js';
import { hostState, statsOf, type Cursor, type PlayState, type RunState } from './run-state.js';
import { displayName, runTask } from './run-task.js';
import { taskVars, type Scope } from './task-vars.js';

// Walks a task tree with the linear strategy: each node on all of `hosts` still active,
// then the next. Blocks route failed hosts to `rescue` and every host that entered to
// `always`; meta directives change the flow here. The play's cursor records where the walk
// is, so a task that reads facts can read the next tasks' too (prefetch.ts).

export async function runNodes(run: RunState, play: PlayState, nodes: TaskNode[], scope: Scope, hosts: string[], outer: Cursor[] = []): Promise<void> {
  for (const [index, node] of nodes.entries()) {
    const active = stillActive(run, play, hosts);
    if (active.length === 0) return;
    const here: Cursor[] = [{ nodes, index, scope }, ...outer];
    play.cursor = here;
    if (node.kind === 'block') await runBlock(run, play, node, scope, active, here);
    else if (node.kind === 'include_tasks') await runInclude(run, play, node, scope, active, runNodes);
    else await runTaskNode(run, play, node, scope, active);
  }
  play.cursor = outer.length > 0 ? outer : undefined;
}

export function stillActive(run: RunState, play: PlayState, hosts: string[]): string[] {
  if (play.endedPlay || run.interrupted) return [];
  return hosts.filter((host) => {
    const state = hostState(run, host);
    return !state.failed && !state.unreachable && !play.ended.has(host);
  });
}

async function runTaskNode(run: RunState, play: PlayState, task: Task, scope: Scope, hosts: string[]): Promise<void> {
  if (run.options.signal?.aborted) {
    run.interrupted = true;
    return;
  }
  if (!run.deps.shouldRun(task.tags)) return;
  if (run.waitingForStartTask) {
    // Ansible matches the name as written or as shown ("role : name").
    if (task.name !== run.options.startAtTask && displayName(task) !== run.options.startAtTask) return;
    run.waitingForStartTask = false;
  }
  if (run.options.step && !(await run.options.step(task.name ?? task.moduleAsWritten))) return;
  if (task.module === 'ansible.builtin.meta') {
    await runMeta(run, play, task, scope, hosts);
    return;
  }
  await runTask(run, play, task, scope, hosts);
}

async function runBlock(run: RunState, play: PlayState, block: Block, scope: Scope, entered: string[], here: Cursor[]): Promise<void> {
  const inner: Scope = { ...scope, blockVars: [...scope.blockVars, block.vars] };
  await runNodes(run, play, block.block, inner, entered, here);
  const failed = entered.filter((host) => hostState(run, host).failed && !hostState(run, host).unreachable);
  if (block.rescue.length > 0 && failed.length > 0) {
    for (const host of failed) rescue(run, host);
    await runNodes(run, play, block.rescue, inner, failed, here);
  }
  if (block.always.length > 0) {
    const stillFailed = entered.filter((host) => hostState(run, host).failed && !hostState(run, host).unreachable);
    // `always` runs for hosts that failed in the block too; they stay failed afterwards.
    for (const host of stillFailed) hostState(run, host).failed = false;
    await runNodes(run, play, block.always, inner, entered, here);
    for (const host of stillFailed) hostState(run, host).failed = true;
  }
}

/** A failure caught by `rescue` counts as rescued, not failed, and is visible to the rescue tasks. */
function rescue(run: RunState, host: string): void {
  const state = hostState(run, host);
  const stats = statsOf(run, host);
  state.failed = false;
  stats.failed = Math.max(0, stats.failed - 1);
  stats.rescued += 1;
  if (state.failure) {
    state.setFacts.ansible_failed_task = { name: state.failure.task.name ?? state.failure.task.moduleAsWritten, action: state.failure.task.moduleAsWritten };
    state.setFacts.ansible_failed_result = state.failure.result;
  }
}

async function runMeta(run: RunState, play: PlayState, task: Task, scope: Scope, hosts: string[]): Promise<void> {
  const directive = String(task.args._raw_params ?? task.args.free_form ?? '').trim();
  const selected = hosts.filter((host) => {
    const vars = taskVars(run, play, { host, scope, taskVars: task.vars, role: task.role });
    return whenHolds(run.deps.templater, task, vars) === undefined;
  });
  if (selected.length === 0) return;
  switch (directive) {
    case 'flush_handlers':
      await flushHandlers(run, play);
      return;
    case 'end_play':
    case 'end_batch':
      play.endedPlay = true;
      return;
    case 'end_host':
      for (const host of selected) play.ended.add(host);
      return;
    case 'clear_facts':
      for (const host of selected) hostState(run, host).facts = {};
      return;
    case 'clear_host_errors':
      for (const host of play.hosts) hostState(run, host).failed = false;
      return;
    default:
      // noop, refresh_inventory (the inventory is static for a run), reset_connection.
      return;
  }
}
