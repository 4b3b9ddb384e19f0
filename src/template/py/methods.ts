import { PyFunction, type Kwargs } from './callable.js';
import { pyStr } from './repr.js';
import { percentFormat } from './ops.js';
import { LazyMapping, Undefined, contains, defined, isDict, pyEq, tuple, typeName, type PyDict } from './values.js';

// Attribute and item access with Jinja2's rules: `d.items()` finds the dict method, `d.key`
// the item; a missing attribute is an Undefined that only fails when used.

type Method = (self: never, args: unknown[], kwargs: Kwargs) => unknown;

const withKwargs = new Set(['format']);

const strMethods: Record<string, (s: string, a: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  title: (s) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  startswith: (s, [p]) => (Array.isArray(p) ? p.some((x) => s.startsWith(String(x))) : s.startsWith(String(p))),
  endswith: (s, [p]) => (Array.isArray(p) ? p.some((x) => s.endsWith(String(x))) : s.endsWith(String(p))),
  strip: (s, [c]) => stripChars(s, c, true, true),
  lstrip: (s, [c]) => stripChars(s, c, true, false),
  rstrip: (s, [c]) => stripChars(s, c, false, true),
  split: (s, [sep, max]) => pySplit(s, sep, max),
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((_x, i, all) => i < all.length - 1 || all[i] !== ''),
  replace: (s, [a, b, count]) => replaceCount(s, String(a), String(b), count === undefined ? -1 : Number(count)),
  find: (s, [sub]) => s.indexOf(String(sub)),
  index: (s, [sub]) => s.indexOf(String(sub)),
  count: (s, [sub]) => (String(sub) === '' ? s.length + 1 : s.split(String(sub)).length - 1),
  join: (s, [items]) => (defined(items) as unknown[]).map(pyStr).join(s),
  format: (s, args) => pyFormat(s, args),
  zfill: (s, [w]) => (s.startsWith('-') ? `-${s.slice(1).padStart(Number(w) - 1, '0')}` : s.padStart(Number(w), '0')),
  ljust: (s, [w, f]) => s.padEnd(Number(w), f === undefined ? ' ' : String(f)),
  rjust: (s, [w, f]) => s.padStart(Number(w), f === undefined ? ' ' : String(f)),
  isdigit: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  encode: (s) => s,
  decode: (s) => s,
};

const listMethods: Record<string, (l: unknown[], a: unknown[]) => unknown> = {
  index: (l, [x]) => l.findIndex((y) => pyEq(x, y)),
  count: (l, [x]) => l.filter((y) => pyEq(x, y)).length,
  append: (l, [x]) => (l.push(x), null),
  extend: (l, [x]) => (l.push(...(defined(x) as unknown[])), null),
  insert: (l, [i, x]) => (l.splice(Number(i), 0, x), null),
  pop: (l, [i]) => (i === undefined ? l.pop() : l.splice(Number(i), 1)[0]),
  remove: (l, [x]) => (l.splice(l.findIndex((y) => pyEq(x, y)), 1), null),
  reverse: (l) => (l.reverse(), null),
  copy: (l) => [...l],
};

const dictMethods: Record<string, (d: PyDict, a: unknown[]) => unknown> = {
  items: (d) => Object.entries(d).map(tuple),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, [k, dflt]) => (contains(d, k) ? d[String(k)] : (dflt ?? null)),
  copy: (d) => ({ ...d }),
  update: (d, [other]) => (Object.assign(d, defined(other)), null),
  pop: (d, [k, dflt]) => {
    const v = contains(d, k) ? d[String(k)] : dflt;
    delete d[String(k)];
    return v ?? null;
  },
  setdefault: (d, [k, v]) => (contains(d, k) ? d[String(k)] : (d[String(k)] = v ?? null)),
};

function method(self: unknown, name: string, table: Record<string, Method>): PyFunction | undefined {
  const fn = table[name];
  return fn ? new PyFunction(name, (args, kwargs) => fn(self as never, withKwargs.has(name) && Object.keys(kwargs).length ? [...args, kwargs] : args, kwargs)) : undefined;
}

/** `obj.name` */
export function getAttr(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) return obj;
  if (obj instanceof LazyMapping) return obj.has(name) ? obj.get(name) : getAttr(obj.toDict(), name);
  if (typeof obj === 'string') return method(obj, name, strMethods as Record<string, Method>) ?? missing(obj, name);
  if (Array.isArray(obj)) return method(obj, name, listMethods as Record<string, Method>) ?? missing(obj, name);
  if (isDict(obj)) {
    const m = method(obj, name, dictMethods as Record<string, Method>);
    if (m) return m;
    return Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : missing(obj, name);
  }
  return missing(obj, name);
}

