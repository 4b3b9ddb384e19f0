import { isClawError } from '../../errors.js';
import type { ModuleResult } from '../../modules/types.js';
import { textOr } from './assert.js';
import type { ActionContext } from './context.js';

// ansible.builtin.debug: `msg` (default "Hello world!") or `var` (an expression whose value
// is shown under its own name), gated by `verbosity`. Its result is always printed
// (`_ansible_verbose_always`, as Ansible's action plugin sets it).

export async function debugAction(ctx: ActionContext): Promise<ModuleResult> {
  const verbosity = Number(ctx.args.verbosity ?? 0);
  if (ctx.run.options.verbosity < verbosity) {
    return { changed: false, skipped: true, skipped_reason: 'Verbosity threshold not met.' };
  }
  if (typeof ctx.rawArgs.var === 'string') {
    const name = ctx.rawArgs.var;
    return { changed: false, [name]: evaluateVar(ctx, name), _ansible_verbose_always: true };
  }
  return { changed: false, msg: textOr(ctx.args.msg, 'Hello world!'), _ansible_verbose_always: true };
}

function evaluateVar(ctx: ActionContext, name: string): unknown {
  try {
    // As Ansible: `var: x` shows x's templated value; `var: "{{ x }}"` templates once more.
    return ctx.run.deps.templater.evaluate(name, ctx.vars, ctx.task.source);
  } catch (error) {
    if (isClawError(error) && /undefined/i.test(error.message)) return 'VARIABLE IS NOT DEFINED!';
    throw error;
  }
}
