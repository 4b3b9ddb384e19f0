import { isAbsolute, join } from 'node:path';
import type { ModuleResult } from '../../modules/types.js';
import { hostState } from '../run-state.js';
import type { ActionContext } from './context.js';

// ansible.builtin.include_vars: a file relative to the role's vars/ dir or the playbook;
// with `name:` the variables are nested under that name.

export async function includeVarsAction(ctx: ActionContext): Promise<ModuleResult> {
  const file = String(ctx.args.file ?? ctx.args._raw_params ?? '');
  if (!file) return { changed: false, failed: true, msg: 'include_vars needs a file' };
  const role = ctx.task.role;
  const path = isAbsolute(file) ? file : role ? join(role.path, 'vars', file) : join(ctx.run.playbook.dir, file);
  const values = await ctx.run.deps.loadVarsFile(path);
  const name = typeof ctx.args.name === 'string' ? ctx.args.name : undefined;
  const facts = name ? { [name]: values } : values;
  Object.assign(hostState(ctx.run, ctx.host).includedVars, facts);
  return { changed: false, ansible_facts: facts, ansible_included_var_files: [path] };
}
