// molecule-lite: Molecule's scenario layout and test sequence, run in-process with no server.

export const STEPS = ['converge', 'idempotence', 'check', 'verify', 'cleanup'] as const;
export type StepName = (typeof STEPS)[number];

export interface Scenario {
  /** "base/default" for roles/base/molecule/default, "project/<name>" for molecule-lite/<name>. */
  id: string;
  role: string | undefined;
  name: string;
  dir: string;
  converge: string;
  verify: string | undefined;
  cleanup: string | undefined;
}

/** What one playbook run tells molecule-lite. */
export interface PlaybookOutcome {
  ok: boolean;
  /** "host: task name" of every task that reported changed. */
  changed: string[];
  /** Readable failure lines (task, host, message). */
  failures: string[];
}

export interface PlaybookRunOptions {
  check: boolean;
  extraVars: Record<string, unknown>;
}

export type PlaybookRun = (file: string, options: PlaybookRunOptions) => Promise<PlaybookOutcome>;

export interface StepReport {
  step: StepName;
  status: 'passed' | 'failed' | 'skipped';
  /** The engine's share: playbook runs and tree hashes. */
  ms: number;
  /** verify only: the validators' wall time on the rendered tree. */
  validatorsMs?: number | undefined;
  detail: string[];
}

/** What was busy when (performance.now() stamps): the summary turns these into wall-time totals. */
export interface Span {
  kind: 'engine' | 'validators';
  start: number;
  end: number;
}

export interface ScenarioReport {
  scenario: Scenario;
  steps: StepReport[];
  /** Validators that could not run here ("skipped: install X"). */
  skippedValidators: string[];
  ok: boolean;
  /** The scenario directory left in place by --keep. */
  kept: string | undefined;
  spans: Span[];
}
