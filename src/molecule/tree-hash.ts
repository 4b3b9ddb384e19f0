import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A digest of every path under `dir` with its type, mode, owner and, for files and links, the
 * inode, size and change times: equal digests mean nothing changed. The kernel sets a ctime on
 * every write, chmod, chown or rename, and no one can set it back, so reading the contents (twice
 * per scenario) added nothing. A directory counts by its entries, not its times: a temp file made
 * and removed in it leaves nothing changed.
 */
export async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const infos = await Promise.all(entries.sort().map(async (name) => ({ name, info: await lstat(join(dir, name), { bigint: true }) })));
  for (const { name, info } of infos) {
    hash.update(`${name}\0${info.mode}\0${info.uid}\0${info.gid}\0`);
    if (!info.isDirectory()) hash.update(`${info.ino}\0${info.size}\0${info.mtimeNs}\0${info.ctimeNs}\0`);
    hash.update('\n');
  }
  return hash.digest('hex');
}
