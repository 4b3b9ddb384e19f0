import { ParseError, type SourcePos } from '../errors.js';

// `web[01:03].example.com` → web01, web02, web03; `db-[a:c]`; optional stride `[1:9:2]`.

const RANGE = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\](.*)$/;

export function expandHostRange(pattern: string, where?: SourcePos): string[] {
  const match = RANGE.exec(pattern);
  if (!match) return [pattern];
  const [, head = '', start = '', end = '', stride = '1', tail = ''] = match;
  const step = Number(stride);
  const values = /^\d+$/.test(start) && /^\d+$/.test(end) ? numbers(start, end, step) : letters(start, end, step);
  if (values.length === 0 || step < 1) {
    throw new ParseError('bad-host-range', `invalid host range '${pattern}'`, { where, hint: 'ranges look like web[01:10] or db-[a:f]' });
  }
  return values.flatMap((v) => expandHostRange(`${head}${v}${tail}`, where));
}

function numbers(start: string, end: string, step: number): string[] {
  const width = start.length > 1 && start.startsWith('0') ? start.length : 0;
  const out: string[] = [];
  for (let n = Number(start); n <= Number(end) && step > 0; n += step) out.push(String(n).padStart(width, '0'));
  return out;
}

function letters(start: string, end: string, step: number): string[] {
  if (start.length !== 1 || end.length !== 1) return [];
  const out: string[] = [];
  for (let c = start.charCodeAt(0); c <= end.charCodeAt(0) && step > 0; c += step) out.push(String.fromCharCode(c));
  return out;
}
