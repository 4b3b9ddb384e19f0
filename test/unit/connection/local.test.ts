import * as childProcess from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lstat, mkdtemp, readFile, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../src/connection/local.js';
import { TransferError } from '../../../src/connection/errors.js';
import { processArgs } from '../../e2e/harness/processes.js';
import { registerSecret, resetSecretsForTests } from '../../../src/secret.js';

// ansible_connection: local — real local processes, same contract as ssh.

vi.mock('node:child_process', async (original) => {
  const actual = await original<typeof childProcess>();
  return { ...actual, spawn: vi.fn(actual.spawn) };
});

const conn = new LocalConnection('localhost');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-local-'));
});

afterAll(async () => {
  await conn.close();
  await rm(dir, { recursive: true, force: true });
  resetSecretsForTests();
});

describe('LocalConnection', () => {
  it('runs sh command lines with stdin, env and cwd', async () => {
    const result = await conn.run('cat; echo "$A" "$(pwd)"; echo e >&2; exit 4', { stdin: 'in\n', env: { A: 'x y' }, cwd: dir });
    expect(result).toEqual({ rc: 4, stdout: `in\nx y ${dir}\n`, stderr: 'e\n' });
  });

  it('puts atomically with the mode, keeps no temp file, and gets bytes back', async () => {
    const path = join(dir, 'f.bin');
    const content = Buffer.from([0, 10, 13, 255, 254]);
    await conn.put(path, content, { mode: '0600' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path)).toEqual(content);
    expect((await conn.get(path)).equals(content)).toBe(true);
    expect(await readdir(dir)).toEqual(['f.bin']);
    await expect(conn.put(join(dir, 'missing', 'x'), content)).rejects.toBeInstanceOf(TransferError);
  });

  it('stops a timed-out command including its children', async () => {
    const result = await conn.run('sleep 30 | cat', { timeoutMs: 200 });
    expect(result.rc).toBe(124);
  });

  it('becomes another user through sudo', async () => {
    const result = await conn.run('id -un; cat', { become: { method: 'sudo', user: 'nobody' }, stdin: 'x' });
    expect(result).toMatchObject({ rc: 0, stdout: 'nobody\nx' });
  });

  it('keeps a command holding a secret out of the process list', async () => {
    const secret = 'local-secret-9f8e7d';
    registerSecret(secret);
    let done = false;
    const running = conn.run(`S=${secret}; sleep 1; echo "$S"`).finally(() => (done = true));
    let seen = '';
    while (!done) seen += await processArgs();
    expect((await running).stdout).toBe(`${secret}\n`);
    expect(seen).toContain('head -c');
    expect(seen).not.toContain(secret);
  });
});

describe('LocalConnection put/get without a shell', () => {
  it('writes a new file with 0666 minus the umask, an existing one keeping its mode, and reads it back', async () => {
    const fresh = join(dir, 'fresh.txt');
    await conn.put(fresh, Buffer.from('one'));
    const umask = (await conn.run('umask')).stdout.trim();
    expect((await stat(fresh)).mode & 0o777).toBe(0o666 & ~parseInt(umask, 8));
    await conn.run(`chmod 0640 ${fresh}`);
    await conn.put(fresh, Buffer.from('two'));
    expect((await stat(fresh)).mode & 0o777).toBe(0o640);
    await conn.put(fresh, Buffer.from('three'), { mode: '0600' });
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
    expect((await conn.get(fresh)).toString()).toBe('three');
    await expect(conn.get(join(dir, 'absent'))).rejects.toThrow(/cannot read .*absent on localhost/);
    expect((await readdir(dir)).filter((name) => name.includes('.claw-'))).toEqual([]);
  });

  it('spawns nothing for a plain put, and leaves owner, group, symbolic modes and links to the put script', async () => {
    const spawn = vi.mocked(childProcess.spawn);
    // The put script runs in the connection's shell session (spawned once), so count commands.
    const run = vi.spyOn(conn, 'run');
    spawn.mockClear();
    await conn.put(join(dir, 'plain'), Buffer.from('x'), { mode: '0644' });
    await conn.get(join(dir, 'plain'));
    expect(spawn).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
    await conn.put(join(dir, 'owned'), Buffer.from('x'), { owner: userInfo().username });
    await conn.put(join(dir, 'symbolic'), Buffer.from('x'), { mode: 'u=rw,go=' });
    expect((await stat(join(dir, 'symbolic'))).mode & 0o777).toBe(0o600);
    await symlink(join(dir, 'plain'), join(dir, 'link'));
    await conn.put(join(dir, 'link'), Buffer.from('via link'));
    expect(run).toHaveBeenCalledTimes(3);
    run.mockRestore();
    expect((await lstat(join(dir, 'link'))).isFile()).toBe(true);
    await expect(conn.put(join(dir, 'missing', 'x'), Buffer.from('x'), { mode: '0644' })).rejects.toThrow(/cannot write .*missing\/x on localhost/);
  });
});
