import type { Connection } from '../connection/types.js';
import type { Fact, FactCache, FactReader } from '../facts/types.js';
import { normalizeArgs } from '../modules/args.js';
import type { ControllerFiles, ModuleContext } from '../modules/types.js';
import type { Task, TaskNode, Vars } from '../playbook/model.js';
import { findAction } from './actions/index.js';
import { whenHolds } from './conditions.js';
import { dropOmit, effectiveCheck, effectiveDiff, resolveBecome } from './keywords.js';
import { loopVars } from './loop-vars.js';
import type { Cursor, PlayState, RunState } from './run-state.js';
import { taskVars, type Scope } from './task-vars.js';

// Look-ahead: when a task has to read facts from its host anyway, the same remote command
// also reads the facts the next tasks will ask for. Each upcoming module task's arguments are
// templated with the host's current variables and its module's own `gather` runs against a
// recording reader, which answers from the cache and stops the gather at its first read of
// something uncached. Those facts ride along. It is only a guess: every task still gathers
// and plans just before it runs, and a fact a change dropped in between is read again then.
// A gather that stopped is replayed on a later read once its facts have arrived, so its next
// read rides along too (copy: the old content for --diff). Nothing here may fail a task.

const MAX_TASKS = 150;
/** Later reads re-check fewer tasks: what earlier changes dropped matters most to the next ones. */
const RECHECK_TASKS = 40;
const MAX_ITEMS = 20;
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

