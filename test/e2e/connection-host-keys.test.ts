import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { openSsh } from '../../src/connection/ssh.js';
import { UnreachableError } from '../../src/errors.js';
import { generateKey, startSshd, type TestSshd } from './harness/sshd.js';

// Host key policy, authentication and connect failures against a real sshd.

let sshd: TestSshd;
let tmp: string;

beforeAll(async () => {
  sshd = await startSshd();
  tmp = await mkdtemp('/tmp/claw-hostkeys-');
});

afterAll(async () => {
  await sshd?.stop();
  await rm(tmp, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<UnreachableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreachableError);
  return error as UnreachableError;
}

describe('host keys', () => {
  it('refuses an unknown key with its fingerprint and the command that accepts it', async () => {
    const userFile = join(tmp, 'empty_known_hosts');
    const error = await failure(openSsh(sshd.spec({ knownHostsFile: undefined }), { userKnownHostsFile: userFile, agent: false }));
    expect(error.code).toBe('host-key-unknown');
    expect(error.message).toContain(sshd.hostKeyFingerprint);
    expect(error.hint).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${userFile}`);
    expect(error.hint).toContain('--host-key-policy accept-new');
  });

  it('accept-new records the key, and a strict connection then trusts it', async () => {
    const userFile = join(tmp, 'accept_new_known_hosts');
    const first = await openSsh(sshd.spec({ knownHostsFile: undefined, hostKeyPolicy: 'accept-new' }), { userKnownHostsFile: userFile, agent: false });
    await first.close();
    const recorded = await readFile(userFile, 'utf8');
    expect(recorded).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${sshd.port} ssh-ed25519 AAAA\\S+\\n$`));
    const fingerprint = (await execa('ssh-keygen', ['-lf', userFile])).stdout;
    expect(fingerprint).toContain(sshd.hostKeyFingerprint);
    const second = await openSsh(sshd.spec({ knownHostsFile: undefined }), { userKnownHostsFile: userFile, agent: false });
    expect((await second.run('echo ok')).stdout).toBe('ok\n');
    await second.close();
  });

  it('refuses a changed key under every policy, naming both fingerprints', async () => {
    const other = await generateKey(tmp, 'other_host_key');
    const otherPub = (await readFile(`${other}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
    const otherFingerprint = (await execa('ssh-keygen', ['-lf', `${other}.pub`])).stdout.split(' ')[1] ?? '';
    const file = join(tmp, 'changed_known_hosts');
    await writeFile(file, `# comment\n[127.0.0.1]:${sshd.port} ${otherPub}\n`);
    for (const policy of ['strict', 'accept-new'] as const) {
      const error = await failure(openSsh(sshd.spec({ knownHostsFile: file, hostKeyPolicy: policy }), { userKnownHostsFile: join(tmp, 'none'), agent: false }));
      expect(error.code).toBe('host-key-changed');
      expect(error.message).toContain(`expected ssh-ed25519 ${otherFingerprint} (${file}:2)`);
      expect(error.message).toContain(`offered ssh-ed25519 ${sshd.hostKeyFingerprint}`);
    }
    expect(await readFile(file, 'utf8')).not.toContain(sshd.hostKeyFingerprint);
  });

  it('accepts a hashed known_hosts entry (ssh-keygen -H)', async () => {
    const file = join(tmp, 'hashed_known_hosts');
    await writeFile(file, await readFile(sshd.knownHostsFile));
    await execa('ssh-keygen', ['-H', '-f', file]);
    expect(await readFile(file, 'utf8')).toMatch(/^\|1\|/);
    const conn = await openSsh(sshd.spec({ knownHostsFile: file }), { userKnownHostsFile: join(tmp, 'none'), agent: false });
    expect((await conn.run('echo hashed')).stdout).toBe('hashed\n');
    await conn.close();
  });
});

describe('authentication', () => {
  it('logs in with a password instead of a key', async () => {
    const conn = await openSsh(sshd.spec({ privateKeyFile: undefined, password: sshd.becomePassword }), { agent: false });
    expect((await conn.run('id -un')).stdout).toBe(`${sshd.user}\n`);
    await conn.close();
  });

  it('logs in through ssh-agent (SSH_AUTH_SOCK)', async () => {
    const socket = join(tmp, 'agent.sock');
    const agent = await execa('ssh-agent', ['-a', socket]);
    const pid = /SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1];
    try {
      await execa('ssh-add', [sshd.privateKeyFile], { env: { SSH_AUTH_SOCK: socket } });
      const conn = await openSsh(sshd.spec({ privateKeyFile: undefined }), { agent: socket });
      expect((await conn.run('echo via-agent')).stdout).toBe('via-agent\n');
      await conn.close();
    } finally {
      if (pid) process.kill(Number(pid));
    }
  });

  it('explains that a passphrase-protected key needs the agent', async () => {
    const key = join(tmp, 'locked_key');
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'passphrase', '-f', key]);
    const error = await failure(openSsh(sshd.spec({ privateKeyFile: key }), { agent: false }));
    expect(error.code).toBe('ssh-key-unusable');
    expect(error.hint).toMatch(/ssh-agent/);
  });

  it('reports a refused login as unreachable, without retrying', async () => {
    const error = await failure(openSsh(sshd.spec({ privateKeyFile: undefined, password: 'not-the-password' }), { agent: false }));
    expect(error.code).toBe('ssh-auth-failed');
    expect(error.message).toContain(`${sshd.user}@127.0.0.1:${sshd.port}`);
  });
});

describe('connect failures', () => {
  let server: Server;
  let accepted = 0;

  beforeAll(async () => {
    // Accepts TCP and resets at once: a transient failure during the handshake.
    server = createServer((socket) => {
      accepted += 1;
      socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('retries a reset during the handshake a bounded number of times', async () => {
    const port = (server.address() as { port: number }).port;
    const error = await failure(openSsh(sshd.spec({ port }), { retries: 2, retryMinTimeoutMs: 10, agent: false }));
    expect(accepted).toBe(3);
    expect(error.code).toBe('ssh-connect-failed');
    expect(error.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}\\): cannot connect: .*\\(after 3 attempts\\)`));
  });

  it('gives up on a server that never answers the handshake after connectTimeoutMs, retrying', async () => {
    const held: Array<{ destroy(): void }> = [];
    let silentAccepted = 0;
    const silent = createServer((socket) => {
      silentAccepted += 1;
      held.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const error = await failure(openSsh(sshd.spec({ port, connectTimeoutMs: 300 }), { retries: 1, retryMinTimeoutMs: 10, agent: false }));
    held.forEach((socket) => socket.destroy());
    silent.close();
    expect(silentAccepted).toBe(2);
    expect(error.message).toMatch(/handshake.*\(after 2 attempts\)/);
  });

  it('reports a closed port as unreachable, with a hint', async () => {
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await failure(openSsh(sshd.spec({ port }), { retries: 1, retryMinTimeoutMs: 10, agent: false }));
    expect(error.message).toMatch(/ECONNREFUSED.*\(after 2 attempts\)/);
    expect(error.hint).toMatch(/ansible_port/);
    expect(error.exitCode).toBe(3);
    server = createServer().listen(0, '127.0.0.1');
  });
});
