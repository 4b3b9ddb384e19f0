import { pyStr } from '../py/repr.js';

// Ansible's version test (ansible-core 2.14 has no version filter): LooseVersion by default ("1.10" > "1.9", "1.0a" splits into
// [1, 0, 'a']), StrictVersion and semver on request.

type Part = number | string;

function loose(v: string): Part[] {
  return (v.match(/\d+|[a-z]+|\./gi) ?? []).filter((p) => p !== '.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function comparePartLists(a: Part[], b: Part[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) throw new Error(`Version comparison failed: '<' not supported between instances of '${typeof x === 'number' ? 'int' : 'str'}' and '${typeof y === 'number' ? 'int' : 'str'}'`);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function semverParts(v: string): [Part[], Part[]] {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  if (!m) throw new Error(`Version comparison failed: invalid semantic version '${v}'`);
  const pre = m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [];
  return [[Number(m[1]), Number(m[2]), Number(m[3])], pre];
}

function compareVersions(a: string, b: string, type: string): number {
  if (type === 'semver' || type === 'semantic') {
    const [ca, pa] = semverParts(a);
    const [cb, pb] = semverParts(b);
    const core = comparePartLists(ca, cb);
    if (core !== 0) return core;
    if (pa.length === 0 || pb.length === 0) return pb.length - pa.length;
    return comparePartLists(pa.map(String), pb.map(String));
  }
  if (type === 'strict' && !/^\d+\.\d+(\.\d+)?([ab]\d+)?$/.test(a)) throw new Error(`Version comparison failed: invalid version number '${a}'`);
  return comparePartLists(loose(a), loose(b));
}

const OPERATORS: Record<string, (c: number) => boolean> = {
  '==': (c) => c === 0,
  '=': (c) => c === 0,
  eq: (c) => c === 0,
  '<': (c) => c < 0,
  lt: (c) => c < 0,
  '<=': (c) => c <= 0,
  le: (c) => c <= 0,
  '>': (c) => c > 0,
  gt: (c) => c > 0,
  '>=': (c) => c >= 0,
  ge: (c) => c >= 0,
  '!=': (c) => c !== 0,
  '<>': (c) => c !== 0,
  ne: (c) => c !== 0,
};

export function versionCompare(value: unknown, version: unknown, operator: unknown = 'eq', strict: unknown = false, versionType: unknown = undefined): boolean {
  const op = OPERATORS[pyStr(operator)];
  if (!op) throw new Error(`Invalid operator type (${pyStr(operator)})`);
  const type = versionType === undefined || versionType === null ? (strict === true ? 'strict' : 'loose') : pyStr(versionType);
  return op(compareVersions(pyStr(value), pyStr(version), type));
}

