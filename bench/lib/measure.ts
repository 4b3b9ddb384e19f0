import { readFile, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

// Runs one command and measures it: wall time from the driver, peak RSS through GNU time
// (%M is the largest resident set of the process tree's biggest member, in KiB), the load
// average at the start (the machine is shared, so every figure carries it), and the
// PLAY RECAP's changed/failed counts so a "no-op" that changes things is visible.

export interface Measurement {
  ms: number;
  /** User + system CPU of the process tree (less sensitive to a loaded machine than ms). */
  cpuMs: number;
  peakRssMb: number;
  load1: number;
  changed: number;
  failed: number;
  exitCode: number;
}

export interface Command {
  file: string;
  args: string[];
  env?: Record<string, string>;
  cwd: string;
}

export async function measure(command: Command, scratch: string): Promise<Measurement> {
  const timeFile = join(scratch, `time-${process.pid}-${Date.now()}`);
  const load1 = loadavg()[0] ?? 0;
  const start = process.hrtime.bigint();
  const result = await execa('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command.file, ...command.args], {
    cwd: command.cwd,
    env: { ...command.env, NO_COLOR: '1', ANSIBLE_NOCOLOR: '1' },
    reject: false,
    all: true,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // GNU time prints "Command exited with non-zero status N" first when it did.
  const [user = 0, sys = 0, kib = 0] = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').pop()!.split(' ').map(Number);
  await rm(timeFile, { force: true });
  const output = result.all ?? '';
  const exitCode = result.exitCode ?? -1;
  if (exitCode !== 0 && exitCode !== 80) {
    throw new Error(`${command.file} ${command.args.join(' ')} exited ${exitCode}:\n${output.slice(-4000)}`);
  }
  return { ms, cpuMs: (user + sys) * 1000, peakRssMb: kib / 1024, load1, ...recapCounts(output), exitCode };
}

/** Sums changed= and failed= over the PLAY RECAP lines (same format for both engines). */
export function recapCounts(output: string): { changed: number; failed: number } {
  let changed = 0;
  let failed = 0;
  for (const match of output.matchAll(/\bok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)/g)) {
    changed += Number(match[1]);
    failed += Number(match[2]);
  }
  return { changed, failed };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
