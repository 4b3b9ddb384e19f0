import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Become, Connection } from '../connection/types.js';
import { ClawError, EXIT } from '../errors.js';
import type { FactReader } from '../facts/types.js';
import type { ControllerFiles, ModuleResult } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import { findAction } from './actions/index.js';
import { hostConnection, withEnvironment } from './host-connection.js';
import { dropOmit, resolveBecome, resolveEnvironment } from './keywords.js';
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
  const args = dropOmit(templater.templateDeep(rawArgs, vars, task.source));
  const become = resolveBecome(task, play.play, vars, templater, { password: run.options.becomePassword });
  const env = resolveEnvironment(task, play.play, vars, templater);
  const delegatedTo = task.delegateTo === undefined ? undefined : String(templater.template(task.delegateTo, vars, task.source));
  const target = delegatedTo ?? host;
  const connection = async (): Promise<Connection> => {
    const targetVars = delegatedTo && delegatedTo !== host ? taskVars(run, play, { host: delegatedTo, scope: { blockVars: [] } }) : vars;
    return withEnvironment(await hostConnection(run, play.play, target, targetVars), env);
  };
  const action = findAction(task.module);
  if (action) {
    const result = await action({ run, play, task, host, args, rawArgs, vars, become, connection });
    return { result, delegatedTo, fromModule: false };
  }
  const descriptor = run.deps.findModule(task.module);
  if (!descriptor?.module) {
    return { result: { changed: false, failed: true, msg: `module ${task.moduleAsWritten} is not available in this build` }, delegatedTo, fromModule: false };
  }
  const conn = await connection();
  const result = await run.deps.runModule(descriptor, args, {
    host: target,
    connection: conn,
    facts: factReader(run, target, conn, become),
    controller: controllerFiles(run, task, vars),
    check: settings.check,
    diff: settings.diff,
    become,
    forceRun: settings.forceRun,
  });
  return { result, delegatedTo, fromModule: true };
}

const readers = new WeakMap<RunState, Map<string, FactReader>>();

/** One fact cache per host and become user; a change on the host drops them all. */
function factReader(run: RunState, host: string, connection: Connection, become: Become | undefined): FactReader {
  let byKey = readers.get(run);
  if (!byKey) readers.set(run, (byKey = new Map()));
  const key = `${host}\0${become?.user ?? ''}`;
  let reader = byKey.get(key);
  if (!reader) {
    reader = run.deps.createFactReader(connection, become);
    byKey.set(key, reader);
  }
  const own = reader;
  return { read: (facts) => own.read(facts), invalidate: () => invalidateFacts(run, host) };
}

export function invalidateFacts(run: RunState, host: string): void {
  for (const [key, reader] of readers.get(run) ?? []) {
    if (key.startsWith(`${host}\0`)) reader.invalidate();
  }
}

function controllerFiles(run: RunState, task: Task, vars: Vars): ControllerFiles {
  return {
    async find(kind, src) {
      const candidates = isAbsolute(src)
        ? [src]
        : [
            ...(task.role ? [join(task.role.path, kind, src), join(task.role.path, src)] : []),
            join(run.playbook.dir, kind, src),
            join(run.playbook.dir, src),
          ];
      for (const candidate of candidates) {
        if (await exists(candidate)) return candidate;
      }
      throw new ClawError('file-not-found', `Could not find or access '${src}' (searched: ${candidates.join(', ')})`, EXIT.ERROR, {
        where: task.source,
        hint: `put it in the role's ${kind}/ directory or next to the playbook`,
      });
    },
    read: (path) => readFile(path),
    renderTemplate: async (path) => run.deps.templater.renderFile(path, vars),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
