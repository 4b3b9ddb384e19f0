import { isClawError } from '../errors.js';
import type { LoadedRole, RoleRef, Vars } from '../playbook/model.js';
import { UnsafeText } from '../yaml/unsafe.js';
import { OMIT } from '../template/types.js';
import { mergeVars, type VarLayer } from '../vars/precedence.js';
import { activeHosts, hostState, type PlayState, type RunState } from './run-state.js';

// Builds the variables a task sees on one host: the precedence layers (src/vars/precedence.ts,
// merged by mergeVars) plus Ansible's magic variables. Values stay raw: the templater
// resolves templates inside variables lazily on access.

/** Where a task sits: enclosing blocks' vars, include params, its role. */
export interface Scope {
  blockVars: Vars[];
  /** include_tasks vars (and loop item) per host. */
  includeParams?: ((host: string) => Vars) | undefined;
  role?: RoleRef | undefined;
}

export const ROOT_SCOPE: Scope = { blockVars: [] };

export interface VarsRequest {
  host: string;
  scope: Scope;
  taskVars?: Vars | undefined;
  role?: RoleRef | undefined;
  /** Effective check mode of the task (ansible_check_mode). */
  check?: boolean | undefined;
  diff?: boolean | undefined;
  /**
   * The variables `hostvars[host]` holds: as ansible-core 2.14 (VariableManager.get_vars
   * without a play), only inventory vars, facts, include_vars, set_fact/register and -e,
   * plus the play-independent magic variables. Play/role/block/task vars are not in it.
   */
  hostvarsView?: boolean | undefined;
}

export function taskVars(run: RunState, play: PlayState, request: VarsRequest): Vars {
  const layers = request.hostvarsView ? hostvarsLayers(run, request.host) : varLayers(run, play, request);
  const vars = mergeVars(layers);
  // Written into the merged object directly: this runs for every task on every host, and
  // spreading intermediate objects was most of its cost.
  addHostMagicVars(vars, run, request.host);
  if (!request.hostvarsView) addPlayMagicVars(vars, run, play, request);
  return vars;
}

function hostvarsLayers(run: RunState, hostName: string): VarLayer[] {
  const host = hostState(run, hostName);
  return [
    ...(host.inventoryLayers ?? []),
    { level: 'host_facts', origin: 'facts', values: host.facts },
    { level: 'include_vars', origin: 'include_vars', values: host.includedVars },
    { level: 'set_fact_registered', origin: 'set_fact/register', values: host.setFacts },
    ...run.options.extraVars,
  ];
}

function varLayers(run: RunState, play: PlayState, request: VarsRequest): VarLayer[] {
  const host = hostState(run, request.host);
  const role = request.role ?? request.scope.role;
  const roles = play.play.roles;
  const ownRole = role ? roles.find((r) => r.path === role.path) : undefined;
  const layers: VarLayer[] = [];
  // Without private role vars (Ansible's default) every role's defaults/vars are visible to
  // the whole play; the task's own role is applied last so it wins over its siblings.
  for (const r of [...roles, ...(ownRole ? [ownRole] : [])]) {
    layers.push({ level: 'role_defaults', origin: `role ${r.name} defaults`, values: r.defaults });
  }
  layers.push(...(host.inventoryLayers ?? []));
  layers.push({ level: 'host_facts', origin: 'facts', values: host.facts });
  layers.push({ level: 'play_vars', origin: `play ${play.play.name} vars`, values: play.play.vars });
  layers.push({ level: 'play_vars_files', origin: 'vars_files', values: play.varsFiles.get(request.host) ?? {} });
  for (const r of [...roles, ...(ownRole ? [ownRole] : [])]) {
    layers.push({ level: 'role_vars', origin: `role ${r.name} vars`, values: r.roleVars });
  }
  for (const values of request.scope.blockVars) layers.push({ level: 'block_vars', origin: 'block vars', values });
  if (request.taskVars) layers.push({ level: 'task_vars', origin: 'task vars', values: request.taskVars });
  layers.push({ level: 'include_vars', origin: 'include_vars', values: host.includedVars });
  layers.push({ level: 'set_fact_registered', origin: 'set_fact/register', values: host.setFacts });
  if (role?.params) layers.push({ level: 'role_params', origin: `role ${role.name} params`, values: role.params });
  const params = request.scope.includeParams?.(request.host);
  if (params) layers.push({ level: 'include_params', origin: 'include_tasks vars', values: params });
  layers.push(...run.options.extraVars);
  return layers;
}

