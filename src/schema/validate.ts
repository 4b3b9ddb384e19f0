import type { ErrorObject } from 'ajv';
import { ParseError, formatPos, type SourcePos } from '../errors.js';
import type { JsonSchema } from '../modules/types.js';
import { positionOf, valuePositionOf } from '../yaml/positions.js';
import { validatorFor } from './ajv.js';
import { suggestionHint } from './did-you-mean.js';
import { UNSUPPORTED_KEYWORDS } from './keywords.js';

// Runs a schema from definitions.ts against parsed YAML and turns Ajv's errors into one
// ParseError that points at the offending key (file:line:col) with a hint.

/** Validates `data` (a parsed YAML node described as `what`, e.g. "a play"); throws ParseError. */
export function validateNode(schema: JsonSchema, data: unknown, what: string, fallback: SourcePos): void {
  const validate = validatorFor(schema);
  if (validate(data)) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  // A misspelt keyword often also causes a "missing" error; the misspelling is the news.
  const problems = errors.map((e) => describe(e, data, what, schema, fallback));
  const [first, ...rest] = [...problems.filter((p) => p.code !== 'missing-keyword'), ...problems.filter((p) => p.code === 'missing-keyword')];
  if (!first) throw new ParseError('schema', `invalid ${what}`, { where: fallback });
  const more = rest.map((r) => `\n  also ${formatPos(r.where)}: ${r.message}`).join('');
  throw new ParseError(first.code, `${first.message}${more}`, { where: first.where, hint: first.hint });
}

interface Problem {
  code: string;
  message: string;
  where: SourcePos;
  hint?: string | undefined;
}

function describe(error: ErrorObject, data: unknown, what: string, schema: JsonSchema, fallback: SourcePos): Problem {
  const path = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parent = walk(data, path.slice(0, -1));
  const last = path.at(-1);
  const key = last !== undefined && Array.isArray(parent) ? Number(last) : last;
  const nodeWhere = (key === undefined ? positionOf(data) : valuePositionOf(parent, key)) ?? fallback;
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    const node = walk(data, path);
    const where = positionOf(node, extra) ?? nodeWhere;
    const inWhat = path.length === 0 ? what : `'${path.join('.')}' of ${what}`;
    return unknownKeyword(extra, inWhat, allowedKeys(schema, path), where);
  }
  const label = last === undefined ? what : `'${path.join('.')}'`;
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
    return { code: 'bad-value', message: `${label} must be one of: ${allowed.join(', ')}`, where: nodeWhere };
  }
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return { code: 'missing-keyword', message: `${what} needs '${missing}'`, where: nodeWhere };
  }
  return { code: 'bad-value', message: `${label} ${error.message ?? 'is invalid'}`, where: nodeWhere };
}

/** The ParseError pieces for a key that is not allowed here. */
export function unknownKeyword(key: string, what: string, allowed: readonly string[], where: SourcePos): Problem {
  const reason = UNSUPPORTED_KEYWORDS[key];
  if (reason !== undefined) {
    return { code: 'unsupported-keyword', message: `unsupported keyword '${key}' in ${what}`, where, hint: reason };
  }
  return { code: 'unknown-keyword', message: `unknown keyword '${key}' in ${what}`, where, hint: suggestionHint(key, allowed) };
}

export function unknownKeywordError(key: string, what: string, allowed: readonly string[], where: SourcePos): ParseError {
  const p = unknownKeyword(key, what, allowed, where);
  return new ParseError(p.code, p.message, { where: p.where, hint: p.hint });
}

function walk(data: unknown, path: string[]): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function allowedKeys(schema: JsonSchema, path: string[]): string[] {
  let node: unknown = schema;
  for (const segment of path) {
    const props = (node as { properties?: Record<string, unknown> }).properties;
    node = props?.[segment] ?? {};
  }
  return Object.keys((node as { properties?: Record<string, unknown> }).properties ?? {});
}
