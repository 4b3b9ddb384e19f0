// JSON the way ansible's callbacks print it: Python's json.dumps(sort_keys=True,
// ensure_ascii=False) — keys sorted at every depth, ", " and ": " separators on one line, or
// "," and ": " with `indent`. Matching it byte for byte keeps logs diffable against Ansible's.

export function pythonJson(value: unknown, indent?: number): string {
  return dump(value, indent, 0);
}

function dump(value: unknown, indent: number | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return dump(json.call(value), indent, depth);
  if (Array.isArray(value)) return container('[', ']', value.map((item) => dump(item, indent, depth + 1)), indent, depth);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return container('{', '}', entries.map(([key, item]) => `${JSON.stringify(key)}: ${dump(item, indent, depth + 1)}`), indent, depth);
  }
  return JSON.stringify(String(value));
}

function container(open: string, close: string, items: string[], indent: number | undefined, depth: number): string {
  if (items.length === 0) return `${open}${close}`;
  if (indent === undefined) return `${open}${items.join(', ')}${close}`;
  const inner = ' '.repeat(indent * (depth + 1));
  return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${' '.repeat(indent * depth)}${close}`;
}
