import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Nothing is ever half-written: the data goes to a private temp file beside the target
// (same filesystem, so rename is atomic), gets its final mode (and owner), is fsynced, then
// replaces the target. Used by the vault commands, the JSON report and the local connection.

export interface AtomicWriteOptions {
  /** Final mode; 0600 unless given. */
  mode?: number;
  /** Owner to give the file (best effort: only root may give a file away). */
  owner?: { uid: number; gid: number };
}

export async function writeFileAtomic(path: string, data: Buffer | string, options: AtomicWriteOptions = {}): Promise<void> {
  // Readable by nobody else while the content is written.
  const temp = join(dirname(path), `.${basename(path)}.claw-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.chmod(options.mode ?? 0o600);
    if (options.owner) await handle.chown(options.owner.uid, options.owner.gid).catch(() => undefined);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
