import { ParseError, type SourcePos } from '../errors.js';
import type { LoadContext } from './context.js';
import type { TaskNode } from './model.js';
import type { BaseFields } from './node-base.js';
import { roleEntry } from './role-entry.js';
import { loadRole } from './roles.js';
import { checkArgs } from './task-imports.js';

const IMPORT_ROLE_ARGS = ['name', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from', 'allow_duplicates', 'public', 'rolespec_validate'];

// `import_role: {name: x, tasks_from: y}` — static, like a `roles:` entry at this point of
// the task list: its defaults/vars join the play's roles, its handlers the play's handlers.

export async function importRole(value: unknown, base: BaseFields, ctx: LoadContext, where: SourcePos, handler: boolean): Promise<TaskNode[]> {
  if (handler) throw new ParseError('bad-handler', 'import_role is not supported in handlers', { where });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseError('bad-arguments', "import_role needs a mapping with 'name'", { where });
  }
  checkArgs(value as Record<string, unknown>, 'import_role', IMPORT_ROLE_ARGS, where);
  const { source: _s, name: _n, vars, ...inherited } = base;
  const spec = roleEntry(value, where, { ...inherited, vars: {} }, ['name', 'allow_duplicates', 'public', 'rolespec_validate']);
  spec.params = { ...spec.params, ...vars };
  return loadRole(spec, ctx.play, ctx.stack);
}
