import type { FilterFn, RenderContext } from '../eval/context.js';
import type { Kwargs } from '../py/callable.js';
import { getItem } from '../py/methods.js';
import { add, toNumber } from '../py/ops.js';
import { pyStr } from '../py/repr.js';
import { Undefined, contains, defined, isDict, isFloat, iterate, pyCompare, pyEq, truthy, tuple } from '../py/values.js';

// Sequence filters: Jinja2's (first, last, sort, min, max, sum, select*, map, batch, groupby)
// and Ansible's (unique, flatten, zip, set theory, product, subelements).

/** Jinja2 attribute paths: "a.b" and "a.0". */
export function attrGetter(attribute: unknown): (item: unknown) => unknown {
  const parts = pyStr(attribute).split('.');
  return (item) => parts.reduce<unknown>((obj, part) => getItem(obj, /^\d+$/.test(part) && Array.isArray(obj) ? Number(part) : part), item);
}

function sortKey(caseSensitive: boolean, attribute: unknown): (item: unknown) => unknown {
  const attrs = attribute === undefined || attribute === null ? [] : pyStr(attribute).split(',').map(attrGetter);
  const fold = (v: unknown): unknown => (!caseSensitive && typeof v === 'string' ? v.toLowerCase() : v);
  if (attrs.length === 0) return fold;
  if (attrs.length === 1) return (item) => fold(defined((attrs[0] as (i: unknown) => unknown)(item)));
  return (item) => attrs.map((get) => fold(defined(get(item))));
}

export function uniqueList(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.some((x) => pyEq(x, item))) out.push(item);
  return out;
}

function minMax(value: unknown, kw: Kwargs, sign: number): unknown {
  const items = iterate(value);
  if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.', '');
  const key = sortKey(truthy(kw.case_sensitive ?? false), kw.attribute);
  return items.reduce((best, item) => (sign * pyCompare(key(item), key(best)) > 0 ? item : best));
}

function flatten(items: unknown[], levels: number | undefined, skipNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (skipNulls && (item === null || item === 'None')) continue;
    if (Array.isArray(item) && (levels === undefined || levels > 0)) out.push(...flatten(item, levels === undefined ? undefined : levels - 1, skipNulls));
    else out.push(item);
  }
  return out;
}

