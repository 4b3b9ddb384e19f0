import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ClawError, EXIT } from '../errors.js';
import type { ControllerFiles } from '../modules/types.js';
import type { Task, Vars } from '../playbook/model.js';
import type { RunState } from './run-state.js';

// A task's files on the controller (copy/template `src`): where they are, their bytes, a
// template rendered with the task's variables. Every host of a task (and the look-ahead
// before it) looks up the same files, so where each was found is kept for the run; a task
// that may have changed files on the controller drops that (forgetControllerFiles), so a file
// it created is found, and found in the right place, by the tasks after it.

interface Found {
  paths: Map<string, string>;
  /** Bumped by every forget: a lookup that started before one must not store its answer. */
  generation: number;
}

const founds = new WeakMap<RunState, Found>();

export function controllerFiles(run: RunState, task: Task, vars: Vars): ControllerFiles {
  return {
    async find(kind, src) {
      const candidates = isAbsolute(src)
        ? [src]
        : [
            ...(task.role ? [join(task.role.path, kind, src), join(task.role.path, src)] : []),
            join(run.playbook.dir, kind, src),
            join(run.playbook.dir, src),
          ];
      const path = await firstExisting(run, candidates);
      if (path !== undefined) return path;
      throw new ClawError('file-not-found', `Could not find or access '${src}' (searched: ${candidates.join(', ')})`, EXIT.ERROR, {
        where: task.source,
        hint: `put it in the role's ${kind}/ directory or next to the playbook`,
      });
    },
    read: (path) => readFile(path),
    renderTemplate: async (path) => run.deps.templater.renderFile(path, vars),
  };
}

/** After a task that changed something: on the controller, or on a host that may be this machine. */
export function forgetControllerFiles(run: RunState): void {
  const found = founds.get(run);
  if (!found) return;
  found.paths.clear();
  found.generation += 1;
}

/** Only files found are remembered: one missing now may be created by a later task. */
async function firstExisting(run: RunState, candidates: string[]): Promise<string | undefined> {
  let found = founds.get(run);
  if (!found) founds.set(run, (found = { paths: new Map(), generation: 0 }));
  const key = candidates.join('\0');
  const known = found.paths.get(key);
  if (known !== undefined) return known;
  const generation = found.generation;
  for (const candidate of candidates) {
    if (await exists(candidate)) {
      if (found.generation === generation) found.paths.set(key, candidate);
      return candidate;
    }
  }
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
