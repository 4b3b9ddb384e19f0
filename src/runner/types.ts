import type { Become, Connection, ConnectionSpec } from '../connection/types.js';
import type { FactReader } from '../facts/types.js';
import type { ModuleDescriptor } from '../modules/registry.js';
import type { ModuleContext, ModuleResult } from '../modules/types.js';
import type { IncludeTasks, TaskNode, Vars } from '../playbook/model.js';
import type { HostStats } from '../report/events.js';
import type { Templater } from '../template/types.js';
import type { VarLayer } from '../vars/precedence.js';
import type { ExitCode } from '../errors.js';

// What the runner needs from the rest of the engine, as narrow interfaces. The CLI wires the
// real loader/inventory/connection/module implementations in (src/runner/wire.ts); unit tests
// wire fakes where a real piece would need a network.

/** The inventory as the runner sees it (adapted from src/inventory by wire.ts). */
export interface RunInventory {
  /** Hosts matching a play's `hosts:` pattern, with --limit applied. */
  selectHosts(pattern: string): string[];
  /** Every host name known (for hostvars). */
  allHosts(): string[];
  /** Inventory variable layers of a host (precedence levels 2–9). */
  hostLayers(host: string): Promise<VarLayer[]>;
  /** Group name → member host names (the `groups` magic variable). */
  groups(): Record<string, string[]>;
  /** Groups a host belongs to, without `all` (the `group_names` magic variable). */
  groupNames(host: string): string[];
  /** add_host: returns true when something changed (new host, new group membership or vars). */
  addHost(name: string, groups: string[], vars: Vars): boolean;
  /** Resolves a host's connection from its (already templated) connection variables. */
  connectionSpec(host: string, vars: Vars): ConnectionSpec;
}

export interface RunnerDeps {
  templater: Templater;
  runModule(descriptor: ModuleDescriptor, args: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult>;
  findModule(name: string): ModuleDescriptor | undefined;
  createFactReader(connection: Connection, become?: Become): FactReader;
  /** One connection per host for the run (a pool). */
  connect(spec: ConnectionSpec): Promise<Connection>;
  closeAll(): Promise<void>;
  /** Loads an include_tasks file at run time; inherited keywords come from `include`. */
  loadIncludedTasks(file: string, include: IncludeTasks): Promise<TaskNode[]>;
  /** Loads a vars file (vars_files, include_vars). */
  loadVarsFile(path: string): Promise<Vars>;
  /** Tag selection (--tags/--skip-tags) over a node's tags. */
  shouldRun(tags: string[]): boolean;
}

export interface RunnerOptions {
  check: boolean;
  diff: boolean;
  forks: number;
  verbosity: number;
  /** -e layers (level extra_vars). */
  extraVars: VarLayer[];
  /** --user: the default remote user when the inventory sets none. */
  remoteUser?: string | undefined;
  becomePassword?: Become['password'];
  forceHandlers: boolean;
  startAtTask?: string | undefined;
  /** --step: asked before each task; false skips it. */
  step?: ((task: string) => Promise<boolean>) | undefined;
  /** Aborted on SIGINT: stop scheduling, report what was done. */
  signal?: AbortSignal | undefined;
  /** Where pending handler notifications are saved (default: <playbook dir>/.claw-provision/). */
  stateDir?: string | undefined;
  /** Sleeps for pause/delay/retries; injectable so tests do not wait. */
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

export interface RunSummary {
  stats: Record<string, HostStats>;
  exitCode: ExitCode;
  /** True when any host reported a change (or, in check mode, would). */
  changed: boolean;
  interrupted: boolean;
}
