import type { Become, Connection } from '../connection/types.js';
import type { FactCache, FactReader, Touch } from '../facts/types.js';
import type { ModuleResult } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import { runModuleGuarded } from '../guard/index.js';
import { findAction } from './actions/index.js';
import { controllerFiles, forgetControllerFiles } from './controller-files.js';
import { hostConnection, taskConnection } from './host-connection.js';
import { dropOmit, resolveBecome, resolveEnvironment } from './keywords.js';
import { lookaheadFacts, preparedArgs } from './prefetch.js';
import type { PlayState, RunState } from './run-state.js';
import { taskVars } from './task-vars.js';

// One invocation of a task on a host (one loop item, one `until` attempt): template the
// arguments, resolve become/environment/delegation, then run the action or the module
// through the module executor.

export interface InvokeSettings {
  check: boolean;
  forceRun: boolean;
  diff: boolean;
}

export interface Invocation {
  result: ModuleResult;
  delegatedTo?: string | undefined;
  /** True when the result came from a module (not a runner action). */
  fromModule: boolean;
}

export async function invoke(run: RunState, play: PlayState, task: Task, host: string, vars: Vars, settings: InvokeSettings): Promise<Invocation> {
  const templater = run.deps.templater;
  const rawArgs = task.args;
  const args = preparedArgs(run, host, task, vars) ?? dropOmit(templater.templateDeep(rawArgs, vars, task.source));
  const become = resolveBecome(task, play.play, vars, templater, { password: run.options.becomePassword });
  const env = resolveEnvironment(task, play.play, vars, templater);
  const delegatedTo = task.delegateTo === undefined ? undefined : String(templater.template(task.delegateTo, vars, task.source));
  const target = delegatedTo ?? host;
  const rawConnection = (): Promise<Connection> => {
    const targetVars = delegatedTo && delegatedTo !== host ? taskVars(run, play, { host: delegatedTo, scope: { blockVars: [] } }) : vars;
    return hostConnection(run, play.play, target, targetVars);
  };
  const onLine = (line: string): void => run.reporter.emit({ type: 'host-output', host, line });
  const connection = async (): Promise<Connection> => taskConnection(await rawConnection(), env);
  const action = findAction(task.module);
  if (action) {
    const check = settings.check && !settings.forceRun;
    const result = await action({ run, play, task, host, args, rawArgs, vars, become, check, connection });
    // An action's connection is opened (or not) inside it: any change may be on the controller.
    if (result.changed) forgetControllerFiles(run);
    return { result, delegatedTo, fromModule: false };
  }
  const descriptor = run.deps.findModule(task.module);
  if (!descriptor?.module) {
    return { result: { changed: false, failed: true, msg: `module ${task.moduleAsWritten} is not available in this build` }, delegatedTo, fromModule: false };
  }
  const raw = await rawConnection();
  // Changes to sshd's config go through the lockout guard (src/guard); all else runs as is.
  const result = await runModuleGuarded(run, play, task, host, vars, descriptor, args, {
    host: target,
    connection: taskConnection(raw, env, onLine),
    facts: factReader(run, play, { host, target }, raw, become),
    controller: controllerFiles(run, task, vars),
    check: settings.check,
    diff: settings.diff,
    become,
    forceRun: settings.forceRun,
  });
  // The lockout guard arms, reverts and reloads outside the plan's steps.
  if ('lockout_guard' in result || 'rolled_back' in result) invalidateFacts(run, target);
  // Steps ran (the module's own `changed`, before changed_when): on the controller, or on a
  // host that may be this machine, files a later task looks up may have appeared.
  if (result.changed) forgetControllerFiles(run);
  return { result, delegatedTo, fromModule: true };
}

interface CachedReader {
  connection: Connection;
  user: string | undefined;
  reader: FactReader;
}

const readers = new WeakMap<RunState, Map<string, CachedReader[]>>();

/**
 * One fact cache per host, connection and become user (a reconnect after a port change gets
 * a fresh one); a change on the host drops what it reaches in all of them. A read that must
 * go to the host anyway also carries the facts the next tasks will read (prefetch.ts), unless
 * the task is delegated (the look-ahead is about the task's own host).
 */
function factReader(run: RunState, play: PlayState, where: { host: string; target: string }, connection: Connection, become: Become | undefined): FactReader {
  const { host, target } = where;
  const list = readersOf(run, target);
  let cached = list.find((c) => c.connection === connection && c.user === become?.user);
  if (!cached) {
    cached = { connection, user: become?.user, reader: run.deps.createFactReader(taskConnection(connection, undefined), become) };
    list.push(cached);
  }
  const own = cached.reader;
  const invalidate = (touches?: readonly Touch[]): void => invalidateFacts(run, target, touches);
  if (!isFactCache(own) || host !== target) return { read: (facts) => own.read(facts), invalidate };
  const cacheFor = (user: string | undefined): FactCache | undefined => {
    const found = readersOf(run, host).find((c) => c.connection === connection && c.user === user)?.reader;
    return found && isFactCache(found) ? found : undefined;
  };
  return {
    async read(facts) {
      if (facts.every((fact) => own.has(fact.key))) return own.read(facts);
      const fullDrops = readersOf(run, host).reduce((sum, c) => sum + (isFactCache(c.reader) ? c.reader.fullDrops : 0), 0);
      const extra = await lookaheadFacts({ run, play, host, user: become?.user, cacheFor, fullDrops, controller: (task, vars) => controllerFiles(run, task, vars) });
      return own.read(facts, extra);
    },
    invalidate,
  };
}

function readersOf(run: RunState, host: string): CachedReader[] {
  let byHost = readers.get(run);
  if (!byHost) readers.set(run, (byHost = new Map()));
  let list = byHost.get(host);
  if (!list) byHost.set(host, (list = []));
  return list;
}

function isFactCache(reader: FactReader): reader is FactCache {
  return 'peek' in reader && 'has' in reader;
}

/** After a change on `host`: drops the cached facts `touches` can reach, or all of them. */
export function invalidateFacts(run: RunState, host: string, touches?: readonly Touch[]): void {
  for (const cached of readers.get(run)?.get(host) ?? []) cached.reader.invalidate(touches);
}
