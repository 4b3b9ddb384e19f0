import { discoverScenarios, type ScenarioFilter } from './discover.js';
import { runScenario } from './run-scenario.js';
import type { PlaybookRun, ScenarioReport, StepName } from './types.js';

export interface MoleculeOptions extends ScenarioFilter {
  lastStep?: StepName | undefined;
  keep: boolean;
  /** Scenarios run at once (they are mostly waiting on local processes). */
  parallel: number;
}

/** Runs every matching scenario, several at a time, in discovery order in the report. */
export async function runMoleculeLite(root: string, run: PlaybookRun, options: MoleculeOptions): Promise<ScenarioReport[]> {
  const scenarios = await discoverScenarios(root, options);
  const reports: ScenarioReport[] = new Array(scenarios.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const index = next++;
      reports[index] = await runScenario(scenarios[index]!, run, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, scenarios.length)) }, worker));
  return reports;
}

export { discoverScenarios };
