import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { TestFn } from '../eval/context.js';
import { PyFunction } from '../py/callable.js';
import { pyStr } from '../py/repr.js';
import { LazyMapping, PyFloat, Undefined, contains, defined, isDict, isNumber, iterate, num, pyCompare, pyEq, truthy } from '../py/values.js';
import { toBool } from '../filters/core.js';
import { pyRegex } from '../filters/regex.js';
import { versionCompare } from '../filters/version.js';

// Jinja2's and Ansible's tests (`x is defined`, `result is failed`, `v is version('2', '>=')`).

function resultDict(value: unknown, test: string): Record<string, unknown> {
  const v = defined(value);
  if (!isDict(v)) throw new Error(`The '${test}' test expects a dictionary`);
  return v;
}

function regexTest(value: unknown, pattern: unknown, kw: Record<string, unknown>, args: unknown[], mode: 'match' | 'search'): boolean {
  const flags = (truthy(kw.ignorecase ?? args[0] ?? false) ? 'i' : '') + (truthy(kw.multiline ?? args[1] ?? false) ? 'm' : '');
  const re = pyRegex(pyStr(pattern), flags);
  const text = pyStr(value);
  if (mode === 'search') return re.test(text);
  const sticky = new RegExp(re.source, `${re.flags}y`);
  return sticky.test(text);
}

const fileStat = (test: (path: string) => boolean) => (value: unknown): boolean => {
  try {
    return test(pyStr(value));
  } catch {
    return false;
  }
};

const compare = (ok: (c: number) => boolean): TestFn => (_c, v, [other]) => ok(pyCompare(v, other));

export const tests: Record<string, TestFn> = {
  defined: (_c, v) => !(v instanceof Undefined),
  undefined: (_c, v) => v instanceof Undefined,
  none: (_c, v) => v === null,
  string: (_c, v) => typeof v === 'string',
  number: (_c, v) => isNumber(v) || typeof v === 'boolean',
  integer: (_c, v) => typeof v === 'number' && Number.isInteger(v),
  float: (_c, v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)),
  mapping: (_c, v) => isDict(v) || v instanceof LazyMapping,
  sequence: (_c, v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  iterable: (_c, v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  boolean: (_c, v) => typeof v === 'boolean',
  true: (_c, v) => v === true,
  false: (_c, v) => v === false,
  callable: (_c, v) => v instanceof PyFunction,
  sameas: (_c, v, [other]) => v === other || (v === null && other === null),
  eq: (_c, v, [other]) => pyEq(v, other),
  ne: (_c, v, [other]) => !pyEq(v, other),
  lt: compare((c) => c < 0),
  le: compare((c) => c <= 0),
  gt: compare((c) => c > 0),
  ge: compare((c) => c >= 0),
  in: (_c, v, [seq]) => contains(seq, v),
  contains: (_c, v, [item]) => contains(v, item),
  divisibleby: (_c, v, [n]) => num(v) % num(n) === 0,
  even: (_c, v) => num(v) % 2 === 0,
  odd: (_c, v) => Math.abs(num(v) % 2) === 1,
  lower: (_c, v) => pyStr(v) === pyStr(v).toLowerCase(),
  upper: (_c, v) => pyStr(v) === pyStr(v).toUpperCase(),
  match: (_c, v, [pattern, ...args], kw) => regexTest(v, pattern, kw, args, 'match'),
  search: (_c, v, [pattern, ...args], kw) => regexTest(v, pattern, kw, args, 'search'),
  regex: (_c, v, [pattern, ...args], kw) => regexTest(v, pattern, kw, args, kw.match_type === 'match' ? 'match' : 'search'),
  failed: (_c, v) => truthy(resultDict(v, 'failed').failed ?? false),
  succeeded: (_c, v) => !truthy(resultDict(v, 'succeeded').failed ?? false),
  changed: (_c, v) => truthy(resultDict(v, 'changed').changed ?? false),
  skipped: (_c, v) => truthy(resultDict(v, 'skipped').skipped ?? false),
  unreachable: (_c, v) => truthy(resultDict(v, 'unreachable').unreachable ?? false),
  reachable: (_c, v) => !truthy(resultDict(v, 'reachable').unreachable ?? false),
  finished: (_c, v) => truthy(resultDict(v, 'finished').finished ?? true),
  started: (_c, v) => truthy(resultDict(v, 'started').started ?? true),
  truthy: (_c, v, [convertBool = false], kw) => (truthy(kw.convert_bool ?? convertBool) && (typeof v === 'string' || typeof v === 'boolean') ? toBool(v) : truthy(v)),
  falsy: (_c, v, [convertBool = false], kw) => !(truthy(kw.convert_bool ?? convertBool) && (typeof v === 'string' || typeof v === 'boolean') ? toBool(v) : truthy(v)),
  version: (_c, v, [version, operator = 'eq', strict = false, type], kw) => versionCompare(v, kw.version ?? version, kw.operator ?? operator, kw.strict ?? strict, kw.version_type ?? type),
  subset: (_c, v, [other]) => iterate(v).every((x) => contains(other, x)),
  superset: (_c, v, [other]) => iterate(other).every((x) => contains(v, x)),
  any: (_c, v) => iterate(v).some(truthy),
  all: (_c, v) => iterate(v).every(truthy),
  nan: (_c, v) => Number.isNaN(num(v)),
  abs: (_c, v) => isAbsolute(pyStr(v)),
  exists: (_c, v) => fileStat((p) => existsSync(p))(v),
  file: (_c, v) => fileStat((p) => statSync(p).isFile())(v),
  directory: (_c, v) => fileStat((p) => statSync(p).isDirectory())(v),
  link: (_c, v) => fileStat((p) => lstatSync(p).isSymbolicLink())(v),
  link_exists: (_c, v) => fileStat((p) => lstatSync(p) !== undefined)(v),
  mount: (_c, v) => fileStat((p) => p === '/' || statSync(p).dev !== statSync(`${p}/..`).dev)(v),
  same_file: (_c, v, [other]) => fileStat((p) => realpathSync(p) === realpathSync(pyStr(other)))(v),
  vault_encrypted: (_c, v) => pyStr(v).startsWith('$ANSIBLE_VAULT;'),
};
tests.equalto = tests.eq as TestFn;
tests['=='] = tests.eq as TestFn;
tests['!='] = tests.ne as TestFn;
tests['<'] = tests.lt as TestFn;
tests['<='] = tests.le as TestFn;
tests['>'] = tests.gt as TestFn;
tests['>='] = tests.ge as TestFn;
tests.greaterthan = tests.gt as TestFn;
tests.lessthan = tests.lt as TestFn;
tests.success = tests.succeeded as TestFn;
tests.succeeded = tests.succeeded as TestFn;
tests.version_compare = tests.version as TestFn;
tests.escaped = () => false;
