import type { FilterFn } from '../eval/context.js';
import { pyStr } from '../py/repr.js';
import { defined, isDict, iterate, pyCompare, truthy, tuple, typeName, type PyDict } from '../py/values.js';

// Mapping filters: dictsort, dict2items, items2dict, combine (with recursive and list_merge).

type ListMerge = 'replace' | 'keep' | 'append' | 'prepend' | 'append_rp' | 'prepend_rp';

function mergeLists(a: unknown[], b: unknown[], how: ListMerge): unknown[] {
  switch (how) {
    case 'keep':
      return a;
    case 'append':
      return [...a, ...b];
    case 'prepend':
      return [...b, ...a];
    case 'append_rp':
      return [...a.filter((x) => !b.includes(x)), ...b];
    case 'prepend_rp':
      return [...b, ...a.filter((x) => !b.includes(x))];
    default:
      return b;
  }
}

/** Ansible's merge_hash. */
export function combine(a: PyDict, b: PyDict, recursive: boolean, listMerge: ListMerge): PyDict {
  const out: PyDict = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const old = out[k];
    if (recursive && isDict(old) && isDict(v)) out[k] = combine(old, v, recursive, listMerge);
    else if (Array.isArray(old) && Array.isArray(v)) out[k] = mergeLists(old, v, listMerge);
    else out[k] = v;
  }
  return out;
}

function asDict(value: unknown, filter: string): PyDict {
  const v = defined(value);
  if (!isDict(v)) throw new Error(`${filter} requires a dictionary, got ${typeName(v)} instead.`);
  return v;
}

export const dictFilters: Record<string, FilterFn> = {
  dictsort: (_c, v, [caseSensitive = false, by = 'key', reverse = false], kw) => {
    const index = (kw.by ?? by) === 'value' ? 1 : 0;
    const fold = (x: unknown): unknown => (!truthy(kw.case_sensitive ?? caseSensitive) && typeof x === 'string' ? x.toLowerCase() : x);
    const items = Object.entries(asDict(v, 'dictsort')).sort((a, b) => pyCompare(fold(a[index]), fold(b[index])));
    return (truthy(kw.reverse ?? reverse) ? items.reverse() : items).map(tuple);
  },
  dict2items: (_c, v, [keyName = 'key', valueName = 'value'], kw) =>
    Object.entries(asDict(v, 'dict2items')).map(([k, x]) => ({ [pyStr(kw.key_name ?? keyName)]: k, [pyStr(kw.value_name ?? valueName)]: x })),
  items2dict: (_c, v, [keyName = 'key', valueName = 'value'], kw) => {
    const kn = pyStr(kw.key_name ?? keyName);
    const vn = pyStr(kw.value_name ?? valueName);
    return Object.fromEntries(iterate(v).map((item) => [pyStr(asDict(item, 'items2dict')[kn]), (item as PyDict)[vn]]));
  },
  combine: (_c, v, others, kw) => {
    const dicts = [v, ...others].flatMap((d) => (Array.isArray(d) ? d : [d])).map((d) => asDict(d, 'combine'));
    const recursive = truthy(kw.recursive ?? false);
    const how = pyStr(kw.list_merge ?? 'replace') as ListMerge;
    return dicts.reduce((acc, d) => combine(acc, d, recursive, how), {});
  },
};
