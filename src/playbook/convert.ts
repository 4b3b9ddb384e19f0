import { ParseError, type SourcePos } from '../errors.js';
import { positionOf, valuePositionOf } from '../yaml/positions.js';
import type { Inheritable, Vars } from './model.js';

// Keyword values as written in YAML → the model's shapes. Positions come from the raw
// mapping so a bad value is reported where it is written.

const TRUE = new Set(['yes', 'true', 'on', '1', 'y']);
const FALSE = new Set(['no', 'false', 'off', '0', 'n', '']);

type Raw = Record<string, unknown>;

function where(raw: Raw, key: string, fallback: SourcePos): SourcePos {
  return valuePositionOf(raw, key) ?? fallback;
}

/** A boolean keyword; Ansible also accepts "yes"/"no" strings. Templated values are refused. */
export function boolKeyword(raw: Raw, key: string, fallback: SourcePos): boolean | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new ParseError('bad-value', `'${key}' must be a boolean (got ${JSON.stringify(value)})`, {
    where: where(raw, key, fallback),
    hint: `'${key}' is decided when the file is loaded, so it cannot be templated; use yes/no`,
  });
}

/** A boolean keyword the runner may template (ignore_errors, no_log). */
export function boolOrTemplate(raw: Raw, key: string, fallback: SourcePos): boolean | string | undefined {
  const value = raw[key];
  if (typeof value === 'string' && value.includes('{{')) return value;
  return boolKeyword(raw, key, fallback);
}

/** tags: "a,b", [a, b] or a number → trimmed strings. */
export function tagList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item).split(',')).map((t) => t.trim()).filter((t) => t.length > 0);
}

export function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** when/changed_when/failed_when: a bare expression, a boolean or a list of them. */
export function conditionList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((c) => (typeof c === 'boolean' ? (c ? 'True' : 'False') : String(c)));
}

export function varsOf(raw: Raw, key: string, fallback: SourcePos): Vars {
  const value = raw[key];
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Vars;
  throw new ParseError('bad-value', `'${key}' must be a mapping of variable names to values`, { where: where(raw, key, fallback) });
}

/** The keywords every node may carry and children inherit. */
export function inheritableOf(raw: Raw, fallback: SourcePos): Inheritable {
  const env = raw.environment;
  return {
    become: boolKeyword(raw, 'become', fallback),
    becomeUser: raw.become_user === undefined ? undefined : String(raw.become_user),
    checkMode: boolKeyword(raw, 'check_mode', fallback),
    diff: boolKeyword(raw, 'diff', fallback),
    ignoreErrors: boolOrTemplate(raw, 'ignore_errors', fallback),
    ignoreUnreachable: boolKeyword(raw, 'ignore_unreachable', fallback),
    noLog: boolOrTemplate(raw, 'no_log', fallback),
    environment: env === undefined || env === null ? undefined : checkedEnvironment(env as Record<string, unknown> | string, fallback),
    delegateTo: raw.delegate_to === undefined ? undefined : String(raw.delegate_to),
    runOnce: boolKeyword(raw, 'run_once', fallback),
    anyErrorsFatal: boolKeyword(raw, 'any_errors_fatal', fallback),
  };
}

/** A shell variable name; templated names are checked when the runner has rendered them. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkedEnvironment(env: Record<string, unknown> | string, fallback: SourcePos): Record<string, unknown> | string {
  if (!isDict(env)) return env;
  for (const key of Object.keys(env)) {
    if (key.includes('{{') || ENV_NAME.test(key)) continue;
    throw new ParseError('bad-value', `environment variable name ${JSON.stringify(key)} is not a valid shell variable name`, {
      where: positionOf(env, key) ?? fallback,
      hint: 'use letters, digits and underscores, not starting with a digit (e.g. HTTP_PROXY)',
    });
  }
  return env;
}

const INHERITABLE_FIELDS = [
  'become', 'becomeUser', 'checkMode', 'diff', 'ignoreErrors', 'ignoreUnreachable', 'noLog',
  'environment', 'delegateTo', 'runOnce', 'anyErrorsFatal',
] as const;

/** Own values win; unset ones come from the parent. */
export function mergeInheritable(parent: Inheritable, own: Inheritable): Inheritable {
  const out: Inheritable = {};
  for (const field of INHERITABLE_FIELDS) {
    const value = own[field] ?? parent[field];
    if (value !== undefined) (out as Record<string, unknown>)[field] = value;
  }
  // Ansible combines environment dicts down the tree (the inner one wins per variable).
  const [outer, inner] = [parent.environment, own.environment];
  if (isDict(outer) && isDict(inner)) out.environment = { ...outer, ...inner };
  return out;
}

/** Union keeping first-seen order. */
export function unionTags(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
