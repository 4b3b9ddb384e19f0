// Merges Compose files the way `docker compose -f base -f overlay` does (Compose Specification,
// "Merge and override"): mappings merge recursively; a few sequences are unions or keyed merges;
// other sequences and scalars are replaced by the later file.

type Json = unknown;
type Dict = Record<string, Json>;

const UNION_SEQUENCES = new Set(['ports', 'expose', 'external_links', 'dns', 'dns_search', 'tmpfs', 'cap_add', 'cap_drop', 'security_opt', 'device_cgroup_rules', 'env_file', 'configs', 'secrets', 'profiles']);
/** Sequences whose entries are merged by a key (service volumes by their target path). */
const KEYED_SEQUENCES: Record<string, (entry: Json) => string> = {
  volumes: (entry) => (typeof entry === 'string' ? (entry.split(':')[1] ?? entry) : String((entry as Dict).target ?? JSON.stringify(entry))),
  devices: (entry) => (typeof entry === 'string' ? (entry.split(':')[1] ?? entry) : JSON.stringify(entry)),
};
/** `KEY=VALUE` lists that merge like mappings. */
const KEY_VALUE_LISTS = new Set(['environment', 'labels', 'extra_hosts', 'sysctls', 'annotations']);
const REPLACED = new Set(['command', 'entrypoint', 'test']);

function isDict(value: Json): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asMapping(value: Json, separator: string): Dict {
  if (isDict(value)) return value;
  const out: Dict = {};
  for (const entry of Array.isArray(value) ? value : []) {
    const text = String(entry);
    const at = text.indexOf(separator);
    if (at < 0) out[text] = null;
    else out[text.slice(0, at)] = text.slice(at + 1);
  }
  return out;
}

function mergeValue(key: string, base: Json, overlay: Json): Json {
  if (overlay === undefined) return base;
  if (base === undefined || REPLACED.has(key)) return overlay;
  if (KEY_VALUE_LISTS.has(key) && (Array.isArray(base) || Array.isArray(overlay))) {
    const separator = key === 'extra_hosts' ? ':' : '=';
    return { ...asMapping(base, separator), ...asMapping(overlay, separator) };
  }
  if (Array.isArray(base) && Array.isArray(overlay)) {
    const keyOf = KEYED_SEQUENCES[key];
    if (keyOf) {
      const merged = new Map<string, Json>(base.map((entry) => [keyOf(entry), entry]));
      for (const entry of overlay) merged.set(keyOf(entry), entry);
      return [...merged.values()];
    }
    if (UNION_SEQUENCES.has(key)) {
      const seen = new Set(base.map((entry) => JSON.stringify(entry)));
      return [...base, ...overlay.filter((entry) => !seen.has(JSON.stringify(entry)))];
    }
    return overlay;
  }
  if (isDict(base) && isDict(overlay)) return mergeMappings(base, overlay);
  return overlay;
}

function mergeMappings(base: Dict, overlay: Dict): Dict {
  const out: Dict = { ...base };
  for (const [key, value] of Object.entries(overlay)) out[key] = mergeValue(key, base[key], value);
  return out;
}

/** Merges parsed Compose documents, first to last. */
export function mergeCompose(documents: Json[]): Dict {
  return documents.reduce<Dict>((merged, document) => mergeMappings(merged, isDict(document) ? document : {}), {});
}
