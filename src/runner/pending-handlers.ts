import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PendingHandler, PlayState } from './run-state.js';
import { matchingHandlers } from './handlers.js';

// Handler notifications a failed or interrupted run could not deliver are saved next to the
// playbook (.claw-provision/pending-handlers.json, 0600) and delivered first on the next run,
// so a restart that a changed config needed is not lost.

const FILE = 'pending-handlers.json';

export function pendingFile(stateDir: string): string {
  return join(stateDir, FILE);
}

export async function loadPending(stateDir: string): Promise<PendingHandler[]> {
  let text: string;
  try {
    text = await readFile(pendingFile(stateDir), 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = JSON.parse(text) as { pending?: PendingHandler[] };
    return Array.isArray(parsed.pending) ? parsed.pending.filter(isPending) : [];
  } catch {
    return [];
  }
}

function isPending(value: unknown): value is PendingHandler {
  const v = value as PendingHandler;
  return typeof v === 'object' && v !== null && typeof v.play === 'string' && typeof v.handler === 'string' && Array.isArray(v.hosts);
}

/** Writes atomically (temp file 0600, fsync, rename); an empty list removes the file. */
export async function savePending(stateDir: string, pending: PendingHandler[]): Promise<void> {
  const path = pendingFile(stateDir);
  if (pending.length === 0) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const temp = join(stateDir, `.${FILE}.${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify({ pending }, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

/** Marks the saved notifications of this play (matched by play and handler name) as notified. */
export function restorePending(play: PlayState, pending: PendingHandler[]): PendingHandler[] {
  const rest: PendingHandler[] = [];
  for (const entry of pending) {
    const hosts = entry.hosts.filter((host) => play.hosts.includes(host));
    const indices = entry.play === play.play.name ? matchingHandlers(play.play.handlers, entry.handler) : [];
    if (indices.length === 0 || hosts.length === 0) {
      rest.push(entry);
      continue;
    }
    for (const index of indices) {
      const set = play.notified.get(index) ?? new Set<string>();
      hosts.forEach((host) => set.add(host));
      play.notified.set(index, set);
    }
    const others = entry.hosts.filter((host) => !hosts.includes(host));
    if (others.length > 0) rest.push({ ...entry, hosts: others });
  }
  return rest;
}
