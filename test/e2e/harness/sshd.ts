import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { childPids } from './processes.js';
import { NOPASSWD_USER, PASSWORD_USER, TEST_PASSWORD, ensureTestUsers } from './test-users.js';

// A real OpenSSH server for end-to-end tests: Debian's /usr/sbin/sshd in the foreground on a
// free 127.0.0.1 port, with its own config, a fresh ed25519 host key and client key per
// instance. Several can run at once. Needs root (see test-users.ts) and
// `apt-get install openssh-server sudo`.

export interface TestSshdOptions {
  /** Log in as the NOPASSWD sudo user instead of the one whose sudo needs a password. */
  nopasswd?: boolean;
  /** Extra sshd_config lines. */
  config?: string[];
}

export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  /** Login user of `spec()`. */
  user: string;
  /** The user whose sudo requires `becomePassword`, and the NOPASSWD one. */
  passwordUser: string;
  nopasswdUser: string;
  /** Login and sudo password of both users. */
  becomePassword: string;
  /** become_user the sudo rules allow (any; root is the usual). */
  sudoUser: string;
  privateKeyFile: string;
  /** Holds exactly this server's host key, as `[127.0.0.1]:port ssh-ed25519 ...`. */
  knownHostsFile: string;
  /** `SHA256:...` as printed by ssh-keygen -l. */
  hostKeyFingerprint: string;
  /** Scratch directory removed by stop(). */
  dir: string;
  /** A ConnectionSpec for this server (strict host keys against knownHostsFile). */
  spec(overrides?: Partial<ConnectionSpec>): ConnectionSpec;
  /** The server's log so far (stderr of sshd -e), for failing-test diagnostics. */
  log(): string;
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';

export async function startSshd(options: TestSshdOptions = {}): Promise<TestSshd> {
  await ensureTestUsers();
  const dir = await mkdtemp('/tmp/claw-sshd-');
  // sshd reads authorized_keys as the login user, so the directory must be traversable.
  await chmod(dir, 0o755);
  const hostKey = await generateKey(dir, 'host_key');
  const clientKey = await generateKey(dir, 'client_key');
  await writeFile(join(dir, 'authorized_keys'), await readFile(`${clientKey}.pub`), { mode: 0o644 });
  const hostPub = (await readFile(`${hostKey}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  const hostKeyFingerprint = (await execa('ssh-keygen', ['-lf', `${hostKey}.pub`])).stdout.split(/\s+/)[1] ?? '';
  const { child, port, log } = await launch(dir, hostKey, options.config ?? []);
  const knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, `[127.0.0.1]:${port} ${hostPub}\n`);
  const user = options.nopasswd ? NOPASSWD_USER : PASSWORD_USER;
  return {
    host: '127.0.0.1',
    port,
    user,
    passwordUser: PASSWORD_USER,
    nopasswdUser: NOPASSWD_USER,
    becomePassword: TEST_PASSWORD,
    sudoUser: 'root',
    privateKeyFile: clientKey,
    knownHostsFile,
    hostKeyFingerprint,
    dir,
    spec: (overrides = {}) => ({
      name: `sshd-${port}`,
      kind: 'ssh',
      address: '127.0.0.1',
      port,
      user,
      privateKeyFile: clientKey,
      knownHostsFile,
      hostKeyPolicy: 'strict',
      connectTimeoutMs: 5000,
      ...overrides,
    }),
    log,
    stop: async () => {
      await stopServer(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops sshd and its per-connection processes (they run in their own sessions and keep
 * sshd's stderr open, so waiting for the output to end would wait for every client).
 */
async function stopServer(child: ResultPromise): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (const pid of await childPids(child.pid)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  child.kill('SIGTERM');
  await exited;
}

/** A new passphrase-less ed25519 key pair at dir/name(.pub); returns the private key path. */
export async function generateKey(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  return path;
}

function sshdConfig(dir: string, hostKey: string, port: number, extra: string[]): string {
  return [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${hostKey}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    // The scratch dir lives under /tmp (world-writable), which StrictModes would reject.
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin no',
    `AllowUsers ${PASSWORD_USER} ${NOPASSWD_USER}`,
    'MaxStartups 100:30:200',
    'LogLevel INFO',
    ...extra,
    '',
  ].join('\n');
}

interface Launched {
  child: ResultPromise;
  port: number;
  log: () => string;
}

/** Starts sshd on a free port; retries with another port if one was taken meanwhile. */
async function launch(dir: string, hostKey: string, extra: string[]): Promise<Launched> {
  let lastLog = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const configFile = join(dir, 'sshd_config');
    await writeFile(configFile, sshdConfig(dir, hostKey, port, extra));
    const child = execa(SSHD, ['-D', '-e', '-f', configFile], { reject: false, stdin: 'ignore', buffer: false });
    let log = '';
    // Drained continuously: sshd -e logs every connection, and a full pipe would stall it.
    child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-64_000)));
    const ready = await waitForListening(child, () => log);
    if (ready) {
      killOnExit(child);
      return { child, port, log: () => log };
    }
    lastLog = log;
  }
  throw new Error(`test sshd did not start:\n${lastLog}`);
}

const running = new Set<ResultPromise>();

/** A test worker that dies without stop() must not leave servers listening. */
function killOnExit(child: ResultPromise): void {
  if (running.size === 0) process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  running.add(child);
  void child.finally(() => running.delete(child));
}

function waitForListening(child: ResultPromise, log: () => string): Promise<boolean> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (/Server listening on/.test(log())) finish(true);
    }, 10);
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      finish(false);
    }, 10_000);
    const finish = (ok: boolean): void => {
      clearInterval(poll);
      clearTimeout(giveUp);
      resolve(ok);
    };
    void child.then(() => finish(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
