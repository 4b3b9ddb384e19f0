import type { FilterFn } from '../eval/context.js';
import { pyStr } from '../py/repr.js';
import { defined, truthy, tuple } from '../py/values.js';

// Python `re` patterns and replacements translated to JavaScript's: named groups, \A \Z,
// `\1`/`\g<name>` in replacements. Differences left: possessive/atomic groups do not exist in
// either; Python's `re.X` verbose flag is not supported.

const WORD = '\\p{L}\\p{N}\\p{M}_';
const OUTSIDE: Record<string, string> = {
  w: `[${WORD}]`,
  W: `[^${WORD}]`,
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  b: `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`,
  B: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`,
  A: '^(?<![\\s\\S])',
  Z: '$(?![\\s\\S])',
};
const INSIDE: Record<string, string> = { w: WORD, d: '\\p{Nd}' };

/** Python's `\w`, `\d`, `\b` are Unicode-aware; JavaScript's (even with /u) are ASCII. */
function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i] ?? '';
      out += (inClass ? INSIDE[next] : OUTSIDE[next]) ?? `\\${next}`;
    } else {
      if (ch === '[' && !inClass) inClass = true;
      else if (ch === ']' && inClass && !out.endsWith('[') && !out.endsWith('[^')) inClass = false;
      out += ch;
    }
  }
  return out.replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>').replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>');
}

export function pyRegex(pattern: string, flags: string): RegExp {
  const source = translate(pattern);
  // Inline flags like (?i) at the start of the pattern become JS flags.
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  const all = new Set([...flags, 'u']);
  if (inline) for (const f of inline[1] ?? '') if (f !== 'x') all.add(f);
  return new RegExp(inline ? source.slice(inline[0].length) : source, [...all].join(''));
}

/** Python replacement template → a function building the replacement from a match. */
function pyReplacement(template: string): (match: RegExpExecArray | string[], groups?: Record<string, string | undefined>) => string {
  return (m, groups) =>
    template.replace(/\\(\d+)|\\g<(\w+)>|\\n|\\t|\\\\/g, (esc, num: string | undefined, name: string | undefined) => {
      if (esc === '\\n') return '\n';
      if (esc === '\\t') return '\t';
      if (esc === '\\\\') return '\\';
      const key = num ?? name ?? '';
      return (/^\d+$/.test(key) ? m[Number(key)] : groups?.[key]) ?? '';
    });
}

function flagsOf(kw: Record<string, unknown>, ignorecase: unknown, multiline: unknown): string {
  return (truthy(kw.ignorecase ?? ignorecase ?? false) ? 'i' : '') + (truthy(kw.multiline ?? multiline ?? false) ? 'm' : '');
}

export function regexReplace(value: string, pattern: string, replacement: string, flags: string, count: number): string {
  const re = pyRegex(pattern, flags + 'g');
  const build = pyReplacement(replacement);
  let n = 0;
  return value.replace(re, (...args: unknown[]) => {
    if (count > 0 && n >= count) return String(args[0]);
    n++;
    const hasGroups = typeof args[args.length - 1] === 'object';
    const groups = hasGroups ? (args[args.length - 1] as Record<string, string | undefined>) : undefined;
    const match = args.slice(0, args.length - (hasGroups ? 3 : 2)).map((x) => (x === undefined ? '' : String(x)));
    return build(match, groups);
  });
}

/** Python's re.escape (3.7+): only regex-special characters are escaped. */
export function regexEscape(text: string): string {
  return text.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);
}

export const regexFilters: Record<string, FilterFn> = {
  regex_replace: (_c, value, [pattern = '', replacement = '', ignorecase, multiline, count = 0], kw) =>
    regexReplace(pyStr(value), pyStr(pattern), pyStr(kw.replacement ?? replacement), flagsOf(kw, ignorecase, multiline), Number(kw.count ?? count)),
  regex_search: (_c, value, [pattern = '', ...groups], kw) => {
    const m = pyRegex(pyStr(pattern), flagsOf(kw, undefined, undefined)).exec(pyStr(value));
    if (!m) return null;
    if (groups.length === 0) return m[0];
    return groups.map((g) => {
      const text = pyStr(g);
      const num = /^\\(\d+)$/.exec(text);
      const name = /^\\g<(\w+)>$/.exec(text);
      if (num) return m[Number(num[1])] ?? null;
      if (name) return m.groups?.[name[1] ?? ''] ?? null;
      throw new Error(`Unknown argument: ${text}`);
    });
  },
  regex_findall: (_c, value, [pattern = '', multiline, ignorecase], kw) => {
    const re = pyRegex(pyStr(pattern), flagsOf(kw, ignorecase, multiline) + 'g');
    return [...pyStr(value).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : tuple(m.slice(1).map((g) => g ?? ''))));
  },
  regex_escape: (_c, value, [reType = 'python']) => {
    if (reType === 'posix_basic') return pyStr(value).replace(/[.[\]\\*^$]/g, (c) => `\\${c}`);
    return regexEscape(pyStr(defined(value)));
  },
};
