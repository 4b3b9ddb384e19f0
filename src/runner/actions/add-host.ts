import type { ModuleResult } from '../../modules/types.js';
import type { ActionContext } from './context.js';

// ansible.builtin.add_host: adds a host and its groups to the in-memory inventory. Changed
// when the host or one of its group memberships is new, as Ansible's strategy reports it.

const NAME_KEYS = ['name', 'hostname', 'host'];
const GROUP_KEYS = ['groups', 'group', 'groupname'];

export async function addHostAction(ctx: ActionContext): Promise<ModuleResult> {
  const name = NAME_KEYS.map((key) => ctx.args[key]).find((value) => typeof value === 'string');
  if (!name) return { changed: false, failed: true, msg: 'name or hostname arg needs to be provided' };
  const groups = GROUP_KEYS.flatMap((key) => listOf(ctx.args[key]));
  const hostVars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ctx.args)) {
    if (!NAME_KEYS.includes(key) && !GROUP_KEYS.includes(key)) hostVars[key] = value;
  }
  const changed = ctx.run.inventory.addHost(name, groups, hostVars);
  return { changed, add_host: { host_name: name, groups, host_vars: hostVars } };
}

function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(',').map((entry) => entry.trim()).filter(Boolean);
}
