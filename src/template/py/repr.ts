import { LazyMapping, PyFloat, PyTuple, Undefined, isDict } from './values.js';

// Python's str() and repr(), which Jinja2 uses whenever a value meets text: `{{ [1, 'a'] }}`
// prints "[1, 'a']", `{{ True }}` prints "True", `{{ 4 / 2 }}` prints "2.0".

export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Undefined) value.fail();
  return pyRepr(value);
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return reprString(value);
  if (typeof value === 'number') return Number.isInteger(value) ? intString(value) : floatRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (value instanceof PyTuple) return value.length === 1 ? `(${pyRepr(value[0])},)` : `(${[...value].map(pyRepr).join(', ')})`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) return `{${Object.entries(value).map(([k, v]) => `${reprString(k)}: ${pyRepr(v)}`).join(', ')}}`;
  if (value instanceof Undefined) value.fail();
  if (value instanceof LazyMapping) return pyRepr(value.toDict());
  return String(value);
}

function intString(value: number): string {
  // Integers beyond 2^53 lose precision in JS anyway; print them without exponent like Python.
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

/** repr(float): shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = value.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const text = String(value);
  if (/e/.test(text)) {
    // JS uses exponent form below 1e-6; Python does not until 1e-4.
    return value.toFixed(Math.max(0, -exp + mantissa.replace(/[-.]/g, '').length - 1));
  }
  return text.includes('.') ? text : `${text}.0`;
}

/** repr(str): single quotes unless the text holds ' and no ", Python's escapes. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (isNonPrintable(code)) out += code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's str.isprintable() false cases beyond ASCII control: separators and format chars (approximation). */
function isNonPrintable(code: number): boolean {
  return /[\p{Z}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u.test(String.fromCodePoint(code)) && code !== 0x20;
}
