import { randomUUID, createHash } from 'node:crypto';
import type { FilterFn } from '../eval/context.js';
import { floatRepr, pyStr } from '../py/repr.js';
import { toNumber } from '../py/ops.js';
import { PyFloat, Undefined, defined, isDict, isFloat, isNumber, iterate, num, truthy, typeName } from '../py/values.js';
import { OMIT } from '../types.js';

// Type conversion and the everyday filters: default, bool, int, float, string, length,
// mandatory, ternary, type_debug, abs, round, random, to_uuid, comment.

/** Ansible's bool filter: yes/on/1/true (any case) are True, anything else False. */
export function toBool(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  const text = pyStr(value).toLowerCase();
  return ['yes', 'on', '1', 'true', '1.0'].includes(text);
}

/** int(): strings in any base prefix, floats truncated; unparsable → default (0), like Ansible. */
export function toInt(value: unknown, dflt: unknown = 0, base: unknown = 10): unknown {
  try {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (isNumber(value)) return Math.trunc(num(value));
    const text = pyStr(value).trim().replace(/_/g, '');
    const b = Number(base);
    if (b === 10 && /^[-+]?\d+$/.test(text)) return Number(text);
    if (b === 10) {
      // Ansible retries int(float(value)) for strings like "3.7".
      if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Math.trunc(Number(text));
      return dflt;
    }
    const cleaned = text.replace(/^([-+]?)0[xob]/i, '$1');
    const n = parseInt(cleaned, b);
    return Number.isNaN(n) ? dflt : n;
  } catch {
    return dflt;
  }
}

export function toFloat(value: unknown, dflt: unknown = new PyFloat(0)): unknown {
  if (typeof value === 'boolean') return new PyFloat(value ? 1 : 0);
  if (isNumber(value)) return toNumber(num(value), true);
  const text = pyStr(value).trim().toLowerCase();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(text)) return toNumber(Number(text), true);
  if (/^[-+]?(inf|infinity)$/.test(text)) return new PyFloat(text.startsWith('-') ? -Infinity : Infinity);
  if (text === 'nan') return new PyFloat(NaN);
  return dflt;
}

export function length(value: unknown): number {
  const v = defined(value);
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  throw new TypeError(`object of type '${typeName(v)}' has no len()`);
}

/** Jinja2 round: 'common' is Python's round() (exact binary value, ties to even); ceil/floor scale. */
function round(value: unknown, precision: unknown = 0, method: unknown = 'common'): unknown {
  const x = num(defined(value));
  const p = Number(precision);
  // Python's round() of an int with ndigits stays an int.
  if (method === 'common' && typeof value === 'number' && Number.isInteger(value)) return value;
  const factor = 10 ** p;
  if (method === 'ceil') return new PyFloat(Math.ceil(x * factor) / factor);
  if (method === 'floor') return new PyFloat(Math.floor(x * factor) / factor);
  return new PyFloat(pyRound(x, p));
}

export function pyRound(x: number, p: number): number {
  if (!Number.isFinite(x)) return x;
  // toFixed is exact, so the digits after position p tell a true tie from a near one.
  const exact = Math.abs(x).toFixed(Math.min(100, Math.max(0, p) + 30));
  const dot = exact.indexOf('.');
  const keep = exact.slice(0, dot + 1 + Math.max(0, p));
  const rest = exact.slice(dot + 1 + Math.max(0, p));
  let r = Number(keep.endsWith('.') ? keep.slice(0, -1) : keep);
  const unit = 10 ** -Math.max(0, p);
  const lastDigit = Number(keep.replace('.', '').slice(-1));
  if (rest[0] !== undefined && (rest > '5' + '0'.repeat(rest.length - 1) || (rest === '5' + '0'.repeat(rest.length - 1) && lastDigit % 2 === 1))) r = Number((r + unit).toFixed(Math.max(0, p)));
  return Math.sign(x) * r;
}

/** uuid5 in Ansible's namespace (to_uuid). */
function toUuid(value: unknown, namespace: unknown = '361E6D51-FAEC-444A-9079-341386DA8E2E'): string {
  const ns = Buffer.from(String(namespace).replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(Buffer.concat([ns, Buffer.from(pyStr(value), 'utf8')])).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const coreFilters: Record<string, FilterFn> = {
  default: (_c, value, [dflt = '', boolean = false], kw) => (value instanceof Undefined || (truthy(kw.boolean ?? boolean) && !truthy(value)) ? (kw.default_value ?? dflt) : value),
  // Ansible returns None unchanged.
  bool: (_c, value) => (value === null ? null : toBool(value)),
  int: (_c, value, [dflt = 0, base = 10], kw) => toInt(value, kw.default ?? dflt, kw.base ?? base),
  float: (_c, value, [dflt], kw) => toFloat(value, kw.default ?? dflt ?? new PyFloat(0)),
  string: (_c, value) => pyStr(value),
  length: (_c, value) => length(value),
  mandatory: (_c, value, [msg]) => {
    if (value instanceof Undefined) throw new Error(msg === undefined ? `Mandatory variable '${value.name}' not defined.` : pyStr(msg));
    return value;
  },
  ternary: (_c, value, [yes, no, none]) => (value === null && none !== undefined ? none : truthy(value) ? yes : no),
  type_debug: (_c, value) => typeName(value),
  abs: (_c, value) => toNumber(Math.abs(num(value)), isFloat(value)),
  round: (_c, value, [precision = 0, method = 'common'], kw) => round(value, kw.precision ?? precision, kw.method ?? method),
  list: (_c, value) => [...iterate(value)],
  to_uuid: (_c, value, [ns], kw) => toUuid(value, kw.namespace ?? ns),
  random_uuid: () => randomUUID(),
  omit_if_empty: (_c, value) => (truthy(value) ? value : OMIT),
  float_repr: (_c, value) => floatRepr(num(value)),
};
coreFilters.d = coreFilters.default as FilterFn;
coreFilters.count = coreFilters.length as FilterFn;
