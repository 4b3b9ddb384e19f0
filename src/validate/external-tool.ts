import { getPriority, setPriority } from 'node:os';
import { execa } from 'execa';
import type { ValidationResult } from './types.js';

type Outcome = Omit<ValidationResult, 'file' | 'validator'>;

/**
 * Validators check trees already rendered while molecule-lite renders the next ones: niced, they
 * take the CPU the engine leaves idle instead of slowing it down (they finish just as surely).
 */
export const VALIDATOR_NICENESS = 10;

const available = new Map<string, Promise<boolean>>();

/** Whether a command is on PATH (asked once per process). */
export function hasTool(command: string): Promise<boolean> {
  let known = available.get(command);
  if (!known) {
    known = execa('sh', ['-c', `command -v ${command}`], { reject: false }).then((r) => r.exitCode === 0);
    available.set(command, known);
  }
  return known;
}

/**
 * Runs a validator command. A missing tool is a visible skip naming the Debian package to
 * install, never a silent pass. `strictStderr` fails on any diagnostic output (systemd-analyze
 * exits 0 on warnings).
 */
export async function runTool(tool: string, debianPackage: string, args: string[], options: { strictStderr?: boolean; env?: Record<string, string> } = {}): Promise<Outcome> {
  if (!(await hasTool(tool))) return { status: 'skipped', detail: `skipped: install ${debianPackage}` };
  const child = execa(tool, args, { reject: false, all: true, env: options.env, timeout: 60_000 });
  lowerPriority(child.pid);
  const result = await child;
  const output = (result.all ?? '').trim();
  if (result.exitCode !== 0 || (options.strictStderr && result.stderr.trim() !== '')) {
    return { status: 'failed', detail: output || `${tool} exited ${result.exitCode ?? 'on a signal'}` };
  }
  return { status: 'ok', detail: '' };
}

function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Never above our own priority: a run that is niced already keeps its validators at least as low.
    setPriority(pid, Math.max(getPriority(), VALIDATOR_NICENESS));
  } catch {
    // Already exited, or not allowed here: it then runs at normal priority, which is only slower.
  }
}
