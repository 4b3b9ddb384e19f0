import { randomBytes } from 'node:crypto';
import type { RunOptions, RunResult } from '../connection/types.js';
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

type Exec = Extract<Step, { kind: 'exec' }>;

async function runSteps(plan: Plan, ctx: ModuleContext): Promise<StepsOutcome> {
  const outputs: StepOutput[] = [];
  try {
    for (const group of stepGroups(plan.steps)) {
      const ran = group.length === 1 ? [await runStep(group[0] as Step, ctx)] : await runJoined(group as Exec[], ctx);
      for (const [index, output] of ran.entries()) {
        outputs.push(output);
        const step = group[index] as Step;
        if (step.kind === 'exec' && output.rc !== 0 && !step.allowFailure) return { outputs, failedAt: output };
      }
    }
    return { outputs };
  } catch (error) {
    if (error instanceof UnreachableError || !(error instanceof Error)) throw error;
    return { outputs, error: error instanceof ClawError ? error.format() : error.message };
  } finally {
    // Even a half-run plan may have changed the host; a plan allowed in check mode only reads.
    if (!plan.runInCheckMode) ctx.facts.invalidate(plan.touches);
  }
}

async function runStep(step: Step, ctx: ModuleContext): Promise<StepOutput> {
  if (step.kind === 'put') {
    await ctx.connection.put(step.path, step.content, { mode: step.mode, owner: step.owner, group: step.group, become: ctx.become });
    return { rc: 0, stdout: '', stderr: '' };
  }
  const startedAt = new Date();
  const result = await ctx.connection.run(step.command, runOptions(step, ctx));
  return { ...result, startedAt, endedAt: new Date() };
}

function runOptions(step: Exec, ctx: ModuleContext): RunOptions {
  return {
    become: ctx.become,
    ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
    ...(step.env ? { env: step.env } : {}),
    ...(step.cwd ? { cwd: step.cwd } : {}),
  };
}

/** Consecutive exec steps without stdin and with the same env and cwd run as one remote command. */
function stepGroups(steps: Step[]): Step[][] {
  const groups: Step[][] = [];
  let last: Step | undefined;
  for (const step of steps) {
    const group = groups.at(-1);
    if (group && last && joinable(last, step)) group.push(step);
    else groups.push([step]);
    last = step;
  }
  return groups;
}

function joinable(a: Step, b: Step): boolean {
  if (a.kind !== 'exec' || b.kind !== 'exec' || a.stdin !== undefined || b.stdin !== undefined) return false;
  return a.cwd === b.cwd && JSON.stringify(a.env ?? {}) === JSON.stringify(b.env ?? {});
}

/**
 * Several exec steps in one script: each in its own subshell (as if it were its own command),
 * between nonce markers on stdout and stderr, its exit status after its end marker; the script
 * stops after the first failing step that does not allow failure, as the steps one by one would.
 */
async function runJoined(steps: Exec[], ctx: ModuleContext): Promise<StepOutput[]> {
  const nonce = randomBytes(8).toString('hex');
  const begin = (i: number): string => `__claw_step_${nonce}_${i}__`;
  const end = (i: number): string => `__claw_end_${nonce}_${i}__`;
  const script = steps
    .map((step, i) =>
      [
        `printf '%s\\n' '${begin(i)}'; printf '%s\\n' '${begin(i)}' >&2`,
        `(\n${step.command}\n)`,
        `rc=$?; printf '\\n%s %s\\n' '${end(i)}' "$rc"; printf '\\n%s\\n' '${end(i)}' >&2`,
        ...(step.allowFailure ? [] : ['[ "$rc" -eq 0 ] || exit "$rc"']),
      ].join('\n'),
    )
    .join('\n');
  const startedAt = new Date();
  // No live progress lines for a joined script: they would show the markers.
  const result = await ctx.connection.run(script, { ...runOptions(steps[0] as Exec, ctx), onOutput: () => undefined });
  const endedAt = new Date();
  const outputs: StepOutput[] = [];
  for (const i of steps.keys()) {
    const part = splitOutput(result, begin(i), end(i));
    if (!part) break;
    const { ended, ...output } = part;
    outputs.push({ ...output, startedAt, endedAt });
    if (!ended) break;
  }
  return outputs;
}

/** One step's part of the joined output; `ended: false` when the shell died inside it. */
function splitOutput(result: RunResult, begin: string, end: string): (StepOutput & { ended: boolean }) | undefined {
  const out = after(result.stdout, `${begin}\n`);
  if (out === undefined) return undefined;
  const err = after(result.stderr, `${begin}\n`) ?? '';
  const stop = out.indexOf(`\n${end} `);
  if (stop < 0) return { rc: result.rc === 0 ? 255 : result.rc, stdout: out, stderr: err, ended: false };
  const rc = Number.parseInt(out.slice(stop + end.length + 2), 10);
  const errStop = err.indexOf(`\n${end}\n`);
  return { rc: Number.isFinite(rc) ? rc : 255, stdout: out.slice(0, stop), stderr: errStop < 0 ? err : err.slice(0, errStop), ended: true };
}

function after(text: string, start: string): string | undefined {
  const from = text.indexOf(start);
  return from < 0 ? undefined : text.slice(from + start.length);
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
