import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { BecomeError } from '../../src/connection/errors.js';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { registerSecret, resetSecretsForTests } from '../../src/secret.js';
import { processArgs } from './harness/processes.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// The SSH connection against a real OpenSSH server on 127.0.0.1 (never mocked).

let sshd: TestSshd;
let conn: SshConnection;
let nopw: SshConnection;

beforeAll(async () => {
  sshd = await startSshd();
  conn = await openSsh(sshd.spec(), { agent: false });
  nopw = await openSsh(sshd.spec({ user: sshd.nopasswdUser, name: 'nopw' }), { agent: false });
});

afterAll(async () => {
  await conn?.close();
  await nopw?.close();
  await sshd?.stop();
  resetSecretsForTests();
});

const root = (password?: string) => ({ method: 'sudo' as const, user: 'root', password });

describe('run', () => {
  it('returns rc, stdout and stderr of a POSIX sh command line', async () => {
    const result = await conn.run('echo "out $(id -un)"; echo err >&2; exit 7');
    expect(result).toEqual({ rc: 7, stdout: `out ${sshd.user}\n`, stderr: 'err\n' });
  });

  it('runs 50 commands concurrently on one connection (queued beyond MaxSessions)', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => conn.run(`echo ${i}`)));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 50 }, (_, i) => `${i}\n`));
  });

  it('passes stdin, env and cwd', async () => {
    const result = await conn.run('cat; printf "%s|%s" "$GREETING" "$(pwd)"', { stdin: 'line1\nline2\n', env: { GREETING: "it's $HOME" }, cwd: '/tmp' });
    expect(result.stdout).toBe("line1\nline2\nit's $HOME|/tmp");
  });

  it('streams complete lines to onOutput', async () => {
    const lines: string[] = [];
    await conn.run('printf "a\\nb\\n"; echo c >&2', { onOutput: (line, stream) => lines.push(`${stream}:${line}`) });
    expect(lines.sort()).toEqual(['stderr:c', 'stdout:a', 'stdout:b']);
  });

  it('stops a command at timeoutMs and reports status 124', async () => {
    const result = await conn.run('sleep 30; echo never', { timeoutMs: 300 });
    expect(result.rc).toBe(124);
    expect(result.stderr).toMatch(/timed out after 300 ms/);
    expect((await conn.run('echo still usable')).stdout).toBe('still usable\n');
  });
});

describe('put and get', () => {
  it('round-trips binary content and applies the mode', async () => {
    const content = randomBytes(200_000);
    const path = `/home/${sshd.user}/blob.bin`;
    await conn.put(path, content, { mode: '0640' });
    expect((await conn.get(path)).equals(content)).toBe(true);
    expect((await conn.run(`stat -c %a ${path}`)).stdout).toBe('640\n');
  });

  it('sets owner and group through become, leaving no temp file behind', async () => {
    await nopw.run('sudo rm -rf /srv/claw-put && sudo mkdir -p /srv/claw-put');
    await nopw.put('/srv/claw-put/app.conf', Buffer.from('a=1\n'), { mode: '0600', owner: sshd.passwordUser, group: 'root', become: root() });
    const stat = await nopw.run('stat -c "%U:%G %a" /srv/claw-put/app.conf; ls -A /srv/claw-put', { become: root() });
    expect(stat.stdout).toBe(`${sshd.passwordUser}:root 600\napp.conf\n`);
    expect((await nopw.get('/srv/claw-put/app.conf', { become: root() })).toString()).toBe('a=1\n');
  });

  it('keeps the mode of an existing file when no mode is given; new files get 0666 minus umask', async () => {
    const path = `/home/${sshd.user}/keep.txt`;
    await conn.put(path, Buffer.from('one'), { mode: '0604' });
    await conn.put(path, Buffer.from('two'));
    await conn.put(`${path}.new`, Buffer.from('new'));
    expect((await conn.run(`stat -c %a ${path} ${path}.new`)).stdout).toBe('604\n644\n');
  });

  it('replaces a file atomically: a reader never sees a partial file', async () => {
    const path = `/home/${sshd.user}/atomic.bin`;
    const before = Buffer.alloc(1000, 'a');
    const after = randomBytes(8_000_000);
    await conn.put(path, before);
    const watcher = conn.run(`while :; do s=$(wc -c < ${path}); echo $s; [ "$s" = ${after.length} ] && break; done`, { timeoutMs: 30_000 });
    await conn.put(path, after);
    const sizes = new Set((await watcher).stdout.trim().split('\n'));
    expect(sizes).toContain(String(after.length));
    for (const size of sizes) expect([String(before.length), String(after.length)]).toContain(size);
  });

  it('fails with a readable TransferError for a missing directory or file', async () => {
    await expect(conn.put('/nonexistent-dir/x', Buffer.from('x'))).rejects.toThrow(/cannot write \/nonexistent-dir\/x on sshd-\d+/);
    await expect(conn.get('/nonexistent-file')).rejects.toThrow(/cannot read \/nonexistent-file .*No such file/);
  });
});

