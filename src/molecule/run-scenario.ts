import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidationResult } from '../validate/types.js';
import { validateTree } from '../validate/validate-tree.js';
import type { Queue } from './slots.js';
import { treeHash } from './tree-hash.js';
import { STEPS, type PlaybookRun, type Scenario, type ScenarioReport, type Span, type StepName, type StepReport } from './types.js';

// converge → idempotence → check → verify (+ validators on the rendered tree) → cleanup.
// A failed step skips the rest except cleanup, which always runs.

export interface ScenarioOptions {
  /** Run the sequence up to and including this step (cleanup always runs). */
  lastStep?: StepName | undefined;
  keep: boolean;
  /** Where the validators wait for a slot (molecule-lite shares one between scenarios); none: at once. */
  validatorQueue?: Queue | undefined;
  /** The validators of a rendered tree (tests replace them). */
  validate?: ((dir: string) => Promise<ValidationResult[]>) | undefined;
  /** Removes the rendered tree at the end (molecule-lite hands this to its tree process). */
  remove?: ((dir: string) => Promise<void>) | undefined;
}

export interface StartedScenario {
  /** The whole report, once the validators and cleanup are done too. */
  finished: Promise<ScenarioReport>;
}

interface Context {
  run: PlaybookRun;
  scenario: Scenario;
  extraVars: Record<string, unknown>;
  ephemeral: string;
}

type StepBody = (context: Context) => Promise<string[] | undefined>;

const bodies: Record<StepName, StepBody> = {
  async converge({ run, scenario, extraVars }) {
    const outcome = await run(scenario.converge, { check: false, extraVars });
    return outcome.ok ? undefined : outcome.failures;
  },
  async idempotence({ run, scenario, extraVars }) {
    const outcome = await run(scenario.converge, { check: false, extraVars });
    if (!outcome.ok) return outcome.failures;
    return outcome.changed.length ? ['a second converge changed these tasks:', ...outcome.changed.map((t) => `  - ${t}`)] : undefined;
  },
  async check({ run, scenario, extraVars, ephemeral }) {
    const before = await treeHash(ephemeral);
    const outcome = await run(scenario.converge, { check: true, extraVars });
    const problems = outcome.ok ? [] : outcome.failures;
    if ((await treeHash(ephemeral)) !== before) problems.push('--check changed files under the scenario directory');
    if (outcome.changed.length) problems.push('--check on a converged scenario reported changes:', ...outcome.changed.map((t) => `  - ${t}`));
    return problems.length ? problems : undefined;
  },
  // The verify playbook; the validators of the rendered tree follow in finish().
  async verify({ run, scenario, extraVars }) {
    if (!scenario.verify) return undefined;
    const outcome = await run(scenario.verify, { check: false, extraVars });
    return outcome.ok ? undefined : outcome.failures;
  },
  async cleanup({ run, scenario, extraVars }) {
    if (!scenario.cleanup) return undefined;
    const outcome = await run(scenario.cleanup, { check: false, extraVars });
    return outcome.ok ? undefined : outcome.failures;
  },
};

/**
 * Runs the engine's steps (converge … the verify playbook) and resolves, leaving the validators
 * and cleanup running in `finished`: the caller's slot goes to the next scenario meanwhile.
 */
export async function runScenario(scenario: Scenario, run: PlaybookRun, options: ScenarioOptions): Promise<StartedScenario> {
  const ephemeral = await mkdtemp(join(tmpdir(), `molecule-lite-${scenario.id.replace('/', '-')}-`));
  const extraVars = { molecule_ephemeral_directory: ephemeral, molecule_scenario_directory: scenario.dir, molecule_scenario_name: scenario.name };
  const context: Context = { run, scenario, extraVars, ephemeral };
  const report: ScenarioReport = { scenario, steps: [], skippedValidators: [], ok: true, kept: undefined, spans: [] };
  const last = STEPS.indexOf(options.lastStep ?? 'cleanup');
  for (const step of STEPS.filter((s) => s !== 'cleanup')) {
    if (STEPS.indexOf(step) > last || !report.ok) report.steps.push({ step, status: 'skipped', ms: 0, detail: [] });
    else await runStep(report, step, context);
  }
  const finished = finish(report, context, options);
  // Awaited only once every scenario has started: mark it handled now so a rejection cannot end the process first.
  finished.catch(() => undefined);
  return { finished };
}

async function finish(report: ScenarioReport, context: Context, options: ScenarioOptions): Promise<ScenarioReport> {
  const verify = report.steps.find((s) => s.step === 'verify' && s.status !== 'skipped');
  if (verify) {
    const queue = options.validatorQueue ?? (<T>(job: () => Promise<T>) => job());
    await queue(() => validateInto(report, verify, context.ephemeral, options.validate ?? validateTree));
  }
  await runStep(report, 'cleanup', context);
  if (options.keep) report.kept = context.ephemeral;
  // Should the tree process be gone, the tree is still removed.
  else await (options.remove ?? removeHere)(context.ephemeral).catch(() => removeHere(context.ephemeral));
  return report;
}

function removeHere(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

async function runStep(report: ScenarioReport, step: StepName, context: Context): Promise<void> {
  const span: Span = { kind: 'engine', start: performance.now(), end: 0 };
  const problems = await bodies[step](context).catch((error: unknown) => [error instanceof Error ? error.message : String(error)]);
  span.end = performance.now();
  report.spans.push(span);
  report.steps.push({ step, status: problems ? 'failed' : 'passed', ms: span.end - span.start, detail: problems ?? [] });
  if (problems) report.ok = false;
}

/** The validators' findings join the verify step: a failure fails verify, a skip is listed. */
async function validateInto(report: ScenarioReport, verify: StepReport, dir: string, validate: (dir: string) => Promise<ValidationResult[]>): Promise<void> {
  const span: Span = { kind: 'validators', start: performance.now(), end: 0 };
  const results = await validate(dir).catch((error: unknown): ValidationResult[] => [
    { file: dir, validator: 'validators', status: 'failed', detail: error instanceof Error ? error.message : String(error) },
  ]);
  span.end = performance.now();
  report.spans.push(span);
  verify.validatorsMs = span.end - span.start;
  for (const result of results) {
    if (result.status === 'failed') verify.detail.push(`${result.validator} ${result.file}:`, ...result.detail.split('\n').map((l) => `  ${l}`));
    if (result.status === 'skipped') report.skippedValidators.push(`${result.validator} ${result.file}: ${result.detail}`);
  }
  if (verify.detail.length) {
    verify.status = 'failed';
    report.ok = false;
  }
}
