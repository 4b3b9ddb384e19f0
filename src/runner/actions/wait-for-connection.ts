import { isClawError } from '../../errors.js';
import type { ModuleResult } from '../../modules/types.js';
import type { ActionContext } from './context.js';

// ansible.builtin.wait_for_connection: after `delay`, try a trivial command every `sleep`
// seconds until it answers or `timeout` (default 600) passes. A failed connection attempt
// is forgotten so the next try reconnects.

export async function waitForConnectionAction(ctx: ActionContext): Promise<ModuleResult> {
  // As ansible-core: this action does not support check mode and is skipped there.
  if (ctx.check) return { changed: false, skipped: true, msg: 'check mode is not supported for this task.' };
  const timeout = Number(ctx.args.timeout ?? 600);
  const delay = Number(ctx.args.delay ?? 0);
  const pause = Number(ctx.args.sleep ?? 1);
  const sleep = ctx.run.options.sleep ?? defaultSleep;
  const started = Date.now();
  if (delay > 0) await sleep(delay * 1000);
  let lastError = '';
  for (;;) {
    try {
      const connection = await ctx.connection();
      const result = await connection.run('true');
      if (result.rc === 0) return { changed: false, elapsed: Math.round((Date.now() - started) / 1000) };
      lastError = result.stderr.trim();
    } catch (error) {
      if (!isClawError(error)) throw error;
      lastError = error.message;
    }
    if (Date.now() - started >= timeout * 1000) {
      return { changed: false, failed: true, elapsed: Math.round((Date.now() - started) / 1000), msg: `timed out waiting for connection: ${lastError}` };
    }
    await sleep(pause * 1000);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
