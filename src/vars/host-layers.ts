import { resolve } from 'node:path';
import { groupsByPrecedence } from '../inventory/groups.js';
import type { Inventory } from '../inventory/types.js';
import type { PrecedenceLevel, VarLayer } from './precedence.js';
import { loadVarsFile } from './load-vars-file.js';
import { varsFilesFor } from './vars-dirs.js';

// A host's variables from the inventory and the group_vars/host_vars directories next to
// the inventory and the playbook: precedence levels 2-9 of src/vars/precedence.ts.
// Values are raw (templates are resolved lazily by the runner/templater).

export async function hostInventoryLayers(inventory: Inventory, host: string, playbookDir?: string): Promise<VarLayer[]> {
  const groups = groupsByPrecedence(inventory, host);
  const layers: VarLayer[] = [];
  for (const name of groups) {
    for (const source of inventory.groups.get(name)?.varSources ?? []) {
      layers.push({ level: 'inventory_group_vars', origin: source.origin, values: source.values });
    }
  }
  const inventoryDirs = [...new Set(inventory.dirs)];
  const playbookDirs = playbookDir ? [resolve(playbookDir)].filter((d) => !inventoryDirs.includes(d)) : [];
  const others = groups.filter((g) => g !== 'all');
  layers.push(...(await fileLayers(inventoryDirs, 'group_vars', ['all'], 'inventory_group_vars_all')));
  layers.push(...(await fileLayers(playbookDirs, 'group_vars', ['all'], 'playbook_group_vars_all')));
  layers.push(...(await fileLayers(inventoryDirs, 'group_vars', others, 'inventory_group_vars_files')));
  layers.push(...(await fileLayers(playbookDirs, 'group_vars', others, 'playbook_group_vars_files')));
  const entry = inventory.hosts.get(host);
  if (entry?.implicit) {
    layers.push({ level: 'inventory_host_vars', origin: 'implicit localhost', values: { ansible_connection: 'local' } });
  }
  for (const source of entry?.varSources ?? []) {
    layers.push({ level: 'inventory_host_vars', origin: source.origin, values: source.values });
  }
  layers.push(...(await fileLayers(inventoryDirs, 'host_vars', [host], 'inventory_host_vars_files')));
  layers.push(...(await fileLayers(playbookDirs, 'host_vars', [host], 'playbook_host_vars_files')));
  return layers;
}

async function fileLayers(dirs: string[], kind: 'group_vars' | 'host_vars', names: string[], level: PrecedenceLevel): Promise<VarLayer[]> {
  const layers: VarLayer[] = [];
  for (const dir of dirs) {
    for (const name of names) {
      for (const file of varsFilesFor(dir, kind, name)) {
        layers.push({ level, origin: file, values: await cachedVarsFile(file) });
      }
    }
  }
  return layers;
}

// Every host reads the same group_vars files; parse (and decrypt) each once per process run.
const cache = new Map<string, Promise<Record<string, unknown>>>();

function cachedVarsFile(file: string): Promise<Record<string, unknown>> {
  let entry = cache.get(file);
  if (!entry) {
    entry = loadVarsFile(file);
    cache.set(file, entry);
    entry.catch(() => cache.delete(file));
  }
  return entry;
}

/** Tests and long-lived processes that edit files between loads. */
export function clearVarsFileCache(): void {
  cache.clear();
}
