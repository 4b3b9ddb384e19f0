import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import { putScript } from '../../../src/connection/put-script.js';

// The put script's own checks, run by /bin/sh: a short stdin (a dropped connection) installs
// nothing, and dd's byte count is read right for every size it words differently.

const conn = new LocalConnection('localhost');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-put-script-'));
});

afterAll(async () => {
  await conn.close();
  await rm(dir, { recursive: true, force: true });
});

describe('put script', () => {
  it('refuses a short stdin, leaving neither the file nor a temp file', async () => {
    const result = await conn.run(putScript(join(dir, 'short'), 10, { mode: '0644' }), { stdin: 'abc' });
    expect(result.rc).not.toBe(0);
    expect(result.stderr).toContain('short write: 3 of 10 bytes received');
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([0, 1, 999, 1000, 1_500_000])('writes %i bytes with the mode and no temp file left', async (size) => {
    const path = join(dir, `f${size}`);
    const result = await conn.run(putScript(path, size, { mode: '0640' }), { stdin: Buffer.alloc(size, 'x') });
    expect(result).toMatchObject({ rc: 0, stderr: '' });
    const info = await stat(path);
    expect([info.size, info.mode & 0o777]).toEqual([size, 0o640]);
    expect((await readdir(dir)).filter((name) => name.includes('.claw-'))).toEqual([]);
  });

  it.each([
    ['0644', 0o644],
    ['600', 0o600],
    ['0755', 0o755],
    ['u=rw,g=r,o=', 0o640],
  ])('gives mode %s whether the umask or chmod sets it', async (mode, expected) => {
    const path = join(dir, `m${expected.toString(8)}`);
    expect((await conn.run(putScript(path, 2, { mode }), { stdin: 'x\n' })).rc).toBe(0);
    expect((await stat(path)).mode & 0o7777).toBe(expected);
  });

  it("keeps an existing file's mode when none is given, however restrictive", async () => {
    const path = join(dir, 'kept');
    expect((await conn.run(putScript(path, 2, { mode: '0600' }), { stdin: 'a\n' })).rc).toBe(0);
    expect((await conn.run(putScript(path, 2), { stdin: 'b\n' })).rc).toBe(0);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});
