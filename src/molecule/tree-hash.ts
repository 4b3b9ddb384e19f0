import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A digest of every path, type, mode and content under `dir`: equal digests mean nothing changed. */
export async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const name of entries.sort()) {
    const path = join(dir, name);
    const info = await lstat(path);
    hash.update(`${relative(dir, path)}\0${info.mode}\0`);
    if (info.isFile()) hash.update(await readFile(path));
    else if (info.isSymbolicLink()) hash.update(await readlink(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}
