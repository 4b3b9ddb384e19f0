import { ParseError, type SourcePos } from '../errors.js';

// Ansible's host ranges (expand_hostname_range): `web[01:03].example.com` → web01..web03,
// `db-[a:c]`, a stride `[1:9:2]`, several ranges in one name. Ansible reads every '[' as a
// range; where it quietly yields no host (`web[3:1]`) or a host named `web1]`, this is an
// error, because a name with a bracket in it can never be a reachable host.

// Python's string.ascii_letters: `[a:C]` runs a..z then A..C, as in Ansible.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HINT = 'a range is [begin:end] or [begin:end:step] of numbers or single letters, begin <= end: web[01:10], db-[a:f], web[1:9:2]';

export function expandHostRange(pattern: string, where?: SourcePos): string[] {
  const ipv6 = /^\[([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)\]$/.exec(pattern);
  if (ipv6) return [ipv6[1]!];
  const fail = (why: string): never => {
    throw new ParseError('bad-host-range', `invalid host range in '${pattern}': ${why}`, { where, hint: HINT });
  };
  return expand(pattern, fail);
}

/** Expands the first range, then the names it made (they may hold more ranges). */
function expand(name: string, fail: (why: string) => never): string[] {
  const open = name.indexOf('[');
  const stray = name.indexOf(']');
  if (open < 0 && stray < 0) return [name];
  if (open < 0 || (stray >= 0 && stray < open)) return fail("']' without '['");
  const close = name.indexOf(']', open + 1);
  if (close < 0) return fail("'[' is not closed by ']'");
  const [head, tail] = [name.slice(0, open), name.slice(close + 1)];
  return rangeValues(name.slice(open + 1, close), fail).flatMap((value) => expand(`${head}${value}${tail}`, fail));
}

function rangeValues(inner: string, fail: (why: string) => never): string[] {
  const bounds = inner.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) return fail(`'[${inner}]' is not begin:end or begin:end:step`);
  // An empty begin means 0, as in Ansible (`web[:3]` → web0..web3).
  const [begin = '', end = '', stride = '1'] = [bounds[0] || '0', bounds[1], bounds[2]];
  if (end === '') return fail('the range has no end');
  if (!/^\d+$/.test(stride) || Number(stride) < 1) return fail(`the step '${stride}' is not a whole number of at least 1`);
  const step = Number(stride);
  if (LETTERS.includes(begin) && LETTERS.includes(end) && begin.length === 1 && end.length === 1) {
    const [from, to] = [LETTERS.indexOf(begin), LETTERS.indexOf(end)];
    if (from > to) return fail(`begin '${begin}' comes after end '${end}'`);
    return [...LETTERS.slice(from, to + 1)].filter((_, i) => i % step === 0);
  }
  if (!/^\d+$/.test(begin) || !/^\d+$/.test(end)) return fail(`'${begin}' and '${end}' are not both numbers or both single letters`);
  const width = begin.length > 1 && begin.startsWith('0') ? begin.length : 0;
  if (width > 0 && end.length !== width) return fail(`zero-padded '${begin}' and '${end}' differ in length`);
  if (Number(begin) > Number(end)) return fail(`begin ${begin} is greater than end ${end}`);
  const out: string[] = [];
  for (let n = Number(begin); n <= Number(end); n += step) out.push(String(n).padStart(width, '0'));
  return out;
}
