import type { Connection } from '../connection/types.js';
import type { Fact, FactReader } from '../facts/types.js';
import { normalizeArgs } from '../modules/args.js';
import type { ControllerFiles, ModuleContext } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import { findAction } from './actions/index.js';
import { whenHolds } from './conditions.js';
import { dropOmit, effectiveCheck, effectiveDiff, resolveBecome } from './keywords.js';
import { loopVars } from './loop-vars.js';
import type { PlayState, RunState } from './run-state.js';
import { taskVars, type Scope } from './task-vars.js';

// A look-ahead recording (see prefetch.ts): one upcoming module task on one host (one loop
// item), its arguments templated with the host's variables as they are now, and its module's
// gather ready to be replayed against the fact cache.

const MAX_ITEMS = 20;

export interface Recording {
  user: string | undefined;
  rounds: number;
  /** The facts the last replay stopped at; undefined once the gather finished or gave up. */
  asked: Fact<unknown>[] | undefined;
  /** Every fact the last replay read: one a change dropped since rides along again. */
  needs: Fact<unknown>[];
  /** Dropped once the gather finished or gave up (it holds the item's variables). */
  gather: ((reader: FactReader, round: number) => Promise<unknown>) | undefined;
  /** The templated arguments and the variables they were made from (prefetch.ts preparedArgs). */
  prepared: PreparedArgs | undefined;
}

export interface PreparedArgs {
  args: Record<string, unknown>;
  reads: ReadonlyMap<string, unknown>;
}

export interface RecordingRequest {
  run: RunState;
  play: PlayState;
  host: string;
  controller(task: Task, vars: Vars): ControllerFiles;
}

export type BaseVars = (scope: Scope, task: Task) => Vars;

/** One recording per loop item whose `when` holds; none for tasks that will not run as module tasks here. */
export function newRecordings(request: RecordingRequest, task: Task, scope: Scope, base: BaseVars): Recording[] {
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
      const templated = run.deps.templater.templateDeepTracked(task.args, itemVars, task.source);
      const args = dropOmit(templated.value) as Record<string, unknown>;
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
        prepared: templated.reads ? { args, reads: templated.reads } : undefined,
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
export function baseVars(request: RecordingRequest): BaseVars {
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
export const STOP = Symbol('prefetch-stop');

const NO_CONNECTION: Connection = {
  host: 'prefetch',
  run: () => Promise.reject(STOP),
  put: () => Promise.reject(STOP),
  get: () => Promise.reject(STOP),
  close: async () => undefined,
};