/** Magic variables that do not depend on the play (the ones hostvars entries carry). */
function addHostMagicVars(vars: Vars, run: RunState, host: string): void {
  vars.inventory_hostname = host;
  vars.inventory_hostname_short = host.split('.')[0];
  vars.group_names = run.inventory.groupNames(host);
  vars.groups = run.inventory.groups();
  vars.playbook_dir = run.playbook.dir;
  vars.omit = OMIT;
}

function addPlayMagicVars(vars: Vars, run: RunState, play: PlayState, request: VarsRequest): void {
  const role: RoleRef | LoadedRole | undefined = request.role ?? request.scope.role;
  const active = activeHosts(run, play);
  vars.hostvars = hostvarsProxy(run, play);
  vars.ansible_play_hosts = active;
  vars.ansible_play_batch = active;
  vars.ansible_play_hosts_all = play.hosts;
  vars.ansible_play_name = play.play.name;
  vars.ansible_check_mode = request.check ?? run.options.check;
  vars.ansible_diff_mode = request.diff ?? run.options.diff;
  vars.ansible_verbosity = run.options.verbosity;
  if (role) {
    vars.role_path = role.path;
    vars.role_name = role.name;
  }
}

/**
 * `hostvars`: every host's variables, computed on access. The templater resolves a variable's
 * value deeply in the CURRENT host's context, so each entry is resolved here first, in its
 * OWN host's context (as Ansible does); a value that cannot be resolved there (it needs a
 * fact not gathered yet, say) stays as its raw text and is never templated, so touching
 * hostvars can not fail because of an unrelated variable. Entries hold no play vars (as
 * Ansible), so a play var reading hostvars[inventory_hostname] can not loop into itself.
 */
function hostvarsProxy(run: RunState, play: PlayState): Vars {
  let proxy = hostvarsProxies.get(play);
  if (!proxy) hostvarsProxies.set(play, (proxy = newHostvarsProxy(run, play)));
  return proxy;
}

/** The proxy holds no values (each access computes them), so one per play serves every task. */
const hostvarsProxies = new WeakMap<PlayState, Vars>();

function newHostvarsProxy(run: RunState, play: PlayState): Vars {
  const known = (): string[] => [...new Set([...run.inventory.allHosts(), ...play.hosts])];
  const entry = (host: string): Vars => resolvedHostVars(run, play, host);
  return new Proxy({} as Vars, {
    get: (_target, key) => (typeof key === 'string' && known().includes(key) ? entry(key) : undefined),
    has: (_target, key) => typeof key === 'string' && known().includes(key),
    ownKeys: () => known(),
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === 'string' && known().includes(key) ? { enumerable: true, configurable: true, writable: false, value: entry(key) } : undefined,
  });
}

function resolvedHostVars(run: RunState, play: PlayState, host: string): Vars {
  const vars = taskVars(run, play, { host, scope: ROOT_SCOPE, hostvarsView: true });
  const out: Vars = {};
  for (const [key, value] of Object.entries(vars)) {
    try {
      out[key] = run.deps.templater.templateDeep(value, vars);
    } catch (error) {
      if (!isClawError(error)) throw error;
      out[key] = typeof value === 'string' ? new UnsafeText(value) : value;
    }
  }
  return out;
}
