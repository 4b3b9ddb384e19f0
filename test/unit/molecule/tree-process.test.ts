import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { treeProcess } from '../../../src/molecule/tree-process.js';

// The bundled dist/tree-child.js does the real work (test/unit/build runs it, test/e2e/molecule-roles
// the built CLI); here a stand-in child answers with its pid, so the protocol and failures are
// visible. A tree named "throw" fails, "exit" ends the child.

const dir = mkdtempSync(join(tmpdir(), 'claw-tree-process-'));
const script = join(dir, 'child.mjs');
writeFileSync(
  script,
  `import { rmSync } from 'node:fs';
process.on('message', ({ id, job, dir }) => {
  if (dir === 'exit') process.exit(3);
  if (dir === 'throw') return process.send({ id, error: 'tree unreadable' });
  if (job === 'remove') return rmSync(dir, { recursive: true, force: true }), process.send({ id });
  process.send({ id, results: [{ file: dir, validator: String(process.pid), status: 'ok', detail: '' }] });
});
process.on('disconnect', () => process.exit(0));
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('molecule-lite tree process', () => {
  it('validates every tree in one child process and passes its results and errors on', async () => {
    const trees = treeProcess(pathToFileURL(script));
    try {
      const [a, b] = await Promise.all([trees.validate('/tmp/a'), trees.validate('/tmp/b')]);
      expect(a).toEqual([expect.objectContaining({ file: '/tmp/a', status: 'ok' })]);
      expect(b[0]!.file).toBe('/tmp/b');
      expect(a[0]!.validator).not.toBe(String(process.pid));
      expect(b[0]!.validator).toBe(a[0]!.validator);
      await expect(trees.validate('throw')).rejects.toThrow('tree unreadable');
    } finally {
      trees.close();
    }
  });

  it('fails the jobs of a child that ended, and every later one', async () => {
    const trees = treeProcess(pathToFileURL(script));
    await expect(trees.validate('exit')).rejects.toThrow(/tree process ended \(exit code 3\)/);
    await expect(trees.remove('/tmp/a')).rejects.toThrow(/exit code 3/);
    trees.close();
  });

  it('works in this process when there is no child script (the TypeScript sources)', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    writeFileSync(join(tree, 'broken.json'), '{');
    const trees = treeProcess(pathToFileURL(join(dir, 'missing.js')));
    expect(await trees.validate(tree)).toEqual([expect.objectContaining({ file: 'broken.json', validator: 'JSON parse', status: 'failed' })]);
    await trees.remove(tree);
    expect(existsSync(tree)).toBe(false);
  });
});
