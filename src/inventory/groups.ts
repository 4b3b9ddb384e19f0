import type { Inventory } from './types.js';

// Group relations: which hosts a group holds (through its children), which groups a host
// is in (through parents), and group depth for variable precedence.

/** All hosts of a group and its descendants, in inventory order. */
export function hostsOfGroup(inventory: Inventory, name: string): string[] {
  if (name === 'all') return [...inventory.hosts.values()].filter((h) => !h.implicit).map((h) => h.name);
  const members = new Set<string>();
  const visit = (group: string, seen: Set<string>): void => {
    if (seen.has(group)) return;
    seen.add(group);
    const g = inventory.groups.get(group);
    if (!g) return;
    for (const h of g.hosts) members.add(h);
    for (const c of g.children) visit(c, seen);
  };
  visit(name, new Set());
  return [...inventory.hosts.keys()].filter((h) => members.has(h));
}

/** Every group the host belongs to, including `all` and ancestors. */
export function groupsOfHost(inventory: Inventory, host: string): string[] {
  const out = new Set<string>(['all']);
  const visit = (group: string): void => {
    if (out.has(group)) return;
    out.add(group);
    for (const p of inventory.groups.get(group)?.parents ?? []) visit(p);
  };
  for (const g of inventory.hosts.get(host)?.groups ?? []) visit(g);
  return [...out];
}

/** Longest path from `all` (all = 0, its children 1, ...). */
export function groupDepth(inventory: Inventory, name: string, seen: Set<string> = new Set()): number {
  if (name === 'all' || seen.has(name)) return 0;
  seen.add(name);
  const parents = inventory.groups.get(name)?.parents ?? [];
  return parents.length === 0 ? 1 : 1 + Math.max(...parents.map((p) => groupDepth(inventory, p, new Set(seen))));
}

/** The host's groups ordered as Ansible applies their variables: by depth, then name. */
export function groupsByPrecedence(inventory: Inventory, host: string): string[] {
  return groupsOfHost(inventory, host)
    .map((name) => ({ name, depth: groupDepth(inventory, name) }))
    .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name))
    .map((g) => g.name);
}

/** group name → host names, as the `groups` magic variable. */
export function groupsMagicVar(inventory: Inventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of inventory.groups.keys()) out[name] = hostsOfGroup(inventory, name);
  return out;
}