function selectBy(ctx: RenderContext, value: unknown, args: unknown[], kw: Kwargs, attr: boolean, want: boolean): unknown[] {
  const getter = attr ? attrGetter(args[0]) : (x: unknown) => x;
  const [testName, ...testArgs] = attr ? args.slice(1) : args;
  return iterate(value).filter((item) => {
    const v = getter(item);
    const ok = testName === undefined ? truthy(v) : ctx.callTest(pyStr(testName), v, testArgs, kw);
    return ok === want;
  });
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

function subelements(value: unknown, subkey: unknown, skipMissing: unknown): unknown[] {
  const items = isDict(value) ? Object.values(value) : iterate(value);
  const path = pyStr(subkey).split('.');
  const out: unknown[] = [];
  for (const item of items) {
    let sub: unknown = item;
    for (const key of path) {
      if (isDict(sub) && key in sub) sub = sub[key];
      else if (truthy(skipMissing)) sub = undefined;
      else throw new Error(`could not find '${key}' key in iterated item '${pyStr(item)}'`);
      if (sub === undefined) break;
    }
    if (sub === undefined) continue;
    if (!Array.isArray(sub)) throw new Error('the key %s should point to a list, got %r'.replace('%s', pyStr(subkey)).replace('%r', pyStr(sub)));
    for (const s of sub) out.push(tuple([item, s]));
  }
  return out;
}

export const listFilters: Record<string, FilterFn> = {
  first: (_c, v) => iterate(v)[0] ?? new Undefined('No first item, sequence was empty.', ''),
  last: (_c, v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.', '');
  },
  unique: (_c, v, _a, kw) => {
    const items = iterate(v);
    if (kw.attribute === undefined) return uniqueList(items);
    const get = attrGetter(kw.attribute);
    const seen: unknown[] = [];
    return items.filter((item) => (seen.some((s) => pyEq(s, get(item))) ? false : (seen.push(get(item)), true)));
  },
  sort: (_c, v, [reverse = false, caseSensitive = false, attribute], kw) => {
    const key = sortKey(truthy(kw.case_sensitive ?? caseSensitive), kw.attribute ?? attribute);
    const sorted = [...iterate(v)].sort((a, b) => pyCompare(key(a), key(b)));
    return truthy(kw.reverse ?? reverse) ? sorted.reverse() : sorted;
  },
  min: (_c, v, _a, kw) => minMax(v, kw, -1),
  max: (_c, v, _a, kw) => minMax(v, kw, 1),
  sum: (_c, v, [attribute, start = 0], kw) => {
    const get = (kw.attribute ?? attribute) === undefined ? (x: unknown) => x : attrGetter(kw.attribute ?? attribute);
    const total = iterate(v).reduce<unknown>((acc, x) => add(acc, get(x)), kw.start ?? start);
    return typeof total === 'number' ? toNumber(total, isFloat(total)) : total;
  },
  select: (c, v, args, kw) => selectBy(c, v, args, kw, false, true),
  reject: (c, v, args, kw) => selectBy(c, v, args, kw, false, false),
  selectattr: (c, v, args, kw) => selectBy(c, v, args, kw, true, true),
  rejectattr: (c, v, args, kw) => selectBy(c, v, args, kw, true, false),
  map: (c, v, [name, ...args], kw) => {
    if (kw.attribute !== undefined) {
      const get = attrGetter(kw.attribute);
      return iterate(v).map((item) => {
        const x = get(item);
        return x instanceof Undefined && 'default' in kw ? kw.default : x;
      });
    }
    return iterate(v).map((item) => c.callFilter(pyStr(name), item, args, kw));
  },
  flatten: (_c, v, [levels, skipNulls = true], kw) => {
    const l = kw.levels ?? levels;
    return flatten(iterate(v), l === undefined || l === null ? undefined : Number(l), truthy(kw.skip_nulls ?? skipNulls));
  },
  zip: (_c, v, others) => {
    const lists = [iterate(v), ...others.map(iterate)];
    const n = Math.min(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_x, i) => tuple(lists.map((l) => l[i])));
  },
  zip_longest: (_c, v, others, kw) => {
    const lists = [iterate(v), ...others.map(iterate)];
    const n = Math.max(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_x, i) => tuple(lists.map((l) => (i < l.length ? l[i] : (kw.fillvalue ?? null)))));
  },
  difference: (_c, a, [b]) => uniqueList(iterate(a).filter((x) => !contains(b, x))),
  intersect: (_c, a, [b]) => uniqueList(iterate(a).filter((x) => contains(b, x))),
  union: (_c, a, [b]) => uniqueList([...iterate(a), ...iterate(b)]),
  symmetric_difference: (_c, a, [b]) => {
    const both = uniqueList(iterate(a).filter((x) => contains(b, x)));
    return uniqueList([...iterate(a), ...iterate(b)]).filter((x) => !both.some((y) => pyEq(x, y)));
  },
  product: (_c, v, others) => product([iterate(v), ...others.map(iterate)]).map(tuple),
  permutations: (_c, v, [r]) => permutations(iterate(v), r === undefined ? iterate(v).length : Number(r)).map(tuple),
  combinations: (_c, v, [r]) => combinations(iterate(v), Number(r)).map(tuple),
  subelements: (_c, v, [subkey, skipMissing = false], kw) => subelements(v, subkey, kw.skip_missing ?? skipMissing),
  batch: (_c, v, [size, fill]) => {
    const items = iterate(v);
    const n = Number(size);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    const lastRow = out[out.length - 1];
    if (fill !== undefined && lastRow) while (lastRow.length < n) lastRow.push(fill);
    return out;
  },
  groupby: (_c, v, [attribute], kw) => {
    const get = attrGetter(kw.attribute ?? attribute);
    const sorted = [...iterate(v)].sort((a, b) => pyCompare(get(a), get(b)));
    const groups: Array<[unknown, unknown[]]> = [];
    for (const item of sorted) {
      const k = get(item);
      const g = groups.find(([gk]) => pyEq(gk, k));
      if (g) g[1].push(item);
      else groups.push([k, [item]]);
    }
    return groups.map(tuple);
  },
};

function permutations(items: unknown[], r: number): unknown[][] {
  if (r === 0) return [[]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)], r - 1).map((rest) => [x, ...rest]));
}

function combinations(items: unknown[], r: number): unknown[][] {
  if (r === 0) return [[]];
  return items.flatMap((x, i) => combinations(items.slice(i + 1), r - 1).map((rest) => [x, ...rest]));
}
