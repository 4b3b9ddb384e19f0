import type { ModuleResult } from '../modules/types.js';
import type { Play, Playbook, Task, TaskNode, Vars } from '../playbook/model.js';
import type { HostStats, Reporter } from '../report/events.js';
import type { VarLayer } from '../vars/precedence.js';
import type { Scope } from './task-vars.js';
import type { RunInventory, RunnerDeps, RunnerOptions } from './types.js';

// The mutable state of one run: per host (facts, set_fact/register, connection, failure)
// and per play (active hosts, notified handlers). Everything else is passed as arguments.

export interface HostState {
  name: string;
  /** Gathered facts: ansible_* names plus `ansible_facts`. */
  facts: Vars;
  /** set_fact and register (precedence set_fact_registered). */
  setFacts: Vars;
  /** include_vars results. */
  includedVars: Vars;
  inventoryLayers: VarLayer[] | undefined;
  /** Failed or unreachable hosts take no further part in the run (as in Ansible). */
  failed: boolean;
  unreachable: boolean;
  /** An earlier task on this host reported a change in check mode (see conditions.ts). */
  simulatedChange: boolean;
  /** The last failed task and its result (ansible_failed_task / ansible_failed_result in rescue). */
  failure: { task: Task; result: ModuleResult } | undefined;
}

export interface PendingHandler {
  play: string;
  handler: string;
  hosts: string[];
}

export interface PlayState {
  play: Play;
  /** The hosts of this play (or serial batch). */
  hosts: string[];
  /** Hosts that ended the play (meta: end_host) or were cut by end_play. */
  ended: Set<string>;
  endedPlay: boolean;
  /** Handler index → hosts notified, in notification order. */
  notified: Map<number, Set<string>>;
  /** vars_files per host (templated paths may differ). */
  varsFiles: Map<string, Vars>;
  /** Where the linear walk is: the running task's list first, then its enclosing lists (prefetch.ts looks ahead from here). */
  cursor?: Cursor[] | undefined;
}

/** A position in a task list: `index` is the node being run (or the block being inside). */
export interface Cursor {
  nodes: TaskNode[];
  index: number;
  scope: Scope;
}

export interface RunState {
  playbook: Playbook;
  inventory: RunInventory;
  deps: RunnerDeps;
  options: RunnerOptions;
  reporter: Reporter;
  hosts: Map<string, HostState>;
  stats: Record<string, HostStats>;
  /** --start-at-task: true until the named task is reached. */
  waitingForStartTask: boolean;
  /** Handler notifications a play left unrun (failed host, interruption): saved for the next run. */
  pendingHandlers: PendingHandler[];
  /** Where pending notifications are journaled (.claw-provision/ next to the playbook by default). */
  stateDir: string;
  /** The last journal written (skips identical rewrites). */
  journaled?: string | undefined;
  interrupted: boolean;
  changed: boolean;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

export function hostState(run: RunState, name: string): HostState {
  let state = run.hosts.get(name);
  if (!state) {
    state = {
      name,
      facts: {},
      setFacts: {},
      includedVars: {},
      inventoryLayers: undefined,
      failed: false,
      unreachable: false,
      simulatedChange: false,
      failure: undefined,
    };
    run.hosts.set(name, state);
  }
  return state;
}

export function statsOf(run: RunState, host: string): HostStats {
  return (run.stats[host] ??= emptyStats());
}

/** Hosts of the play still taking part: not failed, unreachable or ended. */
export function activeHosts(run: RunState, play: PlayState): string[] {
  if (play.endedPlay || run.interrupted) return [];
  return play.hosts.filter((host) => {
    const state = hostState(run, host);
    return !state.failed && !state.unreachable && !play.ended.has(host);
  });
}
