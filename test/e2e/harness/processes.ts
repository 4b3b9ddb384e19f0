import { readFile, readdir } from 'node:fs/promises';

// Process-table reads straight from /proc, so the tests need no procps in CI.

/** Every process's argv joined by spaces, one per line (what `ps -eo args` shows). */
export async function processArgs(): Promise<string> {
  const lines: string[] = [];
  for (const pid of await pids()) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline) lines.push(cmdline.replace(/\0+$/, '').replace(/\0/g, ' '));
  }
  return lines.join('\n');
}

/** Pids whose parent is `parent`. */
export async function childPids(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const pid of await pids()) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    if (new RegExp(`^PPid:\\s*${parent}$`, 'm').test(status)) children.push(pid);
  }
  return children;
}

async function pids(): Promise<number[]> {
  return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
}
