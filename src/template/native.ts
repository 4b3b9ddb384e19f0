import { PyFunction } from './py/callable.js';
import { pyStr } from './py/repr.js';
import { LazyMapping, PyFloat, Undefined, isDict } from './py/values.js';

/** Template results as plain JS for the rest of the engine: floats unboxed, functions as text. */
export function toNative(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (value instanceof Undefined) value.fail();
  if (value instanceof PyFunction) return pyStr(value);
  if (value instanceof LazyMapping) return toNative(value.toDict());
  if (Array.isArray(value)) return value.map(toNative);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNative(v)]));
  return value;
}
