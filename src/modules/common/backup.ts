import { shellQuote } from '../../facts/quote.js';
import type { Step } from '../types.js';

// `backup: true` keeps the previous file as PATH.<pid>.<timestamp>~ like Ansible's
// backup_local. The name is computed on the host (its pid and clock) and printed, so the
// module's collect can report it as `backup_file`.

export function backupStep(path: string): Step {
  const q = shellQuote(path);
  return {
    kind: 'exec',
    command: `b=${q}.$$.$(date +%Y-%m-%d@%H:%M:%S)~ && cp -p ${q} "$b" && printf '%s\\n' "$b"`,
  };
}

/** The backup path printed by `backupStep`'s output. */
export function backupFile(stdout: string | undefined): string | undefined {
  const line = stdout?.trim();
  return line ? line : undefined;
}
