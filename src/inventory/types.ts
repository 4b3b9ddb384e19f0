import type { Vars } from '../playbook/model.js';

// The inventory as the rest of the engine sees it: hosts and groups in the order they were
// written, each with the variables set in inventory files and where they were written.

export interface VarSource {
  /** "file:line" of the mapping or line the values came from. */
  origin: string;
  values: Vars;
}

export interface InventoryHost {
  name: string;
  /** Variables set on the host in inventory sources, in the order read (later wins). */
  varSources: VarSource[];
  /** Groups the host is written under directly. */
  groups: string[];
  /** The implicit localhost (not in `all`, but uses group_vars/all). */
  implicit?: boolean;
}

export interface InventoryGroup {
  name: string;
  varSources: VarSource[];
  /** Hosts written directly under the group. */
  hosts: string[];
  children: string[];
  parents: string[];
}

export interface Inventory {
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
  /** Sources as given (-i). */
  sources: string[];
  /** Directories whose group_vars/ and host_vars/ apply, in source order. */
  dirs: string[];
}

export function createInventory(): Inventory {
  const inventory: Inventory = { hosts: new Map(), groups: new Map(), sources: [], dirs: [] };
  addGroup(inventory, 'all');
  // ungrouped is the first child of all, as in Ansible's graph and list output.
  addChild(inventory, 'all', 'ungrouped');
  return inventory;
}

export function addGroup(inventory: Inventory, name: string): InventoryGroup {
  let group = inventory.groups.get(name);
  if (!group) {
    group = { name, varSources: [], hosts: [], children: [], parents: [] };
    inventory.groups.set(name, group);
  }
  return group;
}

export function addHost(inventory: Inventory, name: string, group?: string): InventoryHost {
  let host = inventory.hosts.get(name);
  if (!host) {
    host = { name, varSources: [], groups: [] };
    inventory.hosts.set(name, host);
  }
  if (group !== undefined && group !== 'all') {
    const g = addGroup(inventory, group);
    if (!g.hosts.includes(name)) g.hosts.push(name);
    if (!host.groups.includes(group)) host.groups.push(group);
  }
  return host;
}

export function addChild(inventory: Inventory, parent: string, child: string): void {
  const p = addGroup(inventory, parent);
  const c = addGroup(inventory, child);
  if (!p.children.includes(child)) p.children.push(child);
  if (!c.parents.includes(parent)) c.parents.push(parent);
}

/** Like Ansible's reconcile: top groups become children of all, lone hosts go to ungrouped. */
export function reconcile(inventory: Inventory): void {
  for (const group of inventory.groups.values()) {
    if (group.name !== 'all' && group.parents.length === 0) addChild(inventory, 'all', group.name);
  }
  for (const host of inventory.hosts.values()) {
    const real = host.groups.filter((g) => g !== 'ungrouped');
    if (real.length === 0 && !host.implicit) addHost(inventory, host.name, 'ungrouped');
    if (real.length > 0 && host.groups.includes('ungrouped')) {
      host.groups = real;
      const ungrouped = inventory.groups.get('ungrouped')!;
      ungrouped.hosts = ungrouped.hosts.filter((h) => h !== host.name);
    }
  }
}
