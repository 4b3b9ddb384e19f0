import type { Handler, Task } from '../playbook/model.js';
import { hostState, type PendingHandler, type PlayState, type RunState } from './run-state.js';
import { runTask } from './run-task.js';
import { savePending } from './pending-handlers.js';

// notify/listen and flushing: a handler runs once per flush on the hosts that notified it,
// in the order handlers are DEFINED (not notified). Failed hosts run handlers only with
// --force-handlers.

/**
 * Marks matching handlers notified; returns an error message when a name matches none.
 * `names` are the task's notify names as rendered for the host (default: as written).
 */
export function notifyHandlers(run: RunState, play: PlayState, task: Task, hosts: string[], names: readonly string[] = task.notify): string | undefined {
  for (const name of names) {
    const indices = matchingHandlers(play.play.handlers, name);
    if (indices.length === 0) {
      return `The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`;
    }
    for (const index of indices) {
      let notified = play.notified.get(index);
      if (!notified) play.notified.set(index, (notified = new Set()));
      for (const host of hosts) notified.add(host);
    }
  }
  return undefined;
}

export function matchingHandlers(handlers: Handler[], name: string): number[] {
  const out: number[] = [];
  handlers.forEach((handler, index) => {
    const qualified = handler.role && handler.name ? `${handler.role.name} : ${handler.name}` : undefined;
    if (handler.name === name || qualified === name || handler.listen.includes(name)) out.push(index);
  });
  return out;
}

export async function flushHandlers(run: RunState, play: PlayState): Promise<void> {
  // A handler may notify another; later ones run in this same pass, earlier ones in the next.
  for (let pass = 0; pass < 10 && play.notified.size > 0; pass += 1) {
    for (const [index, handler] of play.play.handlers.entries()) {
      const notified = play.notified.get(index);
      if (!notified || interrupted(run) || play.endedPlay) continue;
      const hosts = [...notified].filter((host) => canRunHandler(run, play, host));
      if (hosts.length === 0) continue;
      play.notified.delete(index);
      await runTask(run, play, handler, { blockVars: [], role: handler.role }, hosts, true);
    }
    await journalNotifications(run, play);
    if (interrupted(run) || play.endedPlay) return;
    if (![...play.notified.values()].some((hosts) => [...hosts].some((host) => canRunHandler(run, play, host)))) return;
  }
}

/** SIGINT may arrive while the last task runs, before the scheduler sets `interrupted`. */
function interrupted(run: RunState): boolean {
  if (run.options.signal?.aborted) run.interrupted = true;
  return run.interrupted;
}

function canRunHandler(run: RunState, play: PlayState, host: string): boolean {
  const state = hostState(run, host);
  if (state.unreachable || play.ended.has(host)) return false;
  return !state.failed || run.options.forceHandlers;
}

function notifiedEntries(play: PlayState): PendingHandler[] {
  const entries: PendingHandler[] = [];
  for (const [index, hosts] of play.notified) {
    const handler = play.play.handlers[index];
    if (handler && hosts.size > 0) entries.push({ play: play.play.name, handler: handler.name ?? handler.moduleAsWritten, hosts: [...hosts] });
  }
  return entries;
}

/** Notifications still pending at the end of a play (failed hosts, interruption). */
export function leftoverNotifications(run: RunState, play: PlayState): void {
  run.pendingHandlers.push(...notifiedEntries(play));
  play.notified.clear();
}

/**
 * Journals what is notified but has not run yet, whenever that changes, so even a SIGKILL
 * cannot lose a restart a changed config needs (the next run delivers it first).
 * Check mode writes nothing.
 */
export async function journalNotifications(run: RunState, play: PlayState): Promise<void> {
  if (run.options.check) return;
  const pending = [...run.pendingHandlers, ...notifiedEntries(play)];
  const signature = JSON.stringify(pending);
  if (signature === run.journaled) return;
  run.journaled = signature;
  await savePending(run.stateDir, pending);
}
