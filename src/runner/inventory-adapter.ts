import type { ConnectionSpec } from '../connection/types.js';
import { addHost, groupsMagicVar, groupsOfHost, selectHosts, type Inventory } from '../inventory/index.js';
import type { Vars } from '../playbook/model.js';
import type { VarLayer } from '../vars/precedence.js';
import type { RunInventory } from './types.js';

// Adapts the loader's Inventory (src/inventory) to the narrow RunInventory the runner uses:
// --limit applied to every play's pattern, add_host recorded as an in-memory source.

export interface InventoryFunctions {
  hostLayers(inventory: Inventory, host: string): Promise<VarLayer[]>;
  connectionSpec(host: string, vars: Vars): ConnectionSpec;
}

export function adaptInventory(inventory: Inventory, limit: string | undefined, fns: InventoryFunctions): RunInventory {
  // `groups` and `group_names` are in every task's variables on every host (and the host list
  // is looked at per task); they change only through add_host, so they are computed once per
  // change rather than per task.
  let groups: Record<string, string[]> | undefined;
  let hosts: string[] | undefined;
  const groupNames = new Map<string, string[]>();
  return {
    selectHosts: (pattern) => selectHosts(inventory, pattern, limit),
    allHosts: () => (hosts ??= [...inventory.hosts.values()].filter((h) => !h.implicit).map((h) => h.name)),
    hostLayers: (host) => fns.hostLayers(inventory, host),
    groups: () => (groups ??= groupsMagicVar(inventory)),
    groupNames: (host) => {
      let names = groupNames.get(host);
      if (!names) groupNames.set(host, (names = groupsOfHost(inventory, host).filter((g) => g !== 'all').sort()));
      return names;
    },
    addHost: (name, hostGroups, vars) => {
      groups = undefined;
      hosts = undefined;
      groupNames.clear();
      return addToInventory(inventory, name, hostGroups, vars);
    },
    connectionSpec: (host, vars) => fns.connectionSpec(host, vars),
  };
}

function addToInventory(inventory: Inventory, name: string, groups: string[], vars: Vars): boolean {
  const existing = inventory.hosts.get(name);
  const before = existing ? [...existing.groups] : undefined;
  const host = addHost(inventory, name);
  for (const group of groups) addHost(inventory, name, group);
  if (groups.length === 0 && !before) addHost(inventory, name, 'ungrouped');
  const newVars = Object.keys(vars).length > 0 && JSON.stringify(vars) !== JSON.stringify(host.varSources.at(-1)?.values);
  if (Object.keys(vars).length > 0) host.varSources.push({ origin: 'add_host', values: vars });
  return !before || host.groups.some((g) => !before.includes(g)) || newVars;
}
