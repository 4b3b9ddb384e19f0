import { pyRepr, pyStr } from './repr.js';
import { PyFloat, PyTuple, defined, isDict, isFloat, isNumber, num, typeName } from './values.js';

// Jinja2 arithmetic is Python arithmetic: `/` always yields a float, `//` floors, `%` on a
// string formats, `+` concatenates lists, `*` repeats strings.

function numeric(a: unknown, b: unknown, op: string): [number, number, boolean] {
  a = defined(a);
  b = defined(b);
  const ok = (v: unknown): boolean => isNumber(v) || typeof v === 'boolean';
  if (!ok(a) || !ok(b)) throw new TypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  return [num(a), num(b), isFloat(a) || isFloat(b)];
}

export function toNumber(value: number, float: boolean): number | PyFloat {
  return float && Number.isInteger(value) ? new PyFloat(value) : value;
}

export function add(a: unknown, b: unknown): unknown {
  a = defined(a);
  b = defined(b);
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  const [x, y, f] = numeric(a, b, '+');
  return toNumber(x + y, f);
}

export function sub(a: unknown, b: unknown): unknown {
  const [x, y, f] = numeric(a, b, '-');
  return toNumber(x - y, f);
}

export function mul(a: unknown, b: unknown): unknown {
  a = defined(a);
  b = defined(b);
  if (typeof a === 'string' && typeof b === 'number') return a.repeat(Math.max(0, b));
  if (Array.isArray(a) && typeof b === 'number') return Array.from({ length: Math.max(0, b) }, () => a as unknown[]).flat();
  const [x, y, f] = numeric(a, b, '*');
  return toNumber(x * y, f);
}

export function div(a: unknown, b: unknown): unknown {
  const [x, y] = numeric(a, b, '/');
  if (y === 0) throw new RangeError('division by zero');
  return toNumber(x / y, true);
}

export function floorDiv(a: unknown, b: unknown): unknown {
  const [x, y, f] = numeric(a, b, '//');
  if (y === 0) throw new RangeError('integer division or modulo by zero');
  return toNumber(Math.floor(x / y), f);
}

export function mod(a: unknown, b: unknown): unknown {
  a = defined(a);
  if (typeof a === 'string') return percentFormat(a, defined(b));
  const [x, y, f] = numeric(a, b, '%');
  if (y === 0) throw new RangeError('integer division or modulo by zero');
  return toNumber(((x % y) + y) % y, f);
}

export function pow(a: unknown, b: unknown): unknown {
  const [x, y, f] = numeric(a, b, '**');
  return toNumber(x ** y, f || y < 0);
}

export function neg(a: unknown): unknown {
  const [x, , f] = numeric(a, 0, 'unary -');
  return toNumber(-x, f);
}

/** printf-style formatting: `"%s-%05.2f" % (a, b)`, `"%(k)s" % d`. */
export function percentFormat(format: string, args: unknown): string {
  // Only a tuple is an argument list: `'%s' % [1, 2]` prints the list.
  const list = args instanceof PyTuple ? [...args] : [args];
  let index = 0;
  const re = /%(?:\(([^)]*)\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([sdirfFeExXoc%])/g;
  return format.replace(re, (_m, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const value = key !== undefined && isDict(args) ? args[key] : list[index++];
    let text = convert(defined(value), conv, flags, precision);
    const w = width === undefined ? 0 : width === '*' ? 0 : Number(width);
    if (text.length < w) {
      if (flags.includes('-')) text = text.padEnd(w);
      else if (flags.includes('0') && conv !== 's' && conv !== 'r') {
        const sign = /^[-+ ]/.test(text) ? text.charAt(0) : '';
        text = sign + text.slice(sign.length).padStart(w - sign.length, '0');
      } else text = text.padStart(w);
    }
    return text;
  });
}

function convert(value: unknown, conv: string, flags: string, precision: string | undefined): string {
  const sign = (n: number, s: string): string => (n >= 0 && flags.includes('+') ? `+${s}` : n >= 0 && flags.includes(' ') ? ` ${s}` : s);
  switch (conv) {
    case 's':
      return precision === undefined ? pyStr(value) : pyStr(value).slice(0, Number(precision));
    case 'r':
      return pyRepr(value);
    case 'd':
    case 'i':
      return sign(num(value), String(Math.trunc(num(value))));
    case 'f':
    case 'F':
      return sign(num(value), num(value).toFixed(precision === undefined ? 6 : Number(precision)));
    case 'e':
    case 'E': {
      const t = num(value).toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, 'e$10$2');
      return sign(num(value), conv === 'E' ? t.toUpperCase() : t);
    }
    case 'x':
      return (flags.includes('#') ? '0x' : '') + Math.trunc(num(value)).toString(16);
    case 'X':
      return (flags.includes('#') ? '0X' : '') + Math.trunc(num(value)).toString(16).toUpperCase();
    case 'o':
      return (flags.includes('#') ? '0o' : '') + Math.trunc(num(value)).toString(8);
    default:
      return typeof value === 'number' ? String.fromCodePoint(value) : pyStr(value);
  }
}
