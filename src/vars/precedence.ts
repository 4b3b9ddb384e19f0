import type { Vars } from '../playbook/model.js';

// Ansible's documented variable precedence, for the levels claw-provision supports,
// lowest first. This list is the only place the order is written down.
export const PRECEDENCE = [
  'role_defaults', //                1. roles/x/defaults/main.yml
  'inventory_group_vars', //         2. group vars set in the inventory file (all first, then parents before children)
  'inventory_group_vars_all', //     3. group_vars/all next to the inventory
  'playbook_group_vars_all', //      4. group_vars/all next to the playbook
  'inventory_group_vars_files', //   5. group_vars/<group> next to the inventory
  'playbook_group_vars_files', //    6. group_vars/<group> next to the playbook
  'inventory_host_vars', //          7. host vars set in the inventory file
  'inventory_host_vars_files', //    8. host_vars/<host> next to the inventory
  'playbook_host_vars_files', //     9. host_vars/<host> next to the playbook
  'host_facts', //                  10. gathered facts and cacheable set_fact
  'play_vars', //                   11. play `vars:`
  'play_vars_files', //             12. play `vars_files:`
  'role_vars', //                   13. roles/x/vars/main.yml
  'block_vars', //                  14. block `vars:` (tasks in the block)
  'task_vars', //                   15. task `vars:` (that task only)
  'include_vars', //                16. include_vars
  'set_fact_registered', //         17. set_fact and register
  'role_params', //                 18. role parameters (roles: - role: x, vars/params)
  'include_params', //              19. include_tasks vars
  'extra_vars', //                  20. -e (always wins)
] as const;

export type PrecedenceLevel = (typeof PRECEDENCE)[number];

/** One source of variables at one precedence level. */
export interface VarLayer {
  level: PrecedenceLevel;
  /** Where the values came from: a file path (with line when known) or a description. */
  origin: string;
  values: Vars;
}

export interface MergedVars {
  vars: Vars;
  /** For each variable, the origin of the value that won. */
  origins: Record<string, string>;
  /** For each variable, the layer whose value won (to find the value's exact position). */
  winners: Record<string, VarLayer>;
}

const rank = new Map<PrecedenceLevel, number>(PRECEDENCE.map((level, index) => [level, index]));

/**
 * Merges layers by precedence (stable for layers of the same level: later wins).
 * Whole values replace each other, as Ansible's default hash_behaviour=replace.
 */
export function mergeLayers(layers: readonly VarLayer[]): MergedVars {
  const vars: Vars = {};
  const origins: Record<string, string> = {};
  const winners: Record<string, VarLayer> = {};
  for (const layer of byPrecedence(layers)) {
    for (const [key, value] of Object.entries(layer.values)) {
      vars[key] = value;
      origins[key] = layer.origin;
      winners[key] = layer;
    }
  }
  return { vars, origins, winners };
}

/**
 * The variables mergeLayers would give, without recording where each came from: the runner
 * merges every task's layers on every host, and the bookkeeping was most of the cost.
 */
export function mergeVars(layers: readonly VarLayer[]): Vars {
  const vars: Vars = {};
  for (const layer of byPrecedence(layers)) Object.assign(vars, layer.values);
  return vars;
}

function byPrecedence(layers: readonly VarLayer[]): VarLayer[] {
  return layers
    .map((layer, index) => ({ layer, index }))
    .sort((a, b) => rank.get(a.layer.level)! - rank.get(b.layer.level)! || a.index - b.index)
    .map(({ layer }) => layer);
}
