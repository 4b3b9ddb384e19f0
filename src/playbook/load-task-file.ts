import { dirname, resolve } from 'node:path';
import { ParseError, type SourcePos } from '../errors.js';
import { loadCatalog } from '../modules/catalog.js';
import { loadYamlFile } from '../yaml/load-yaml-file.js';
import { NO_INHERITANCE, fileStart, type Inherited, type LoadContext, type PlayCollector } from './context.js';
import { loadTaskList } from './load-tasks.js';
import type { RoleRef, TaskNode } from './model.js';

// A whole tasks file (role tasks/main.yml, import_tasks, and include_tasks at run time).

export async function loadTasksInto(
  file: string,
  ctx: LoadContext,
  from: SourcePos | string | undefined,
  handler = false,
): Promise<TaskNode[]> {
  const path = resolve(file);
  if (ctx.stack.includes(path)) {
    throw new ParseError('import-cycle', `tasks file imports itself: ${[...ctx.stack, path].join(' -> ')}`, { where: from ?? path });
  }
  const list = await loadYamlFile(path, { from, what: 'tasks file' });
  const inner: LoadContext = { ...ctx, file: path, stack: [...ctx.stack, path] };
  return loadTaskList(list, inner, fileStart(path), handler);
}

export interface TaskFileOptions {
  /** The role the file belongs to (include_tasks inside a role). */
  role?: RoleRef | undefined;
  /** Directory relative imports in the file resolve from (defaults to the file's directory). */
  baseDir?: string | undefined;
  playbookDir?: string | undefined;
  /** Where the include was written, for a missing-file error. */
  from?: SourcePos | string | undefined;
}

/**
 * Loads a tasks file for `include_tasks` at run time. The include's own when/tags/vars are
 * NOT applied to the loaded tasks (Ansible applies them to the include only).
 */
export async function loadTaskFile(file: string, options: TaskFileOptions = {}): Promise<TaskNode[]> {
  loadCatalog();
  const path = resolve(options.baseDir ?? '.', file);
  const inherited: Inherited = { ...NO_INHERITANCE, role: options.role };
  const play: PlayCollector = { playbookDir: options.playbookDir ?? dirname(path), roles: [], roleHandlers: [], seenRoles: new Set() };
  const ctx: LoadContext = { file: path, baseDir: options.baseDir ?? dirname(path), inherited, stack: [], play };
  return loadTasksInto(path, ctx, options.from);
}