interface Recording {
  user: string | undefined;
  rounds: number;
  /** The facts the last replay stopped at; undefined once the gather finished or gave up. */
  asked: Fact<unknown>[] | undefined;
  /** Every fact the last replay read: one a change dropped since rides along again. */
  needs: Fact<unknown>[];
  gather(reader: FactReader, round: number): Promise<unknown>;
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
  let tasks = 0;
  for (const { task, scope } of upcoming(play.cursor)) {
    if (++tasks > limit) break;
    const recordings = await recordingsOf(request, state, task, scope, base);
    for (const recording of recordings) {
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

/** The tasks after the cursor, into blocks, up to the first include or meta (the flow may change there). */
function* upcoming(frames: Cursor[]): Generator<{ task: Task; scope: Scope }, void> {
  for (const frame of frames) {
    for (const node of frame.nodes.slice(frame.index + 1)) {
      if (!(yield* visit(node, frame.scope))) return;
    }
  }
}

function* visit(node: TaskNode, scope: Scope): Generator<{ task: Task; scope: Scope }, boolean> {
  if (node.kind === 'include_tasks') return false;
  if (node.kind === 'task') {
    if (node.module === 'ansible.builtin.meta') return false;
    yield { task: node, scope };
    return true;
  }
  const inner: Scope = { ...scope, blockVars: [...scope.blockVars, node.vars] };
  for (const child of [...node.block, ...node.always]) {
    if (!(yield* visit(child, inner))) return false;
  }
  return true;
}

/** A task's recordings: made on first sight, replayed when the facts they stopped at have arrived. */
async function recordingsOf(request: LookaheadRequest, state: HostLookahead, task: Task, scope: Scope, base: (scope: Scope, task: Task) => Vars): Promise<Recording[]> {
  let recordings = state.recordings.get(task);
  if (!recordings) {
    state.recordings.set(task, (recordings = newRecordings(request, task, scope, base)));
    for (const recording of recordings) await replay(recording, request.cacheFor(recording.user));
    return recordings;
  }
  for (const recording of recordings) {
    const cache = request.cacheFor(recording.user);
    const arrived = recording.asked?.every((fact) => cache?.peek(fact.key) !== undefined) ?? false;
    if (arrived && recording.rounds < MAX_ROUNDS) await replay(recording, cache);
  }
  return recordings;
}

const STOP = Symbol('prefetch-stop');

/** Runs the gather against the cache; notes what it read and the facts it stopped at. */
async function replay(recording: Recording, cache: FactCache | undefined): Promise<void> {
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
    await recording.gather(reader, recording.rounds);
    recording.asked = undefined;
  } catch (error) {
    recording.asked = error === STOP ? asked : undefined;
  }
  recording.needs = needs;
  recording.rounds += 1;
}

/** One recording per loop item whose `when` holds; none for tasks that will not run as module tasks here. */
function newRecordings(request: LookaheadRequest, task: Task, scope: Scope, base: (scope: Scope, task: Task) => Vars): Recording[] {
  const { run, play } = request;
  if (task.delegateTo !== undefined || task.runOnce || findAction(task.module) || !run.deps.shouldRun(task.tags)) return [];
  const descriptor = run.deps.findModule(task.module);
  const module = descriptor?.module;
  if (!descriptor || !module) return [];
  try {
    const vars = Object.keys(task.vars).length > 0 ? taskVars(run, play, { host: request.host, scope, taskVars: task.vars, role: task.role, check: run.options.check, diff: run.options.diff }) : base(scope, task);
    const out: Recording[] = [];
    for (const itemVars of itemsOf(run, task, vars)) {
      if (whenHolds(run.deps.templater, task, itemVars) !== undefined) continue;
      const args = dropOmit(run.deps.templater.templateDeep(task.args, itemVars, task.source)) as Record<string, unknown>;
      const normalized = normalizeArgs(descriptor.name.split('.').pop() ?? descriptor.name, descriptor.schema, args);
      if (!normalized.ok) continue;
      const become = resolveBecome(task, play.play, itemVars, run.deps.templater, { password: run.options.becomePassword });
      const { check, forceRun } = effectiveCheck(task, play.play, run.options.check);
      const diff = effectiveDiff(task, play.play, run.options.diff);
      const context = { host: request.host, connection: NO_CONNECTION, check, diff, become, forceRun };
      out.push({
        user: become?.user,
        rounds: 0,
        asked: undefined,
        needs: [],
        gather: (facts, round) => {
          const controller = round === 0 ? GUESSING_CONTROLLER : request.controller(task, itemVars);
          return module.gather(normalized.args, { ...context, facts, controller } satisfies ModuleContext);
        },
      });
    }
    return out;
  } catch {
    return [];
  }
}

function itemsOf(run: RunState, task: Task, vars: Vars): Vars[] {
  if (task.loop === undefined) return [vars];
  const items = run.deps.templater.templateDeep(task.loop, vars, task.source);
  if (!Array.isArray(items)) return [];
  return items.slice(0, MAX_ITEMS).map((_item, index) => ({ ...vars, ...loopVars(task.loopControl, items, index) }));
}

/** Variables of tasks without their own `vars:`, once per scope and role for this look-ahead. */
function baseVars(request: LookaheadRequest): (scope: Scope, task: Task) => Vars {
  const memo = new Map<Scope, Map<string, Vars>>();
  return (scope, task) => {
    let byRole = memo.get(scope);
    if (!byRole) memo.set(scope, (byRole = new Map()));
    const role = task.role?.path ?? '';
    let vars = byRole.get(role);
    if (!vars) {
      const { run, play, host } = request;
      byRole.set(role, (vars = taskVars(run, play, { host, scope, role: task.role, check: run.options.check, diff: run.options.diff })));
    }
    return vars;
  };
}

/**
 * What the facts a gather asks for first depend on is its arguments, never the bytes of a
 * controller file, so the first round does not look files up or render templates. Later
 * rounds (copy's diff read compares checksums with the content) get the real files.
 */
const GUESSING_CONTROLLER: ControllerFiles = {
  find: async (_kind, src) => src,
  read: async () => Buffer.alloc(0),
  renderTemplate: async () => '',
};

/** Gathers do no IO of their own; a look-ahead must never reach the host outside the batch. */
const NO_CONNECTION: Connection = {
  host: 'prefetch',
  run: () => Promise.reject(STOP),
  put: () => Promise.reject(STOP),
  get: () => Promise.reject(STOP),
  close: async () => undefined,
};
