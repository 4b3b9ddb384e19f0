import type { DiffEntry, ModuleResult } from '../modules/types.js';
import type { SourcePos } from '../errors.js';

// The engine emits typed events; listr2 progress, the plain log, diffs, the PLAY RECAP and
// the --json report are subscribers. The engine never writes to the console itself.

export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export type RunEvent =
  | { type: 'playbook-start'; file: string; check: boolean }
  | { type: 'play-start'; name: string; hosts: string[] }
  | { type: 'task-start'; name: string; source: SourcePos; hosts: string[]; handler: boolean }
  | {
      type: 'host-result';
      task: string;
      host: string;
      status: HostStatus;
      result: ModuleResult;
      /** Loop item label, when the result is one item of a loop. */
      item?: string | undefined;
      ignored?: boolean | undefined;
      diff?: DiffEntry[] | undefined;
      noLog: boolean;
      /** Delegated host, shown as "host -> delegate". */
      delegatedTo?: string | undefined;
      /** Canonical FQCN of the task's module/action; the plain log cleans debug results as Ansible does. */
      action?: string | undefined;
    }
  | { type: 'host-output'; host: string; line: string }
  | { type: 'warning'; message: string }
  | { type: 'verbose'; level: number; host?: string | undefined; message: string }
  | { type: 'no-hosts-matched'; pattern: string }
  | { type: 'recap'; stats: Record<string, HostStats> }
  | { type: 'interrupted' };

export interface Reporter {
  emit(event: RunEvent): void;
  /** Flushes and closes (final output). */
  close(): Promise<void>;
}
