// Python value semantics for template values. JavaScript has one number type, so a float
// that must print as a float (`1.0`, the result of `/`, `| float`) is boxed in PyFloat.
// Jinja's Undefined is a value too: it flows through attribute access and `default`, and
// raises only when something consumes it (output, arithmetic, iteration, truth test).

export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** Raised (as a JS error) by consumers of an Undefined; the evaluator adds template/line. */
export class UndefinedError extends Error {}

export class Undefined {
  constructor(
    /** The message Jinja would raise, e.g. "'foo' is undefined". */
    readonly message: string,
    /** The variable name for `mandatory` and hints. */
    readonly name: string,
  ) {}
  fail(): never {
    throw new UndefinedError(this.message);
  }
}

export function isUndefined(value: unknown): value is Undefined {
  return value instanceof Undefined;
}

export function defined<T>(value: T): Exclude<T, Undefined> {
  if (value instanceof Undefined) value.fail();
  return value as Exclude<T, Undefined>;
}

export type PyDict = Record<string, unknown>;

/**
 * A mapping whose values are produced when read: `hostvars[host]` (each host's variables templated
 * in that host's context) and `vars`. Filters and printing see it as a plain dict.
 */
export class LazyMapping {
  constructor(
    readonly get: (key: string) => unknown,
    readonly keys: () => string[],
    readonly has: (key: string) => boolean,
  ) {}

  toDict(): PyDict {
    return Object.fromEntries(this.keys().map((k) => [k, this.get(k)]));
  }
}

/** A Python tuple: a list everywhere except when printed, `('a', 1)`. */
export class PyTuple extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

export function tuple(items: unknown[]): unknown[] {
  return Object.setPrototypeOf([...items], PyTuple.prototype) as unknown[];
}

export function isDict(value: unknown): value is PyDict {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isNumber(value: unknown): value is number | PyFloat {
  return typeof value === 'number' || value instanceof PyFloat;
}

export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}

export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TypeError(`unsupported operand type: ${typeName(value)}`);
}

/** Python's bool(): empty containers and zero are false; Undefined raises. */
export function truthy(value: unknown): boolean {
  if (value instanceof Undefined) value.fail();
  if (value === null || value === undefined || value === false) return false;
  if (value === true) return true;
  if (typeof value === 'number') return value !== 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  if (value instanceof LazyMapping) return value.keys().length > 0;
  return true;
}

/** Python's type name, as `type_debug` and error messages print it. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (value instanceof Undefined) return 'AnsibleUndefined';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof PyFloat) return 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (isDict(value) || value instanceof LazyMapping) return 'dict';
  if (typeof value === 'function') return 'function';
  return 'str';
}

/** Python ==: deep for lists and dicts, 1 == 1.0, True == 1. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a instanceof Undefined || b instanceof Undefined) return a === b;
  if ((isNumber(a) || typeof a === 'boolean') && (isNumber(b) || typeof b === 'boolean')) return num(a) === num(b);
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEq(a[k], b[k]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'string') return String(a) === b;
  if (typeof b === 'object' && b !== null && typeof a === 'string') return String(b) === a;
  return a === b;
}

/** Python ordering for <, >, sort: numbers with numbers, strings with strings, lists lexicographically. */
export function pyCompare(a: unknown, b: unknown): number {
  if ((isNumber(a) || typeof a === 'boolean') && (isNumber(b) || typeof b === 'boolean')) return num(a) - num(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  defined(a);
  defined(b);
  throw new TypeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Python iteration: lists, dict keys, string characters. */
export function iterate(value: unknown): unknown[] {
  value = defined(value);
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isDict(value)) return Object.keys(value);
  if (value instanceof LazyMapping) return value.keys();
  if (value instanceof Set) return [...(value as Set<unknown>)];
  throw new TypeError(`'${typeName(value)}' object is not iterable`);
}

/** Python `in`. */
export function contains(container: unknown, item: unknown): boolean {
  container = defined(container);
  if (typeof container === 'string') return container.includes(String(defined(item)));
  if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
  if (container instanceof LazyMapping) return typeof item === 'string' && container.has(item);
  if (isDict(container)) return typeof item === 'string' || typeof item === 'number' ? Object.prototype.hasOwnProperty.call(container, String(item)) : false;
  throw new TypeError(`argument of type '${typeName(container)}' is not iterable`);
}
