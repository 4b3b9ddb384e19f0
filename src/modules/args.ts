import { validatorFor } from '../schema/ajv.js';
import { isSecret } from '../secret.js';
import { ALIAS_OF } from './common/schema.js';
import type { JsonSchema } from './types.js';

// Turns the arguments a task wrote into what a module's plan reads: aliases folded into their
// canonical name, Ansible's lenient conversions ("yes" → true, "22" → 22), defaults filled in,
// then checked by the module's schema. Errors read like Ansible's.

type Props = Record<string, JsonSchema & { type?: string | string[]; default?: unknown; enum?: unknown[] }>;

const TRUE = new Set(['yes', 'on', '1', 'true', 'y', 't']);
const FALSE = new Set(['no', 'off', '0', 'false', 'n', 'f']);

export type NormalizedArgs = { ok: true; args: Record<string, unknown> } | { ok: false; msg: string };

/**
 * The look-ahead (src/runner/prefetch.ts) normalises a task's templated arguments and the task
 * then runs with that same object: the result is kept for it (templated arguments are fresh
 * objects that nothing writes to afterwards).
 */
const normalized = new WeakMap<Record<string, unknown>, { schema: JsonSchema; result: NormalizedArgs }>();

export function normalizeArgs(moduleName: string, schema: JsonSchema, raw: Record<string, unknown>): NormalizedArgs {
  const known = normalized.get(raw);
  if (known?.schema === schema) return known.result;
  const result = normalizeFresh(moduleName, schema, raw);
  normalized.set(raw, { schema, result });
  return result;
}

/** What a schema's properties say, worked out once per schema (this runs for every task on every host). */
interface SchemaShape {
  props: Props;
  required: string[];
  defaults: Array<[string, unknown]>;
}

const shapes = new WeakMap<JsonSchema, SchemaShape>();

function shapeOf(schema: JsonSchema): SchemaShape {
  let shape = shapes.get(schema);
  if (!shape) {
    const props = (schema['properties'] ?? {}) as Props;
    const entries = Object.entries(props);
    const required = entries.filter(([, prop]) => prop['x-required'] === true).map(([key]) => key);
    const defaults = entries.filter(([, prop]) => prop.default !== undefined && prop[ALIAS_OF] === undefined).map(([key, prop]): [string, unknown] => [key, prop.default]);
    shapes.set(schema, (shape = { props, required, defaults }));
  }
  return shape;
}

function normalizeFresh(moduleName: string, schema: JsonSchema, raw: Record<string, unknown>): NormalizedArgs {
  const { props, required, defaults } = shapeOf(schema);
  const unknown = Object.keys(raw).filter((key) => !Object.prototype.hasOwnProperty.call(props, key));
  if (unknown.length > 0) {
    const supported = Object.keys(props).sort().join(', ');
    return { ok: false, msg: `Unsupported parameters for (${moduleName}) module: ${unknown.sort().join(', ')}. Supported parameters include: ${supported}.` };
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const canonical = (props[key]?.[ALIAS_OF] as string | undefined) ?? key;
    if (value === undefined || value === null) continue;
    if (canonical in args) return { ok: false, msg: `parameters are mutually exclusive: ${canonical}|${key}` };
    const converted = coerceItems(coerce(isSecret(value) ? value.reveal() : value, props[canonical]?.type), props[canonical]);
    args[canonical] = converted;
  }
  const missing = required.filter((key) => !(key in args));
  if (missing.length > 0) return { ok: false, msg: `missing required arguments: ${missing.join(', ')}` };
  for (const [key, value] of defaults) {
    // Only objects can be changed through the args; primitives need no copy.
    if (!(key in args)) args[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
  }
  return validate(schema, props, args);
}

function validate(schema: JsonSchema, props: Props, args: Record<string, unknown>): NormalizedArgs {
  const check = validatorFor(schema);
  if (check(args)) return { ok: true, args };
  const error = (check.errors ?? []).find((e) => e.instancePath !== '') ?? check.errors?.[0];
  const name = error?.instancePath.split('/')[1] ?? '';
  const value = args[name];
  if (error?.keyword === 'enum') {
    return { ok: false, msg: `value of ${name} must be one of: ${(props[name]?.enum ?? []).join(', ')}, got: ${String(value)}` };
  }
  return { ok: false, msg: `argument '${name}' ${error?.message ?? 'is invalid'}, got ${JSON.stringify(value)}` };
}

/** List elements declared as strings: YAML numbers become their text, as Ansible's elements='str'. */
function coerceItems(value: unknown, prop: Props[string] | undefined): unknown {
  const itemType = (prop?.['items'] as { type?: string } | undefined)?.type;
  if (!Array.isArray(value) || itemType !== 'string') return value;
  return value.map((item) => (isSecret(item) ? item.reveal() : coerce(item, 'string')));
}

function coerce(value: unknown, type: string | string[] | undefined): unknown {
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  if (types.includes('boolean') && typeof value === 'string') {
    const lower = value.toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
  }
  if (types.includes('boolean') && (value === 0 || value === 1)) return value === 1;
  if ((types.includes('integer') || types.includes('number')) && !types.includes('string') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return Number(value.trim());
  }
  if (types.length === 1 && types[0] === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  }
  if (types.includes('array') && typeof value === 'string') return value.split(',').map((part) => part.trim());
  if (types.includes('array') && !Array.isArray(value)) return [value];
  return value;
}