/** `obj[key]` */
export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undefined) return obj;
  key = defined(key);
  if (obj instanceof LazyMapping) return typeof key === 'string' && obj.has(key) ? obj.get(key) : missing({}, key);
  if ((Array.isArray(obj) || typeof obj === 'string') && typeof key === 'number') {
    const i = key < 0 ? obj.length + key : key;
    return i >= 0 && i < obj.length ? obj[i] : missing(obj, key);
  }
  if (isDict(obj) && (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean')) {
    const k = typeof key === 'boolean' ? (key ? 'True' : 'False') : String(key);
    if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
  }
  if (typeof key === 'string') return getAttr(obj, key);
  return missing(obj, key);
}

function missing(obj: unknown, key: unknown): Undefined {
  const what = obj === null || obj === undefined ? "'None' has no attribute" : `'${typeName(obj)} object' has no attribute`;
  return new Undefined(`${what} '${pyStr(key)}'`, pyStr(key));
}

/** Python slicing `x[a:b:c]` for lists and strings. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const seq = defined(obj);
  if (!Array.isArray(seq) && typeof seq !== 'string') throw new TypeError(`'${typeName(seq)}' object is not subscriptable`);
  const items = typeof seq === 'string' ? [...seq] : seq;
  const n = items.length;
  const st = step === null || step === undefined ? 1 : Number(step);
  const norm = (v: unknown, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    let i = Number(v);
    if (i < 0) i += n;
    return st > 0 ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
  };
  const from = norm(start, st > 0 ? 0 : n - 1);
  const to = norm(stop, st > 0 ? n : -1);
  const out: unknown[] = [];
  for (let i = from; st > 0 ? i < to : i > to; i += st) out.push(items[i]);
  return typeof seq === 'string' ? out.join('') : out;
}

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  if (chars === undefined || chars === null) return left && right ? s.trim() : left ? s.trimStart() : s.trimEnd();
  const set = new Set(String(chars));
  let a = 0;
  let b = s.length;
  while (left && a < b && set.has(s[a] ?? '')) a++;
  while (right && b > a && set.has(s[b - 1] ?? '')) b--;
  return s.slice(a, b);
}

export function pySplit(s: string, sep: unknown, max: unknown): string[] {
  const limit = max === undefined || max === null ? -1 : Number(max);
  if (sep === undefined || sep === null) {
    const parts = s.trim().split(/\s+/).filter((p) => p !== '');
    if (limit < 0 || parts.length <= limit + 1) return parts;
    const re = new RegExp(`^\\s*((?:\\S+\\s+){${limit}})`);
    const head = parts.slice(0, limit);
    return [...head, s.replace(re, '').trimStart()];
  }
  const parts = s.split(String(sep));
  if (limit < 0 || parts.length <= limit + 1) return parts;
  return [...parts.slice(0, limit), parts.slice(limit).join(String(sep))];
}

function replaceCount(s: string, a: string, b: string, count: number): string {
  if (count < 0) return s.split(a).join(b);
  const parts = s.split(a);
  return parts.slice(0, count + 1).join(b) + (parts.length > count + 1 ? a + parts.slice(count + 1).join(a) : '');
}

/** str.format with `{}`, `{0}`, `{name}` and simple specs. */
function pyFormat(s: string, args: unknown[]): string {
  let auto = 0;
  const kw = isDict(args[args.length - 1]) ? (args[args.length - 1] as PyDict) : {};
  return s.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rs])?(?::([^{}]*))?\}/g, (m, field: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const value = field === '' || field === undefined ? args[auto++] : /^\d+$/.test(field) ? args[Number(field)] : kw[field];
    if (!spec) return pyStr(value);
    const fm = /^([<>^])?(\d+)?(?:\.(\d+))?([sdf])?$/.exec(spec);
    if (!fm) return pyStr(value);
    const text = fm[4] === 'f' || fm[3] !== undefined ? percentFormat(`%.${fm[3] ?? 6}f`, value) : pyStr(value);
    const width = Number(fm[2] ?? 0);
    const align = fm[1] ?? (typeof value === 'number' ? '>' : '<');
    if (align === '>') return text.padStart(width);
    if (align === '^') return text.padStart(Math.floor((width + text.length) / 2)).padEnd(width);
    return text.padEnd(width);
  });
}