describe('become (sudo)', () => {
  it('runs as root with the password sent on stdin, and the command still gets its own stdin', async () => {
    const result = await conn.run('id -un; cat', { become: root(sshd.becomePassword), stdin: 'payload' });
    expect(result).toMatchObject({ rc: 0, stdout: 'root\npayload' });
  });

  it('refuses a wrong password with a clear error, not as unreachable', async () => {
    const error = await conn.run('id -u', { become: root('wrong-password') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BecomeError);
    expect((error as BecomeError).message).toBe(`incorrect sudo password for ${sshd.user} on ${sshd.spec().name}`);
    expect((await conn.run('echo alive')).stdout).toBe('alive\n');
  });

  it('says a password is required when none is given', async () => {
    await expect(conn.run('id -u', { become: root() })).rejects.toThrow(/requires a password for clawtest/);
  });

  it('works with NOPASSWD sudo and with another become_user', async () => {
    expect((await nopw.run('id -un', { become: root() })).stdout).toBe('root\n');
    expect((await nopw.run('id -un; echo "$HOME"', { become: { method: 'sudo', user: sshd.passwordUser } })).stdout).toBe(
      `${sshd.passwordUser}\n/home/${sshd.passwordUser}\n`,
    );
  });

  it('runs concurrent become commands independently', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => conn.run(`echo ${i}; id -u`, { become: root(sshd.becomePassword) })));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 12 }, (_, i) => `${i}\n0\n`));
  });
});

describe('secrets never in argv', () => {
  /** Runs `command` while snapshotting `ps` on the (local) test host until it finishes. */
  async function psDuring(run: () => Promise<unknown>): Promise<string> {
    let done = false;
    const running = run().finally(() => (done = true));
    let seen = '';
    while (!done) seen += await processArgs();
    await running;
    return seen;
  }

  it('a command holding a registered secret is not visible in ps, but still runs', async () => {
    const secret = `s3cr3t-${randomBytes(6).toString('hex')}`;
    registerSecret(secret);
    let output = '';
    const seen = await psDuring(async () => {
      output = (await conn.run(`TOKEN=${secret}; sleep 1; echo "$TOKEN" | wc -c; cat`, { stdin: 'rest' })).stdout;
    });
    expect(output).toBe(`${secret.length + 1}\nrest`);
    expect(seen).toContain('sleep 1');
    expect(seen).not.toContain(secret);
  });

  it('the same holds under become; a command without secrets is visible (the probe works)', async () => {
    const secret = `s3cr3t-${randomBytes(6).toString('hex')}`;
    registerSecret(secret);
    const seen = await psDuring(() => conn.run(`X=${secret}; sleep 1`, { become: root(sshd.becomePassword) }));
    expect(seen).not.toContain(secret);
    expect(seen).not.toContain(sshd.becomePassword);
    const marker = `visible-${randomBytes(4).toString('hex')}`;
    // (A command line runs inside a shell session without an argv of its own: the marker is
    // given to a process that does have one.)
    expect(await psDuring(() => conn.run(`sh -c 'sleep 1' ${marker}`))).toContain(marker);
  });
});
