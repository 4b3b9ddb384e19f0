import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateTree } from '../validate/validate-tree.js';
import { treeHash } from './tree-hash.js';
import { STEPS, type PlaybookRun, type Scenario, type ScenarioReport, type StepName, type StepReport } from './types.js';

// converge → idempotence → check → verify (+ validators on the rendered tree) → cleanup.
// A failed step skips the rest except cleanup, which always runs.

export interface ScenarioOptions {
  /** Run the sequence up to and including this step (cleanup always runs). */
  lastStep?: StepName | undefined;
  keep: boolean;
}

type StepBody = (context: { run: PlaybookRun; scenario: Scenario; extraVars: Record<string, unknown>; ephemeral: string; skipped: string[] }) => Promise<string[] | undefined>;

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
  async verify({ run, scenario, extraVars, ephemeral, skipped }) {
    const problems: string[] = [];
    if (scenario.verify) {
      const outcome = await run(scenario.verify, { check: false, extraVars });
      if (!outcome.ok) problems.push(...outcome.failures);
    }
    for (const result of await validateTree(ephemeral)) {
      if (result.status === 'failed') problems.push(`${result.validator} ${result.file}:`, ...result.detail.split('\n').map((l) => `  ${l}`));
      if (result.status === 'skipped') skipped.push(`${result.validator} ${result.file}: ${result.detail}`);
    }
    return problems.length ? problems : undefined;
  },
  async cleanup({ run, scenario, extraVars }) {
    if (!scenario.cleanup) return undefined;
    const outcome = await run(scenario.cleanup, { check: false, extraVars });
    return outcome.ok ? undefined : outcome.failures;
  },
};

export async function runScenario(scenario: Scenario, run: PlaybookRun, options: ScenarioOptions): Promise<ScenarioReport> {
  const ephemeral = await mkdtemp(join(tmpdir(), `molecule-lite-${scenario.id.replace('/', '-')}-`));
  const extraVars = { molecule_ephemeral_directory: ephemeral, molecule_scenario_directory: scenario.dir, molecule_scenario_name: scenario.name };
  const skipped: string[] = [];
  const steps: StepReport[] = [];
  const last = STEPS.indexOf(options.lastStep ?? 'cleanup');
  let failed = false;
  for (const step of STEPS) {
    const wanted = step === 'cleanup' || STEPS.indexOf(step) <= last;
    if (!wanted || (failed && step !== 'cleanup')) {
      steps.push({ step, status: 'skipped', ms: 0, detail: [] });
      continue;
    }
    const started = performance.now();
    const problems = await bodies[step]({ run, scenario, extraVars, ephemeral, skipped }).catch((error: unknown) => [error instanceof Error ? error.message : String(error)]);
    steps.push({ step, status: problems ? 'failed' : 'passed', ms: performance.now() - started, detail: problems ?? [] });
    failed ||= problems !== undefined;
  }
  if (!options.keep) await rm(ephemeral, { recursive: true, force: true });
  return { scenario, steps, skippedValidators: skipped, ok: !failed, kept: options.keep ? ephemeral : undefined };
}
