import type { Action } from './context.js';
import { addHostAction } from './add-host.js';
import { assertAction, failAction } from './assert.js';
import { debugAction } from './debug.js';
import { includeVarsAction } from './include-vars.js';
import { setFactAction } from './set-fact.js';
import { setupAction } from './setup.js';
import { waitForConnectionAction } from './wait-for-connection.js';

// The runner's own actions by canonical name (argument schemas: src/modules/actions.ts).
// meta and include_tasks change the flow of the run and are handled by run-nodes.ts.

const ACTIONS: Record<string, Action> = {
  'ansible.builtin.set_fact': setFactAction,
  'ansible.builtin.debug': debugAction,
  'ansible.builtin.assert': assertAction,
  'ansible.builtin.fail': failAction,
  'ansible.builtin.add_host': addHostAction,
  'ansible.builtin.setup': setupAction,
  'ansible.builtin.gather_facts': setupAction,
  'ansible.builtin.wait_for_connection': waitForConnectionAction,
  'ansible.builtin.include_vars': includeVarsAction,
};

export function findAction(name: string): Action | undefined {
  return ACTIONS[name] ?? ACTIONS[`ansible.builtin.${name}`];
}

export type { Action, ActionContext } from './context.js';
