import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ParseError, type SourcePos } from '../errors.js';
import { INHERITABLE_KEYWORDS } from '../schema/keywords.js';
import { unknownKeywordError } from '../schema/validate.js';
import { positionOf } from '../yaml/positions.js';
import type { LoadContext } from './context.js';
import { loadTasksInto } from './load-task-file.js';
import type { IncludeTasks, TaskNode } from './model.js';
import { baseFields, childInheritance } from './node-base.js';
import { importRole } from './role-import.js';
import { parseArgString } from './split-args.js';
import { loopOf } from './task-loop.js';

// import_tasks (static: inlined now, with the import's when/tags/vars on every task),
// include_tasks (dynamic: an IncludeTasks node the runner loads), import_role (static).

type Raw = Record<string, unknown>;
export type ImportKind = 'import_tasks' | 'include_tasks' | 'import_role';

const KINDS: readonly ImportKind[] = ['import_tasks', 'include_tasks', 'import_role'];
const REFUSED: Record<string, string> = {
  include_role: "include_role is not supported; use 'import_role' (static)",
  include: "'include' was removed from Ansible; use 'import_tasks' or 'include_tasks'",
  import_playbook: "'import_playbook' may only appear at the top level of a playbook",
};

function plain(key: string): string {
  return key.replace(/^ansible\.(builtin|legacy)\./, '');
}

export function importKind(raw: Raw): { kind: ImportKind; key: string } | undefined {
  for (const key of Object.keys(raw)) {
    const name = plain(key);
    if (REFUSED[name]) throw new ParseError('unsupported-keyword', REFUSED[name], { where: positionOf(raw, key) });
    if ((KINDS as readonly string[]).includes(name)) return { kind: name as ImportKind, key };
  }
  return undefined;
}

const LOOP_KEYWORDS = ['loop', 'loop_control', 'with_items', 'with_list', 'with_dict'];

function checkKeys(raw: Raw, key: string, kind: ImportKind, source: SourcePos): void {
  const allowed = [...INHERITABLE_KEYWORDS, key, ...(kind === 'include_tasks' ? LOOP_KEYWORDS : [])];
  for (const k of Object.keys(raw)) {
    if (!allowed.includes(k)) throw unknownKeywordError(k, kind, allowed, positionOf(raw, k) ?? source);
  }
}

/** The file named by `import_tasks: x.yml`, `{file: x.yml}` or `_raw_params`. */
function fileArg(value: unknown, kind: string, where: SourcePos): string {
  const args = typeof value === 'string' ? parseArgString(value, kind) : ((value ?? {}) as Raw);
  checkArgs(args, kind, ['file', '_raw_params'], where);
  const file = args.file ?? args._raw_params;
  if (typeof file !== 'string' || file === '') throw new ParseError('bad-arguments', `${kind} needs a file name`, { where });
  return file;
}

export async function loadImport(
  found: { kind: ImportKind; key: string },
  raw: Raw,
  ctx: LoadContext,
  source: SourcePos,
  handler: boolean,
): Promise<TaskNode[]> {
  const { kind, key } = found;
  checkKeys(raw, key, kind, source);
  const where = positionOf(raw, key) ?? source;
  const base = baseFields(raw, ctx.inherited, source);
  if (kind === 'import_role') return importRole(raw[key], base, ctx, where, handler);
  const file = fileArg(raw[key], kind, where);
  if (kind === 'include_tasks') {
    const baseDir = ctx.inherited.role ? ctx.baseDir : dirname(ctx.file);
    const node: IncludeTasks = { kind: 'include_tasks', ...base, file, baseDir, ...loopOf(raw, source) };
    return [node];
  }
  if (file.includes('{{')) {
    throw new ParseError('templated-import', `import_tasks file names are resolved at load time and cannot be templated: ${file}`, {
      where,
      hint: "use 'include_tasks' for a file name that depends on variables",
    });
  }
  const inner: LoadContext = { ...ctx, inherited: { ...childInheritance(base, true), notify: ctx.inherited.notify } };
  return loadTasksInto(findTaskFile(file, ctx), inner, where, handler);
}

/** Like Ansible: next to the importing file first, then the role's tasks/ (or playbook) dir. */
function findTaskFile(file: string, ctx: LoadContext): string {
  const candidates = [resolve(dirname(ctx.file), file), resolve(ctx.baseDir, file)];
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length - 1]!;
}

/** Arguments of the import/include actions (`apply` and the like are refused, not ignored). */
export function checkArgs(args: Raw, kind: string, allowed: readonly string[], where: SourcePos): void {
  for (const name of Object.keys(args)) {
    if (allowed.includes(name)) continue;
    throw new ParseError('unknown-argument', `unsupported argument '${name}' for ${kind}`, {
      where: positionOf(args, name) ?? where,
      hint: name === 'apply' ? 'put the keywords on the included tasks instead' : `valid arguments: ${allowed.filter((a) => a !== '_raw_params').join(', ')}`,
    });
  }
}
