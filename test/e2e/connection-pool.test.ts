import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../src/connection/pool.js';
import { SshConnection } from '../../src/connection/ssh.js';
import { UnreachableError } from '../../src/errors.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// The pool against two real sshd instances: one connection per host, a new one when the
// host's port changes mid-run (a role moving sshd), closeAll at the end.

let first: TestSshd;
let second: TestSshd;

beforeAll(async () => {
  [first, second] = await Promise.all([startSshd(), startSshd()]);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

describe('ConnectionPool', () => {
  it('shares one connection per host, also between concurrent callers', async () => {
    const pool = new ConnectionPool({ agent: false });
    const spec = first.spec({ name: 'web1' });
    const [a, b] = await Promise.all([pool.get(spec), pool.get(spec)]);
    expect(a).toBe(b);
    expect(await pool.get({ ...spec })).toBe(a);
    await pool.closeAll();
  });

  it('reconnects when the port changes, closing the old connection', async () => {
    const pool = new ConnectionPool({ agent: false });
    const before = (await pool.get(first.spec({ name: 'web1' }))) as SshConnection;
    expect((await before.run('echo one')).stdout).toBe('one\n');
    // The second server has its own host key, recorded in its own known_hosts file.
    const after = (await pool.get(second.spec({ name: 'web1' }))) as SshConnection;
    expect(after).not.toBe(before);
    expect(after.spec.port).toBe(second.port);
    expect((await after.run('echo two')).stdout).toBe('two\n');
    expect(before.alive).toBe(false);
    await expect(before.run('true')).rejects.toBeInstanceOf(UnreachableError);
    await pool.closeAll();
    expect(after.alive).toBe(false);
  });

  it('does not cache a failed connect: the next get tries again', async () => {
    const pool = new ConnectionPool({ agent: false, retries: 0 });
    const bad = first.spec({ name: 'db1', knownHostsFile: second.knownHostsFile });
    await expect(pool.get(bad)).rejects.toBeInstanceOf(UnreachableError);
    const good = await pool.get(first.spec({ name: 'db1' }));
    expect((await good.run('echo ok')).stdout).toBe('ok\n');
    await pool.closeAll();
  });

  it('a connection lost mid-command fails that command as unreachable; the pool then reconnects', async () => {
    const pool = new ConnectionPool({ agent: false });
    const spec = first.spec({ name: 'app1' });
    const conn = (await pool.get(spec)) as SshConnection;
    // Walk up from this shell to the sshd process serving the connection and kill it.
    const killOwnSshd = 'p=$$; while [ "$p" -gt 1 ]; do [ "$(cat /proc/$p/comm)" = sshd ] && { kill -9 "$p"; sleep 5; exit 0; }; p=$(sed -n "s/^PPid:[[:space:]]*//p" /proc/$p/status); done; exit 99';
    const error = await conn.run(killOwnSshd).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).code).toBe('connection-lost');
    expect(conn.alive).toBe(false);
    const again = await pool.get(spec);
    expect(again).not.toBe(conn);
    expect((await again.run('echo back')).stdout).toBe('back\n');
    await pool.closeAll();
  });
});
