import { chmod, mkdir, mkdtemp, rm, stat, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { treeHash } from '../../../src/molecule/tree-hash.js';

// The check step's "did --check change the scenario tree?": every change a run could make is
// seen, even one that keeps a file's size and puts its mtime back; what is not a change is not.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-tree-hash-'));
  await mkdir(join(dir, 'etc', 'app'), { recursive: true });
  await writeFile(join(dir, 'etc', 'app', 'app.conf'), 'port = 80\n');
  await symlink('app.conf', join(dir, 'etc', 'app', 'current'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Lets the clock move past the coarse timestamp granularity of some filesystems. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('treeHash', () => {
  it('is stable while nothing changes, and across a temp file made and removed in a directory', async () => {
    const before = await treeHash(dir);
    expect(await treeHash(dir)).toBe(before);
    await tick();
    await writeFile(join(dir, 'etc', 'app', '.tmp-123'), 'x');
    await unlink(join(dir, 'etc', 'app', '.tmp-123'));
    expect(await treeHash(dir)).toBe(before);
  });

  it('sees a same-size rewrite whose mtime was put back', async () => {
    const file = join(dir, 'etc', 'app', 'app.conf');
    const { atime, mtime } = await stat(file);
    const before = await treeHash(dir);
    await tick();
    await writeFile(file, 'port = 81\n');
    await utimes(file, atime, mtime);
    expect(await treeHash(dir)).not.toBe(before);
  });

  it('sees new, removed and re-pointed entries and mode changes', async () => {
    const changes: Array<() => Promise<unknown>> = [
      () => writeFile(join(dir, 'etc', 'new'), ''),
      () => rm(join(dir, 'etc', 'app', 'app.conf')),
      () => unlink(join(dir, 'etc', 'app', 'current')).then(() => symlink('other.conf', join(dir, 'etc', 'app', 'current'))),
      () => chmod(join(dir, 'etc', 'app'), 0o700),
    ];
    for (const change of changes) {
      const before = await treeHash(dir);
      await tick();
      await change();
      expect(await treeHash(dir)).not.toBe(before);
    }
  });
});
