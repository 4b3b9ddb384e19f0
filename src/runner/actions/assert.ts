import type { ModuleResult } from '../../modules/types.js';
import type { ActionContext } from './context.js';

// ansible.builtin.assert and ansible.builtin.fail, with Ansible's result fields and messages.

export async function assertAction(ctx: ActionContext): Promise<ModuleResult> {
  const raw = ctx.rawArgs.that;
  const conditions = Array.isArray(raw) ? raw : [raw];
  for (const condition of conditions) {
    const holds = ctx.run.deps.templater.condition(condition as string | boolean, ctx.vars, ctx.task.source);
    if (!holds) {
      const msg = textOr(ctx.args.fail_msg ?? ctx.args.msg, 'Assertion failed');
      return { changed: false, failed: true, assertion: condition, evaluated_to: false, msg, _ansible_verbose_always: true };
    }
  }
  const msg = textOr(ctx.args.success_msg, 'All assertions passed');
  // Ansible prints an assert's result unless `quiet` asks it not to.
  const quiet = ['true', 'yes', '1', 'on'].includes(String(ctx.args.quiet ?? false).toLowerCase());
  return quiet ? { changed: false, msg } : { changed: false, msg, _ansible_verbose_always: true };
}

export async function failAction(ctx: ActionContext): Promise<ModuleResult> {
  return { changed: false, failed: true, msg: textOr(ctx.args.msg, 'Failed as requested from task') };
}

/** Ansible keeps non-string messages (lists, dicts) as they are; the result type says string. */
export function textOr(value: unknown, fallback: string): string {
  return (value ?? fallback) as string;
}
