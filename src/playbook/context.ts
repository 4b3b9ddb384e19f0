import type { SourcePos } from '../errors.js';
import type { Handler, Inheritable, LoadedRole, RoleRef, Vars } from './model.js';

// What a task list is loaded within: the file it comes from, what its parents pass down,
// and the play-wide collections that statically imported roles add to.

export interface Inherited extends Inheritable {
  when: string[];
  tags: string[];
  /** Variables of an enclosing import_tasks (merged under each task's own vars). */
  vars: Vars;
  role?: RoleRef | undefined;
  /** A block's `notify`, used by tasks that name no handler themselves. */
  notify?: string[] | undefined;
}

export interface PlayCollector {
  playbookDir: string;
  roles: LoadedRole[];
  roleHandlers: Handler[];
  /** role path + params already loaded in this play (each once unless params differ). */
  seenRoles: Set<string>;
}

export interface LoadContext {
  file: string;
  /** Directory relative task files are found in. */
  baseDir: string;
  inherited: Inherited;
  /** Files being imported (cycle detection). */
  stack: string[];
  play: PlayCollector;
}

export const NO_INHERITANCE: Inherited = { when: [], tags: [], vars: {} };

export function fileStart(file: string): SourcePos {
  return { file, line: 1, col: 1 };
}
