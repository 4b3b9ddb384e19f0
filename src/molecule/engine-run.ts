import { ConnectionPool } from '../connection/pool.js';
import { openConnection } from '../connection/index.js';
import type { ConnectionSpec } from '../connection/types.js';
import { EXIT } from '../errors.js';
import type { Reporter, RunEvent } from '../report/events.js';
import { applyCommand } from '../runner/apply-command.js';
import type { ApplyOptions } from '../runner/apply-options.js';
import type { PlaybookOutcome, PlaybookRun } from './types.js';

// Runs a scenario playbook in-process through the same path as `claw-provision apply`,
// collecting the events molecule-lite needs instead of printing them. Every run of every
// scenario shares one connection per host: a playbook run of its own would start the local
// connection's shell sessions afresh, a hundred starts of a process as large as this one.

export interface Engine {
  run: PlaybookRun;
  /** Closes the shared connections (after the last run). */
  close(): Promise<void>;
}

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

/**
 * The shared connections. A local one keeps `sessions` shells: each scenario running at once
 * runs a task's commands and the next task's fact reads side by side.
 */
function sharedConnections(sessions: number): ConnectionPool {
  return new ConnectionPool({}, async (spec: ConnectionSpec, options) => {
    if (spec.kind !== 'local') return openConnection(spec, options);
    const { LocalConnection } = await import('../connection/local.js');
    return new LocalConnection(spec.name, sessions);
  });
}

/** `parallel`: scenarios whose playbooks run at once. */
export function engineRun(vaultPasswordFiles: string[] = [], parallel = 1): Engine {
  const pool = sharedConnections(2 * parallel);
  const run: PlaybookRun = async (file, { check, extraVars }): Promise<PlaybookOutcome> => {
    const { reporter, changed, failures } = collector();
    try {
      const io = { reporter, write: () => undefined, connect: (spec: ConnectionSpec) => pool.get(spec) };
      const code = await applyCommand(optionsFor(file, check, extraVars, vaultPasswordFiles), io);
      if (code !== EXIT.OK && failures.length === 0) failures.push(`${file}: exit code ${code}`);
      return { ok: code === EXIT.OK, changed, failures };
    } catch (error) {
      const message = error instanceof Error && 'format' in error ? (error as { format(): string }).format() : String(error);
      return { ok: false, changed, failures: [...failures, message] };
    }
  };
  return { run, close: () => pool.closeAll() };
}
