import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../src/connection/local.js';
import { TransferError } from '../../../src/connection/errors.js';
import { processArgs } from '../../e2e/harness/processes.js';
import { registerSecret, resetSecretsForTests } from '../../../src/secret.js';

// ansible_connection: local — real local processes, same contract as ssh.

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
