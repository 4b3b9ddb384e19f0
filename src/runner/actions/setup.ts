import type { ModuleResult } from '../../modules/types.js';
import { factsAsVars, setupFact } from '../../facts/setup.js';
import { hostState } from '../run-state.js';
import type { ActionContext } from './context.js';

// ansible.builtin.setup / gather_facts: one remote command (src/facts/setup.ts), results
// stored as host facts. `gather_subset` is accepted; the one script is cheap enough to
// always gather everything.

export async function setupAction(ctx: ActionContext): Promise<ModuleResult> {
  const connection = await ctx.connection();
  const output = await connection.run(setupFact.script, { become: ctx.become });
  if (output.rc !== 0 && output.stdout.trim() === '') {
    return { changed: false, failed: true, msg: `fact gathering failed: ${output.stderr.trim()}`, rc: output.rc };
  }
  const facts = setupFact.parse(output.stdout);
  Object.assign(hostState(ctx.run, ctx.host).facts, factsAsVars(facts));
  return { changed: false, ansible_facts: facts };
}
