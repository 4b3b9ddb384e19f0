import { isSecret, MASK } from '../secret.js';
import type { Vars } from '../playbook/model.js';
import { hostInventoryLayers } from '../vars/host-layers.js';
import { mergeLayers, PRECEDENCE, type VarLayer } from '../vars/precedence.js';
import { positionOf } from '../yaml/positions.js';
import { UnsafeText } from '../yaml/unsafe.js';
import { hostsOfGroup } from './groups.js';
import type { Inventory } from './types.js';

// Text for `claw-provision inventory list|graph|vars`, shaped like ansible-inventory's
// --list / --graph / --host. Secrets are always masked.

export async function hostVars(inventory: Inventory, host: string, playbookDir?: string, extra: VarLayer[] = []): Promise<Vars> {
  return mergeLayers([...(await hostInventoryLayers(inventory, host, playbookDir)), ...extra]).vars;
}

export async function inventoryListJson(inventory: Inventory, playbookDir?: string): Promise<string> {
  const hostvars: Record<string, unknown> = {};
  for (const host of [...inventory.hosts.keys()].sort()) {
    if (inventory.hosts.get(host)!.implicit) continue;
    hostvars[host] = await hostVars(inventory, host, playbookDir);
  }
  const out: Record<string, unknown> = { _meta: { hostvars } };
  for (const group of inventory.groups.values()) {
    const entry: Record<string, string[]> = {};
    if (group.children.length > 0) entry.children = group.children;
    if (group.hosts.length > 0) entry.hosts = group.hosts;
    if (Object.keys(entry).length > 0) out[group.name] = entry;
  }
  return `${printable(out)}\n`;
}

export function inventoryGraph(inventory: Inventory, group = 'all'): string {
  const lines = [`@${group}:`];
  const walk = (name: string, indent: string): void => {
    const g = inventory.groups.get(name);
    if (!g) return;
    for (const child of g.children) {
      lines.push(`${indent}|--@${child}:`);
      walk(child, `${indent}|  `);
    }
    const hosts = name === 'all' ? [] : g.hosts;
    for (const host of hosts) lines.push(`${indent}|--${host}`);
  };
  walk(group, '  ');
  return `${lines.join('\n')}\n`;
}

/** `inventory vars HOST` (JSON like ansible-inventory --host) or, with explain, where each value came from. */
export async function explainHostVars(inventory: Inventory, host: string, options: { playbookDir?: string; extra?: VarLayer[]; explain?: boolean } = {}): Promise<string> {
  const layers = [...(await hostInventoryLayers(inventory, host, options.playbookDir)), ...(options.extra ?? [])];
  const merged = mergeLayers(layers);
  if (!options.explain) return `${printable(merged.vars)}\n`;
  const lines = [`# variables of ${host}, each with the source that won (precedence level in brackets)`];
  for (const key of Object.keys(merged.vars).sort()) {
    const layer = winner(layers, key);
    const pos = layer ? positionOf(layer.values, key) : undefined;
    // The key's own line when the values were parsed from YAML; else the layer's origin.
    const origin = pos ? `${pos.file}:${pos.line}:${pos.col}` : merged.origins[key];
    lines.push(`${key}: ${printable(merged.vars[key], 0)}`, `    from ${origin} [${layer?.level ?? '?'}]`);
  }
  return `${lines.join('\n')}\n`;
}

function winner(layers: VarLayer[], key: string): VarLayer | undefined {
  let best: VarLayer | undefined;
  for (const layer of layers) {
    if (!(key in layer.values)) continue;
    if (!best || PRECEDENCE.indexOf(layer.level) >= PRECEDENCE.indexOf(best.level)) best = layer;
  }
  return best;
}

/** JSON with sorted keys and masked secrets (never reveals a Secret). */
function printable(value: unknown, indent = 4): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(value: unknown): unknown {
  if (isSecret(value)) return MASK;
  if (value instanceof UnsafeText) return value.text;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
