import { posix } from 'node:path';
import type { FilterFn } from '../eval/context.js';
import { getAttr } from '../py/methods.js';
import type { PyFunction } from '../py/callable.js';
import { pyStr } from '../py/repr.js';
import { defined, isDict, iterate, num, truthy, tuple } from '../py/values.js';

// String filters with Jinja2's and Ansible's exact output.

function method(value: unknown, name: string, ...args: unknown[]): unknown {
  return (getAttr(pyStr(value), name) as PyFunction).call(args, {});
}

/** Jinja2's indent, including its "append a newline before splitlines" quirk. */
function indent(value: unknown, width: unknown = 4, first: unknown = false, blank: unknown = false): string {
  const ind = typeof width === 'string' ? width : ' '.repeat(num(width));
  const lines = (method(`${pyStr(value)}\n`, 'splitlines') as string[]);
  let out: string;
  if (truthy(blank)) out = lines.join(`\n${ind}`);
  else out = [lines[0] ?? '', ...lines.slice(1).map((l) => (l ? ind + l : l))].join('\n');
  return truthy(first) ? ind + out : out;
}

/** Python str.center. */
function center(value: unknown, width: unknown = 80): string {
  const s = pyStr(value);
  const w = num(width);
  const marg = w - s.length;
  if (marg <= 0) return s;
  const left = Math.floor(marg / 2) + (marg & w & 1);
  return ' '.repeat(left) + s + ' '.repeat(marg - left);
}

/** shlex.quote */
export function shellQuote(value: unknown): string {
  const s = pyStr(value);
  if (s === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** urllib.parse.quote with Jinja2's safe set. */
function urlQuote(value: unknown, forQs: boolean): string {
  const out = encodeURIComponent(pyStr(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return forQs ? out.replace(/%20/g, '+') : out.replace(/%2F/g, '/');
}

function splitext(value: unknown): [string, string] {
  const p = pyStr(value);
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return [p, ''];
  const cut = p.length - base.length + dot;
  return [p.slice(0, cut), p.slice(cut)];
}

/** os.path.dirname: everything before the last slash, trailing slashes kept off unless root. */
function dirname(value: unknown): string {
  const p = pyStr(value);
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

export const stringFilters: Record<string, FilterFn> = {
  lower: (_c, v) => pyStr(v).toLowerCase(),
  upper: (_c, v) => pyStr(v).toUpperCase(),
  capitalize: (_c, v) => method(v, 'capitalize'),
  // Jinja2 splits words on dashes, whitespace and opening brackets only ("it's" stays "It's").
  title: (_c, v) => pyStr(v).split(/([-\s({[<]+)/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(''),
  trim: (_c, v, [chars]) => method(v, 'strip', chars),
  replace: (_c, v, [a, b, count]) => method(v, 'replace', a, b, ...(count === undefined ? [] : [count])),
  split: (_c, v, [sep, max]) => method(v, 'split', sep ?? null, max ?? -1),
  join: (_c, v, [sep = '', attribute], kw) => {
    const attr = kw.attribute ?? attribute;
    return iterate(v).map((x) => pyStr(attr === undefined ? x : getAttr(x, String(attr)))).join(pyStr(kw.d ?? sep));
  },
  indent: (_c, v, [width = 4, first = false, blank = false], kw) => indent(v, kw.width ?? width, kw.first ?? first, kw.blank ?? blank),
  center: (_c, v, [width = 80]) => center(v, width),
  wordcount: (_c, v) => (pyStr(v).match(/[\p{L}\p{N}\p{M}_]+/gu) ?? []).length,
  truncate: (_c, v, [length = 255, killwords = false, end = '...', leeway = 5]) => {
    const s = pyStr(v);
    const n = num(length);
    if (s.length <= n + num(leeway)) return s;
    if (truthy(killwords)) return s.slice(0, n - pyStr(end).length) + pyStr(end);
    const cut = s.slice(0, n - pyStr(end).length);
    return cut.slice(0, Math.max(0, cut.lastIndexOf(' '))) + pyStr(end);
  },
  quote: (_c, v) => shellQuote(v),
  urlencode: (_c, v) => {
    if (isDict(v)) return Object.entries(v).map(([k, x]) => `${urlQuote(k, true)}=${urlQuote(x, true)}`).join('&');
    if (Array.isArray(v)) return v.map((pair) => iterate(pair).map((x) => urlQuote(x, true)).join('=')).join('&');
    return urlQuote(v, false);
  },
  basename: (_c, v) => pyStr(v).slice(pyStr(v).lastIndexOf('/') + 1),
  dirname: (_c, v) => dirname(v),
  splitext: (_c, v) => tuple(splitext(v)),
  expanduser: (_c, v) => pyStr(v).replace(/^~(?=\/|$)/, process.env.HOME ?? '~'),
  realpath: (_c, v) => posix.resolve(pyStr(v)),
  relpath: (_c, v, [start]) => posix.relative(pyStr(start ?? process.cwd()), pyStr(v)),
  path_join: (_c, v) => (Array.isArray(v) ? v.map(pyStr).reduce((a, b) => (b.startsWith('/') ? b : a === '' || a.endsWith('/') ? a + b : `${a}/${b}`), '') : pyStr(v)),
  b64encode: (_c, v) => Buffer.from(pyStr(v), 'utf8').toString('base64'),
  b64decode: (_c, v) => Buffer.from(pyStr(v), 'base64').toString('utf8'),
  comment: (_c, v, [style = 'plain'], kw) => comment(pyStr(v), pyStr(style), kw),
  format: (_c, v, args, kw) => method(v, 'format', ...args, kw),
  striptags: (_c, v) => pyStr(v).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim(),
  reverse: (_c, v) => (typeof defined(v) === 'string' ? [...pyStr(v)].reverse().join('') : [...iterate(v)].reverse()),
};

const commentStyles: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

/** Ansible's comment filter, step for step. */
function comment(text: string, style: string, kw: Record<string, unknown>): string {
  const styleParams = commentStyles[style];
  if (!styleParams) throw new Error(`unknown comment style '${style}'`);
  const prepostfix = pyStr(kw.decoration ?? styleParams.decoration ?? '');
  const p: Record<string, string> = { newline: '\n', beginning: '', prefix: prepostfix.trimEnd(), prefix_count: '1', decoration: '', postfix: prepostfix.trimEnd(), postfix_count: '1', end: '', ...styleParams };
  for (const [k, v] of Object.entries(kw)) p[k] = pyStr(v);
  const nl = p.newline ?? '\n';
  const dec = p.decoration ?? '';
  const beginning = p.beginning ? `${p.beginning}${nl}` : '';
  const prefix = p.prefix ? (p.prefix !== nl ? `${p.prefix}${nl}` : nl).repeat(Number(p.prefix_count)) : '';
  const body = `${dec}${text.split(nl).join(`${nl}${dec}`)}`.split(`${dec}${nl}`).join(`${dec.trimEnd()}${nl}`);
  const postfix = ['', ...Array.from({ length: Number(p.postfix_count) }, () => p.postfix ?? '')].join(nl);
  const end = p.end ? `${nl}${p.end}` : '';
  return beginning + prefix + body + postfix + end;
}

