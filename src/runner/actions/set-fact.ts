import type { ModuleResult } from '../../modules/types.js';
import { hostState } from '../run-state.js';
import { truthy } from '../keywords.js';
import type { ActionContext } from './context.js';

// ansible.builtin.set_fact: values at the set_fact/register level; `cacheable: true` also
// stores them as host facts (visible through hostvars in later plays).

export async function setFactAction(ctx: ActionContext): Promise<ModuleResult> {
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ctx.args)) {
    if (key !== 'cacheable') facts[key] = value;
  }
  if (Object.keys(facts).length === 0) {
    return { changed: false, failed: true, msg: 'No key/value pairs provided, at least one is required for this action to succeed' };
  }
  const state = hostState(ctx.run, ctx.host);
  Object.assign(state.setFacts, facts);
  if (truthy(ctx.args.cacheable)) Object.assign(state.facts, facts);
  return { changed: false, ansible_facts: facts };
}
