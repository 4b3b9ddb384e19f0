import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { LocalConnection } from '../../../src/connection/local.js';
import type { Connection } from '../../../src/connection/types.js';
import { fileContentFact } from '../../../src/facts/file-content.js';
import { globFact } from '../../../src/facts/glob.js';
import { createFactReader } from '../../../src/facts/reader.js';
import { statFact } from '../../../src/facts/stat.js';
import type { Fact } from '../../../src/facts/types.js';

const dir = mkdtempSync(join(tmpdir(), 'claw-facts-'));
writeFileSync(join(dir, 'hello.txt'), 'hello\n');
chmodSync(join(dir, 'hello.txt'), 0o640);
mkdirSync(join(dir, 'sub'));
symlinkSync('hello.txt', join(dir, 'link'));
writeFileSync(join(dir, "it's weird $x.txt"), Buffer.from([0, 1, 2, 255]));
const local = new LocalConnection();
afterAll(() => local.close());

/** The real local shell, recording each command line it is asked to run. */
function recording(): { conn: Connection; calls: string[] } {
  const calls: string[] = [];
  const conn: Connection = { host: 'h', run: async (cmd, options) => (calls.push(cmd), local.run(cmd, options)), put: local.put.bind(local), get: local.get.bind(local), close: async () => undefined };
  return { conn, calls };
}

const echo = (key: string, text: string): Fact<string> => ({ key, script: `printf '%s' '${text}'`, parse: (out) => out });

describe('createFactReader', () => {
  it('runs N uncached facts in ONE remote command and splits their output', async () => {
    const { conn, calls } = recording();
    const reader = createFactReader(conn);
    const values = await reader.read([echo('a', 'one'), echo('b', ''), echo('c', 'three\n\n'), { key: 'd', script: 'exit 3', parse: (o) => o }]);
    expect(values).toEqual(['one', '', 'three\n\n', '']);
    expect(calls).toHaveLength(1);
  });

  it('caches per key and re-reads after invalidate', async () => {
    const { conn, calls } = recording();
    const reader = createFactReader(conn);
    await reader.read([echo('a', '1')]);
    await reader.read([echo('a', '1')]);
    expect(calls).toHaveLength(1);
    await reader.read([echo('a', '1'), echo('b', '2')]);
    expect(calls).toHaveLength(2);
    expect(calls[1]).not.toContain("'1'");
    reader.invalidate();
    await reader.read([echo('a', '1')]);
    expect(calls).toHaveLength(3);
  });

  it('passes become to the connection', async () => {
    const conn = new FakeConnection();
    const become = { method: 'sudo' as const, user: 'root' };
    conn.fallback = (cmd) => ({ stdout: cmd.replace(/^printf '\\n%s\\n' '([^']+)'[\s\S]*printf '\\n%s\\n' '([^']+)'$/, '\n$1\nX\n$2\n') });
    await createFactReader(conn, become).read([echo('a', 'X')]);
    expect(conn.calls[0]).toMatchObject({ kind: 'run', options: { become } });
  });

  it('fails readably when the output has no markers (e.g. sudo refused)', async () => {
    const conn = new FakeConnection();
    conn.fallback = { rc: 1, stderr: 'sudo: a password is required\n' };
    await expect(createFactReader(conn).read([echo('a', 'x')])).rejects.toThrow(/could not read facts from fake \(a\): sudo: a password is required/);
  });
});

describe('fact builders on this machine\'s coreutils', () => {
  const reader = createFactReader(local);

  it('statFact describes a regular file like Ansible stat', async () => {
    const [stat] = await reader.read([statFact(join(dir, 'hello.txt'))]);
    expect(stat).toMatchObject({
      exists: true,
      isreg: true,
      isdir: false,
      islnk: false,
      mode: '0640',
      size: 6,
      pw_name: userInfo().username,
      uid: userInfo().uid,
      checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f',
      readable: true,
    });
    expect(stat.mtime).toBeGreaterThan(1_000_000_000);
  });

  it('statFact: directory, symlink (followed or not), missing, sha256, odd names', async () => {
    const [sub, link, followed, missing, sha, odd] = await reader.read([
      statFact(join(dir, 'sub'), { checksum: false }),
      statFact(join(dir, 'link')),
      statFact(join(dir, 'link'), { follow: true, checksum: 'sha256' }),
      statFact(join(dir, 'nope')),
      statFact(join(dir, 'hello.txt'), { checksum: 'sha256' }),
      statFact(join(dir, "it's weird $x.txt")),
    ]);
    expect(sub).toMatchObject({ exists: true, isdir: true, type: 'directory' });
    expect(sub.checksum).toBeUndefined();
    expect(link).toMatchObject({ islnk: true, lnk_target: 'hello.txt', lnk_source: join(dir, 'hello.txt') });
    expect(followed).toMatchObject({ isreg: true, mode: '0640' });
    expect(missing).toEqual({ exists: false, path: join(dir, 'nope') });
    expect(sha.checksum).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
    expect(odd).toMatchObject({ exists: true, size: 4 });
  });

  it('fileContentFact returns base64 bytes or absent', async () => {
    const [text, binary, missing, directory] = await reader.read([
      fileContentFact(join(dir, 'hello.txt')),
      fileContentFact(join(dir, "it's weird $x.txt")),
      fileContentFact(join(dir, 'nope')),
      fileContentFact(join(dir, 'sub')),
    ]);
    expect(text).toEqual({ exists: true, content: Buffer.from('hello\n').toString('base64') });
    expect(Buffer.from(binary.content ?? '', 'base64')).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(missing).toEqual({ exists: false });
    expect(directory).toEqual({ exists: false });
  });

  it('globFact expands on the host like glob.glob', async () => {
    const [txt, none, exact] = await reader.read([globFact(join(dir, '*.txt')), globFact(join(dir, '*.nothing')), globFact(join(dir, 'sub'))]);
    expect(txt.sort()).toEqual([join(dir, 'hello.txt'), join(dir, "it's weird $x.txt")].sort());
    expect(none).toEqual([]);
    expect(exact).toEqual([join(dir, 'sub')]);
  });
});
