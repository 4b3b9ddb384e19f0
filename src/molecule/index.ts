import { availableParallelism } from 'node:os';
import { mapLimit } from '../runner/map-limit.js';
import type { ValidationResult } from '../validate/types.js';
import { discoverScenarios, type ScenarioFilter } from './discover.js';
import { runScenario } from './run-scenario.js';
import { slots } from './slots.js';
import type { PlaybookRun, ScenarioReport, StepName } from './types.js';
import { treeProcess } from './tree-process.js';

export interface MoleculeOptions extends ScenarioFilter {
  lastStep?: StepName | undefined;
  keep: boolean;
  /** Scenarios whose engine steps run at once. */
  parallel: number;
  /** The validators of a rendered tree (tests replace them). */
  validate?: ((dir: string) => Promise<ValidationResult[]>) | undefined;
}

/**
 * Runs every matching scenario, `parallel` at a time, in discovery order in the report. A
 * scenario's validators run in their own queue (and process: tree-process.ts), so its slot
 * goes to the next scenario's converge while they check the rendered tree.
 */
export async function runMoleculeLite(root: string, run: PlaybookRun, options: MoleculeOptions): Promise<ScenarioReport[]> {
  const scenarios = await discoverScenarios(root, options);
  // One tree at a time per CPU: each tree already runs all its files' validators at once.
  const validatorQueue = slots(availableParallelism());
  const trees = treeProcess();
  try {
    const started = await mapLimit(scenarios, options.parallel, (scenario) =>
      runScenario(scenario, run, { ...options, validate: options.validate ?? trees.validate, remove: trees.remove, validatorQueue }),
    );
    return await Promise.all(started.map((s) => s.finished));
  } finally {
    trees.close();
  }
}

export { discoverScenarios };
