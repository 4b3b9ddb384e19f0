import type { Become, Connection } from '../../connection/types.js';
import type { ModuleResult } from '../../modules/types.js';
import type { Task, Vars } from '../../playbook/model.js';
import type { PlayState, RunState } from '../run-state.js';

// What an action (set_fact, debug, assert, ...) gets: its templated arguments, the task's
// variables on this host, and a lazily opened connection (debug never connects).

export interface ActionContext {
  run: RunState;
  play: PlayState;
  task: Task;
  host: string;
  /** Arguments templated, `omit` dropped. */
  args: Record<string, unknown>;
  /** Arguments as written (assert's `that` is evaluated, not templated). */
  rawArgs: Record<string, unknown>;
  vars: Vars;
  become: Become | undefined;
  /** The task runs in check mode (--check or check_mode: true, not overridden by check_mode: false). */
  check: boolean;
  connection(): Promise<Connection>;
}

export type Action = (ctx: ActionContext) => Promise<ModuleResult>;
