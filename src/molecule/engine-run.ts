import { EXIT } from '../errors.js';
import type { Reporter, RunEvent } from '../report/events.js';
import { applyCommand } from '../runner/apply-command.js';
import type { ApplyOptions } from '../runner/apply-options.js';
import type { PlaybookOutcome, PlaybookRun } from './types.js';

// Runs a scenario playbook in-process through the same path as `claw-provision apply`,
// collecting the events molecule-lite needs instead of printing them.

function collector(): { reporter: Reporter; changed: string[]; failures: string[] } {
  const changed: string[] = [];
  const failures: string[] = [];
  const reporter: Reporter = {
    emit(event: RunEvent) {
      if (event.type !== 'host-result') return;
      const failed = (event.status === 'failed' && !event.ignored) || event.status === 'unreachable';
      // Loop items carry the useful messages; the loop's summary event says only "items failed".
      if (event.item !== undefined) {
        if (failed) failures.push(`${event.host}: ${event.task} (item=${event.item}): ${String(event.result.msg ?? 'failed')}`);
        return;
      }
      if (event.status === 'changed') changed.push(`${event.host}: ${event.task}`);
      if (failed && !failures.some((line) => line.startsWith(`${event.host}: ${event.task} (item=`))) {
        failures.push(`${event.host}: ${event.task}: ${String(event.result.msg ?? 'failed')}`);
      }
    },
    close: async () => undefined,
  };
  return { reporter, changed, failures };
}

function optionsFor(playbook: string, check: boolean, extraVars: Record<string, unknown>, vaultPasswordFiles: string[]): ApplyOptions {
  return {
    playbook, inventories: [], tags: [], skipTags: [], check, diff: false, extraVars: [JSON.stringify(extraVars)], forks: 5,
    askPass: false, askBecomePass: false, vaultPasswordFiles, vaultIds: [], askVaultPass: false, step: false, syntaxCheck: false,
    forceHandlers: false, detailedExitcode: false, verbosity: 0, hostKeyPolicy: 'strict',
  };
}

export function engineRun(vaultPasswordFiles: string[] = []): PlaybookRun {
  return async (file, { check, extraVars }): Promise<PlaybookOutcome> => {
    const { reporter, changed, failures } = collector();
    try {
      const code = await applyCommand(optionsFor(file, check, extraVars, vaultPasswordFiles), { reporter, write: () => undefined });
      if (code !== EXIT.OK && failures.length === 0) failures.push(`${file}: exit code ${code}`);
      return { ok: code === EXIT.OK, changed, failures };
    } catch (error) {
      const message = error instanceof Error && 'format' in error ? (error as { format(): string }).format() : String(error);
      return { ok: false, changed, failures: [...failures, message] };
    }
  };
}
