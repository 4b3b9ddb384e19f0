import { join } from 'node:path';
import { EXIT, type ExitCode } from '../errors.js';
import type { Playbook } from '../playbook/model.js';
import type { Reporter } from '../report/events.js';
import { loadPending, savePending } from './pending-handlers.js';
import type { RunState } from './run-state.js';
import { runPlay } from './run-play.js';
import type { RunInventory, RunnerDeps, RunnerOptions, RunSummary } from './types.js';

// Runs a playbook: plays in order, the linear strategy inside each. Returns the per-host
// stats and ansible-playbook's exit code; the CLI turns --detailed-exitcode into 80.

export async function runPlaybook(playbook: Playbook, inventory: RunInventory, options: RunnerOptions, reporter: Reporter, deps: RunnerDeps): Promise<RunSummary> {
  const stateDir = options.stateDir ?? join(playbook.dir, '.claw-provision');
  const run: RunState = {
    playbook, inventory, deps, options, reporter,
    hosts: new Map(), stats: {}, pendingHandlers: await loadPending(stateDir), stateDir,
    waitingForStartTask: options.startAtTask !== undefined, interrupted: false, changed: false,
  };
  reporter.emit({ type: 'playbook-start', file: playbook.file, check: options.check });
  try {
    for (const play of playbook.plays) {
      if (options.signal?.aborted) run.interrupted = true;
      if (run.interrupted) break;
      await runPlay(run, play);
    }
  } finally {
    if (options.signal?.aborted) run.interrupted = true;
    if (run.interrupted) reporter.emit({ type: 'interrupted' });
    reporter.emit({ type: 'recap', stats: run.stats });
    await deps.closeAll();
  }
  // Check mode changes nothing, not even the controller's pending-handler file.
  if (!options.check) await savePending(stateDir, run.pendingHandlers);
  return { stats: run.stats, exitCode: exitCodeOf(run), changed: run.changed, interrupted: run.interrupted };
}

function exitCodeOf(run: RunState): ExitCode {
  if (run.interrupted) return EXIT.INTERRUPTED;
  const stats = Object.values(run.stats);
  if (stats.some((s) => s.failed > 0)) return EXIT.HOST_FAILED;
  if (stats.some((s) => s.unreachable > 0)) return EXIT.HOST_UNREACHABLE;
  return EXIT.OK;
}

export type { RunInventory, RunnerDeps, RunnerOptions, RunSummary } from './types.js';
