import type { Fact, FactCache, FactReader } from '../facts/types.js';
import type { ControllerFiles } from '../modules/types.js';
import type { Task, TaskNode, Vars } from '../playbook/model.js';
import { readsHold } from '../template/index.js';
import { baseVars, newRecordings, STOP, type Recording } from './prefetch-recording.js';
import type { Cursor, PlayState, RunState } from './run-state.js';
import type { Scope } from './task-vars.js';

// Look-ahead: when a task has to read facts from its host anyway, the same remote command
// also reads the facts the next tasks will ask for. Each upcoming module task's arguments are
// templated with the host's current variables and its module's own `gather` runs against a
// recording reader, which answers from the cache and stops the gather at its first read of
// something uncached. Those facts ride along. It is only a guess: every task still gathers
// and plans just before it runs, and a fact a change dropped in between is read again then.
// A gather that stopped is replayed on a later read once its facts have arrived, so its next
// read rides along too (copy: the old content for --diff). Nothing here may fail a task.
// The arguments templated here are reused when the task runs, if every variable they read
// still holds the same value then (preparedArgs); a task's recordings go once it has run.

const MAX_TASKS = 150;
/** Later reads re-check fewer tasks: what earlier changes dropped matters most to the next ones. */
const RECHECK_TASKS = 40;
const MAX_ROUNDS = 3;
/** Bounds the work here; the reader trims a batch to what one command can carry. */
const MAX_FACTS = 300;

export interface LookaheadRequest {
  run: RunState;
  play: PlayState;
  host: string;
  /** The become user of the read that will carry the facts. */
  user: string | undefined;
  /** The host's fact cache for a become user, when there is one. */
  cacheFor(user: string | undefined): FactCache | undefined;
  /** Sum of the host's caches' full drops: recordings made before the last one are void. */
  fullDrops: number;
  controller(task: Task, vars: Vars): ControllerFiles;
}

interface HostLookahead {
  fullDrops: number;
  recordings: Map<Task, Recording[]>;
  /** A first look-ahead (since the last full drop) was made. */
  walked: boolean;
}

const states = new WeakMap<RunState, Map<string, HostLookahead>>();

/** Facts the upcoming tasks will read, not cached yet, for the read of `request.user`. */
export async function lookaheadFacts(request: LookaheadRequest): Promise<Fact<unknown>[]> {
  try {
    return await collect(request);
  } catch {
    return [];
  }
}

async function collect(request: LookaheadRequest): Promise<Fact<unknown>[]> {
  const { run, play } = request;
  if (!play.cursor || run.waitingForStartTask) return [];
  const state = hostLookahead(request);
  const cache = request.cacheFor(request.user);
  const extra = new Map<string, Fact<unknown>>();
  const base = baseVars(request);
  const limit = state.walked ? RECHECK_TASKS : MAX_TASKS;
  state.walked = true;
  for (const { task, scope } of upcoming(play.cursor, limit)) {
    let recordings = state.recordings.get(task);
    if (!recordings) state.recordings.set(task, (recordings = newRecordings(request, task, scope, base)));
    for (const recording of recordings) {
      // Awaited only when there is a gather to replay: most walks find none, and this runs per upcoming task.
      if (recording.gather && dueForReplay(recording, request)) await replay(recording, request.cacheFor(recording.user));
      if (recording.user !== request.user) continue;
      for (const fact of recording.needs) {
        if (extra.has(fact.key) || cache?.has(fact.key)) continue;
        extra.set(fact.key, fact);
        if (extra.size >= MAX_FACTS) return [...extra.values()];
      }
    }
  }
  return [...extra.values()];
}

function hostLookahead(request: LookaheadRequest): HostLookahead {
  let byHost = states.get(request.run);
  if (!byHost) states.set(request.run, (byHost = new Map()));
  let state = byHost.get(request.host);
  if (!state || state.fullDrops !== request.fullDrops) byHost.set(request.host, (state = { fullDrops: request.fullDrops, recordings: new Map(), walked: false }));
  return state;
}

/** Up to `limit` tasks after the cursor, into blocks, up to the first include or meta (the flow may change there). */
function upcoming(frames: Cursor[], limit: number): Array<{ task: Task; scope: Scope }> {
  const out: Array<{ task: Task; scope: Scope }> = [];
  for (const frame of frames) {
    for (let index = frame.index + 1; index < frame.nodes.length; index += 1) {
      if (!visit(frame.nodes[index] as TaskNode, frame.scope, out, limit)) return out;
    }
  }
  return out;
}

/** Adds the node's tasks to `out`; false where the walk ends (include, meta, limit reached). */
function visit(node: TaskNode, scope: Scope, out: Array<{ task: Task; scope: Scope }>, limit: number): boolean {
  if (out.length >= limit || node.kind === 'include_tasks') return false;
  if (node.kind === 'task') {
    if (node.module === 'ansible.builtin.meta') return false;
    out.push({ task: node, scope });
    return true;
  }
  const inner: Scope = { ...scope, blockVars: [...scope.blockVars, node.vars] };
  for (const child of node.block) if (!visit(child, inner, out, limit)) return false;
  for (const child of node.always) if (!visit(child, inner, out, limit)) return false;
  return true;
}

/** A new recording, or one whose gather stopped at facts that have all arrived since. */
function dueForReplay(recording: Recording, request: LookaheadRequest): boolean {
  if (recording.rounds === 0) return true;
  if (recording.asked === undefined || recording.rounds >= MAX_ROUNDS) return false;
  const cache = request.cacheFor(recording.user);
  return recording.asked.every((fact) => cache?.peek(fact.key) !== undefined);
}

/** Runs the gather against the cache; notes what it read and the facts it stopped at. */
async function replay(recording: Recording, cache: FactCache | undefined): Promise<void> {
  const gather = recording.gather;
  if (!gather) return;
  let asked: Fact<unknown>[] | undefined;
  const needs: Fact<unknown>[] = [];
  const reader: FactReader = {
    read: async (facts) => {
      needs.push(...facts);
      const values = facts.map((fact) => cache?.peek(fact.key));
      if (values.every((value) => value !== undefined)) return values.map((value) => value?.value) as never;
      asked = [...facts];
      throw STOP;
    },
    invalidate: () => {
      throw STOP;
    },
  };
  try {
    await gather(reader, recording.rounds);
    recording.asked = undefined;
  } catch (error) {
    recording.asked = error === STOP ? asked : undefined;
  }
  recording.needs = needs;
  recording.rounds += 1;
  // Only a gather that stopped at facts still to come is replayed.
  if (recording.asked === undefined || recording.rounds >= MAX_ROUNDS) recording.gather = undefined;
}

/**
 * The task's arguments as the look-ahead templated them for this host, when templating them
 * with `vars` now would read the same variable values (a register, set_fact or fact gathered
 * in between changes them); undefined otherwise.
 */
export function preparedArgs(run: RunState, host: string, task: Task, vars: Vars): Record<string, unknown> | undefined {
  for (const recording of states.get(run)?.get(host)?.recordings.get(task) ?? []) {
    if (recording.prepared && readsHold(recording.prepared.reads, vars)) return recording.prepared.args;
  }
  return undefined;
}

/** The task has run on the host: its recordings are of no further use. */
export function forgetTask(run: RunState, host: string, task: Task): void {
  states.get(run)?.get(host)?.recordings.delete(task);
}

