import { ClawError, UnreachableError } from '../errors.js';
import { normalizeArgs } from './args.js';
import type { ModuleDescriptor } from './registry.js';
import type { ModuleContext, ModuleResult, Plan, Step, StepOutput } from './types.js';

// The one executor every module goes through: arguments → gather (facts) → plan (pure) →
// either stop (fail / skip / nothing to do / check mode) or run the steps in order. Check mode
// is the same path stopping before the first step, so what --check reports is what apply does.

export async function runModule(descriptor: ModuleDescriptor, args: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult> {
  const module = descriptor.module;
  if (!module) throw new Error(`${descriptor.name} is an action, not a module; the runner implements it`);
  const normalized = normalizeArgs(descriptor.name.split('.').pop() ?? descriptor.name, descriptor.schema, args);
  if (!normalized.ok) return { changed: false, failed: true, msg: normalized.msg };
  let plan: Plan;
  try {
    const facts: unknown = await module.gather(normalized.args, ctx);
    plan = module.plan(normalized.args, facts, ctx);
  } catch (error) {
    // A host that went away is the runner's business; any other user-caused error fails the task.
    if (error instanceof UnreachableError || !(error instanceof ClawError)) throw error;
    return { changed: false, failed: true, msg: error.format() };
  }
  return executePlan(plan, ctx);
}

export async function executePlan(plan: Plan, ctx: ModuleContext): Promise<ModuleResult> {
  const diff = ctx.diff && plan.diff && plan.diff.length > 0 ? { diff: plan.diff } : {};
  if (plan.fail !== undefined) return { changed: false, ...plan.result, failed: true, msg: plan.fail, ...diff };
  if (plan.skip !== undefined) return { changed: false, ...plan.result, skipped: true, msg: plan.skip };
  if (plan.steps.length === 0) return { changed: false, ...plan.result, ...diff };
  if (ctx.check && !ctx.forceRun && !plan.runInCheckMode) return { changed: true, ...plan.result, ...diff };
  const { outputs, failedAt, error } = await runSteps(plan, ctx);
  const collected = plan.collect ? plan.collect(outputs) : {};
  // Transfers are atomic: a failed one left the destination as it was.
  if (error !== undefined) return { changed: false, ...plan.result, msg: error, failed: true, ...diff };
  if (failedAt) {
    const fields = { rc: failedAt.rc, ...streams(failedAt), msg: 'non-zero return code' };
    return { changed: true, ...plan.result, ...fields, ...collected, failed: true, ...diff };
  }
  return { changed: true, ...plan.result, ...collected, ...diff };
}

interface StepsOutcome {
  outputs: StepOutput[];
  /** The exec that stopped the plan with a non-zero exit. */
  failedAt?: StepOutput;
  /** A transfer that failed (permission, disk full...). */
  error?: string;
}

async function runSteps(plan: Plan, ctx: ModuleContext): Promise<StepsOutcome> {
  const outputs: StepOutput[] = [];
  try {
    for (const step of plan.steps) {
      const output = await runStep(step, ctx);
      outputs.push(output);
      if (step.kind === 'exec' && output.rc !== 0 && !step.allowFailure) return { outputs, failedAt: output };
    }
    return { outputs };
  } catch (error) {
    if (error instanceof UnreachableError || !(error instanceof Error)) throw error;
    return { outputs, error: error instanceof ClawError ? error.format() : error.message };
  } finally {
    // Even a half-run plan may have changed the host; a plan allowed in check mode only reads.
    if (!plan.runInCheckMode) ctx.facts.invalidate();
  }
}

async function runStep(step: Step, ctx: ModuleContext): Promise<StepOutput> {
  if (step.kind === 'put') {
    await ctx.connection.put(step.path, step.content, { mode: step.mode, owner: step.owner, group: step.group, become: ctx.become });
    return { rc: 0, stdout: '', stderr: '' };
  }
  const startedAt = new Date();
  const result = await ctx.connection.run(step.command, {
    become: ctx.become,
    ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
    ...(step.env ? { env: step.env } : {}),
    ...(step.cwd ? { cwd: step.cwd } : {}),
  });
  return { ...result, startedAt, endedAt: new Date() };
}

function streams(output: StepOutput): Record<string, unknown> {
  const stdout = output.stdout.replace(/[\r\n]+$/, '');
  const stderr = output.stderr.replace(/[\r\n]+$/, '');
  return { stdout, stdout_lines: splitLines(stdout), stderr, stderr_lines: splitLines(stderr) };
}

/** Python's str.splitlines(), which Ansible uses for *_lines. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/(\r\n|\r|\n)$/.test(text)) lines.pop();
  return lines;
}
