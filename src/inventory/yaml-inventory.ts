import { ParseError, formatPos, type SourcePos } from '../errors.js';
import type { Vars } from '../playbook/model.js';
import { inventoryGroupSchema } from '../schema/definitions.js';
import { validateNode } from '../schema/validate.js';
import { positionOf, valuePositionOf } from '../yaml/positions.js';
import { expandHostRange } from './host-ranges.js';
import { addChild, addGroup, addHost, type Inventory } from './types.js';

// Ansible's YAML inventory: top-level groups (usually `all`), each with hosts, vars and
// children (nested groups of the same shape). Hosts map to their variables (or nothing).

type Raw = Record<string, unknown>;

export function readYamlInventory(value: unknown, file: string, inventory: Inventory): void {
  const start: SourcePos = { file, line: 1, col: 1 };
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ParseError('bad-inventory', 'a YAML inventory must be a mapping of group names (e.g. all:)', { where: positionOf(value) ?? start });
  }
  for (const [name, entry] of Object.entries(value as Raw)) {
    readGroup(name, entry, inventory, positionOf(value, name) ?? start);
  }
}

function readGroup(name: string, entry: unknown, inventory: Inventory, where: SourcePos): void {
  validateNode(inventoryGroupSchema, entry, `inventory group '${name}'`, where);
  addGroup(inventory, name);
  const raw = (entry ?? {}) as Raw;
  const vars = raw.vars as Vars | null | undefined;
  if (vars) {
    const origin = formatPos(valuePositionOf(raw, 'vars') ?? where);
    inventory.groups.get(name)!.varSources.push({ origin, values: vars });
  }
  const hosts = (raw.hosts ?? {}) as Record<string, Vars | null>;
  for (const [pattern, hostVars] of Object.entries(hosts)) {
    const at = positionOf(hosts, pattern) ?? where;
    for (const host of expandHostRange(pattern, at)) {
      const h = addHost(inventory, host, name);
      if (hostVars && Object.keys(hostVars).length > 0) h.varSources.push({ origin: formatPos(at), values: hostVars });
    }
  }
  const children = (raw.children ?? {}) as Raw;
  for (const [child, childEntry] of Object.entries(children)) {
    if (child === name) throw new ParseError('bad-inventory', `group '${name}' cannot be its own child`, { where: positionOf(children, child) ?? where });
    addChild(inventory, name, child);
    readGroup(child, childEntry, inventory, positionOf(children, child) ?? where);
  }
}
