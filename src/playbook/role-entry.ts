import { ParseError, type SourcePos } from '../errors.js';
import { roleEntrySchema, ROLE_ENTRY_KEYWORDS, UNSUPPORTED_KEYWORDS } from '../schema/index.js';
import { validateNode } from '../schema/validate.js';
import { positionOf } from '../yaml/positions.js';
import type { Inherited } from './context.js';
import { varsOf } from './convert.js';
import { baseFields, childInheritance } from './node-base.js';
import type { RoleSpec } from './roles.js';

// A `roles:` entry or meta dependency: "name" or {role|name, when, tags, vars, become, ...}.
// Keys that are not keywords are role parameters, as in Ansible (`- {role: x, port: 80}`).

const ROLE_FILE_KEYS = ['tasks_from', 'vars_from', 'defaults_from', 'handlers_from'];

export function roleEntry(value: unknown, source: SourcePos, inherited: Inherited, extraKeys: string[] = []): RoleSpec {
  if (typeof value === 'string') return { name: value, source, params: {}, inherited: { ...inherited, vars: {} } };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseError('bad-role', 'a role entry must be a role name or a mapping with "role:"', { where: source });
  }
  const raw = value as Record<string, unknown>;
  validateNode(roleEntrySchema, raw, 'a role entry', source);
  const name = raw.role ?? raw.name;
  if (typeof name !== 'string' || name === '') {
    throw new ParseError('bad-role', "a role entry needs 'role: <name>'", { where: source });
  }
  const keywords = new Set<string>([...ROLE_ENTRY_KEYWORDS, ...ROLE_FILE_KEYS, ...extraKeys]);
  const params = { ...paramsOf(raw, keywords, source), ...varsOf(raw, 'vars', source) };
  // `name` is the role name here, not a task name.
  const base = baseFields({ ...raw, name: undefined, vars: undefined }, inherited, source);
  return {
    name,
    source,
    params,
    when: raw.when,
    tags: raw.tags,
    inherited: { ...childInheritance(base, false), vars: {} },
    tasksFrom: optional(raw.tasks_from),
    varsFrom: optional(raw.vars_from),
    defaultsFrom: optional(raw.defaults_from),
    handlersFrom: optional(raw.handlers_from),
  };
}

function paramsOf(raw: Record<string, unknown>, keywords: Set<string>, source: SourcePos): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(raw)) {
    if (keywords.has(key)) continue;
    if (UNSUPPORTED_KEYWORDS[key] !== undefined) {
      throw new ParseError('unsupported-keyword', `unsupported keyword '${key}' in a role entry`, {
        where: positionOf(raw, key) ?? source,
        hint: UNSUPPORTED_KEYWORDS[key],
      });
    }
    params[key] = v;
  }
  return params;
}

function optional(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}
