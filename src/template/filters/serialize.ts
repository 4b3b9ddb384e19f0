import { parseYaml } from '../../yaml/index.js';
import type { FilterFn } from '../eval/context.js';
import { floatRepr, pyStr } from '../py/repr.js';
import { PyFloat, Undefined, defined, isDict, truthy } from '../py/values.js';
import { PyYamlEmitter } from './pyyaml/emit.js';

// to_json / to_nice_json as Python's json.dumps (ensure_ascii, separators, sort_keys, indent)
// and to_yaml / to_nice_yaml as PyYAML's dump with Ansible's dumper.

interface JsonOptions {
  indent: string | undefined;
  itemSep: string;
  keySep: string;
  sortKeys: boolean;
  ensureAscii: boolean;
}

function jsonString(text: string, ascii: boolean): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (ascii && code > 0x7e) {
      // Python escapes by UTF-16 code unit (surrogate pairs for astral characters).
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

function dumpJson(value: unknown, o: JsonOptions, level: number): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (value instanceof Undefined) value.fail();
  if (typeof value === 'number' || value instanceof PyFloat) {
    const n = Number(value);
    if (Number.isNaN(n)) return 'NaN';
    if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
    return typeof value === 'number' && Number.isInteger(value) ? String(value) : floatRepr(n);
  }
  if (typeof value === 'string') return jsonString(value, o.ensureAscii);
  const nl = o.indent === undefined ? '' : `\n${o.indent.repeat(level + 1)}`;
  const close = o.indent === undefined ? '' : `\n${o.indent.repeat(level)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${nl}${value.map((v) => dumpJson(v, o, level + 1)).join(o.itemSep + nl)}${close}]`;
  }
  if (isDict(value)) {
    let entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    if (o.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${nl}${entries.map(([k, v]) => jsonString(k, o.ensureAscii) + o.keySep + dumpJson(v, o, level + 1)).join(o.itemSep + nl)}${close}}`;
  }
  if (value instanceof Date) return jsonString(value.toISOString(), o.ensureAscii);
  return jsonString(String(value), o.ensureAscii);
}

/** json.dumps with its keyword arguments. */
export function toJson(value: unknown, kw: Record<string, unknown>): string {
  const indentArg = kw.indent;
  const indent = indentArg === undefined || indentArg === null ? undefined : typeof indentArg === 'string' ? indentArg : ' '.repeat(Number(indentArg));
  const seps = Array.isArray(kw.separators) ? kw.separators.map(pyStr) : indent === undefined ? [', ', ': '] : [',', ': '];
  return dumpJson(defined(value), { indent, itemSep: seps[0] ?? ', ', keySep: seps[1] ?? ': ', sortKeys: truthy(kw.sort_keys ?? false), ensureAscii: truthy(kw.ensure_ascii ?? true) }, 0);
}

export function toYaml(value: unknown, kw: Record<string, unknown>, nice: boolean): string {
  const flow = kw.default_flow_style;
  return new PyYamlEmitter({
    indent: Number(kw.indent ?? (nice ? 4 : 2)),
    width: Number(kw.width ?? 80),
    defaultFlowStyle: nice ? false : flow === undefined || flow === null ? null : truthy(flow),
    sortKeys: truthy(kw.sort_keys ?? true),
    explicitStart: truthy(kw.explicit_start ?? false),
  }).dump(defined(value));
}

export const serializeFilters: Record<string, FilterFn> = {
  to_json: (_c, v, _a, kw) => toJson(v, kw),
  to_nice_json: (_c, v, [indent = 4], kw) => toJson(v, { indent, sort_keys: true, separators: [',', ': '], ...kw }),
  from_json: (_c, v) => JSON.parse(pyStr(v)) as unknown,
  to_yaml: (_c, v, _a, kw) => toYaml(v, kw, false),
  to_nice_yaml: (_c, v, [indent = 4], kw) => toYaml(v, { indent, ...kw }, true),
  from_yaml: (_c, v) => (typeof v === 'string' ? parseYaml(v, '<from_yaml>') : v),
  from_yaml_all: (_c, v) => pyStr(v).split(/^---\s*$/m).filter((d) => d.trim() !== '').map((d) => parseYaml(d, '<from_yaml_all>')),
};
