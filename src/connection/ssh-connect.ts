import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connect as tcpConnect, type Socket } from 'node:net';
import pRetry, { AbortError } from 'p-retry';
import { NodeSSH } from 'node-ssh';
import type { Client, ConnectConfig } from 'ssh2';
import { UnreachableError } from '../errors.js';
import { hostKeyVerifier, type HostKeyVerifier } from './host-key-verifier.js';
import type { ConnectionSpec } from './types.js';

// Opens the one SSH connection a host gets for the whole run, with node-ssh (its ssh2 client
// then carries every command as a channel: see ssh.ts). We make the TCP socket
// ourselves so TCP_NODELAY is on (Nagle adds ~40 ms to every small exec round trip) and so
// a refused/timed-out TCP connect is told apart from an SSH-level failure: only transient
// network failures are retried, never authentication or host-key refusals.

export interface ConnectOptions {
  /** The user's known_hosts; default ~/.ssh/known_hosts. accept-new records here unless the spec names a file. */
  userKnownHostsFile?: string;
  /** Extra connect attempts after a transient failure; default 2 (3 tries). */
  retries?: number;
  /** First retry delay, doubled each time; default 250 ms. */
  retryMinTimeoutMs?: number;
  /** SSH keepalive period; default 15 s (3 missed = connection lost). */
  keepaliveIntervalMs?: number;
  /** Concurrent channels per connection; default 10 (OpenSSH's MaxSessions). */
  maxChannels?: number;
  /** Disable TCP_NODELAY (only for the latency comparison). */
  noDelay?: boolean;
  /** ssh-agent socket; default $SSH_AUTH_SOCK; false = do not use an agent. */
  agent?: string | false;
}

const TRANSIENT = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

export function userKnownHostsFile(options: ConnectOptions): string {
  return options.userKnownHostsFile ?? join(homedir(), '.ssh', 'known_hosts');
}

export async function connectSsh(spec: ConnectionSpec, options: ConnectOptions = {}): Promise<Client> {
  const userFile = userKnownHostsFile(options);
  const verifier = await hostKeyVerifier({
    host: spec.name,
    address: spec.address,
    port: spec.port,
    policy: spec.hostKeyPolicy,
    files: spec.knownHostsFile ? [spec.knownHostsFile, userFile] : [userFile],
    recordFile: spec.knownHostsFile ?? userFile,
  });
  const config = await authConfig(spec, options);
  const retries = options.retries ?? 2;
  try {
    return await pRetry(() => attempt(spec, options, config, verifier), {
      retries,
      minTimeout: options.retryMinTimeoutMs ?? 250,
      factor: 2,
      shouldRetry: ({ error }) => isTransient(error),
    });
  } catch (error) {
    throw toUnreachable(spec, error, retries + 1);
  }
}

async function authConfig(spec: ConnectionSpec, options: ConnectOptions): Promise<ConnectConfig> {
  const agent = options.agent === false ? undefined : (options.agent ?? process.env.SSH_AUTH_SOCK);
  const config: ConnectConfig = { username: spec.user, agent, readyTimeout: spec.connectTimeoutMs };
  if (spec.password !== undefined) config.password = String(spec.password);
  if (spec.privateKeyFile) {
    config.privateKey = await readFile(spec.privateKeyFile).catch((error: NodeJS.ErrnoException) => {
      throw new UnreachableError('ssh-key-unreadable', `${spec.name}: cannot read private key ${spec.privateKeyFile}: ${error.code ?? error.message}`, {
        hint: 'check ansible_ssh_private_key_file',
      });
    });
  }
  config.keepaliveInterval = options.keepaliveIntervalMs ?? 15_000;
  config.keepaliveCountMax = 3;
  return config;
}

async function attempt(spec: ConnectionSpec, options: ConnectOptions, auth: ConnectConfig, verifier: HostKeyVerifier): Promise<Client> {
  const sock = await openSocket(spec, options.noDelay ?? true);
  let refusal: UnreachableError | undefined;
  const ssh = new NodeSSH();
  try {
    await ssh.connect({
      ...auth,
      privateKey: auth.privateKey === undefined ? undefined : auth.privateKey.toString(),
      sock,
      algorithms: { serverHostKey: verifier.algorithms as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] },
      hostVerifier: hostVerifierCallback(spec, verifier, (error) => (refusal = error)),
    });
  } catch (error) {
    ssh.connection?.end();
    sock.destroy();
    if (refusal) throw new AbortError(refusal);
    // ssh2 rejects an unusable private key (e.g. encrypted without passphrase) before any I/O.
    if (error instanceof Error && /private key|privateKey|passphrase/i.test(error.message) && !('level' in error)) throw new AbortError(keyError(spec, error));
    throw error;
  }
  const client = ssh.connection!;
  // ssh2 can emit several errors for one failure; an unhandled 'error' event would crash the
  // run. SshConnection turns later errors into failures of the commands in flight.
  client.on('error', () => undefined);
  return client;
}

/** Adapts our async verifier to ssh2's callback, remembering why a key was refused. */
function hostVerifierCallback(spec: ConnectionSpec, verifier: HostKeyVerifier, onRefusal: (error: UnreachableError) => void) {
  return (key: Buffer, verify: (valid: boolean) => void): void => {
    verifier.verify(key).then(
      (error) => {
        if (error) onRefusal(error);
        verify(error === undefined);
      },
      (error: unknown) => {
        onRefusal(new UnreachableError('host-key-error', `${spec.name}: cannot check the host key: ${String(error)}`));
        verify(false);
      },
    );
  };
}

function openSocket(spec: ConnectionSpec, noDelay: boolean): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = tcpConnect({ host: spec.address, port: spec.port, timeout: spec.connectTimeoutMs });
    sock.once('connect', () => {
      sock.setTimeout(0);
      sock.setNoDelay(noDelay);
      sock.setKeepAlive(true, 30_000);
      resolve(sock);
    });
    sock.once('timeout', () => {
      sock.destroy();
      reject(Object.assign(new Error(`connect timed out after ${spec.connectTimeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    sock.once('error', reject);
  });
}

function isTransient(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  const level = (error as { level?: string }).level;
  if (code !== undefined && TRANSIENT.has(code)) return true;
  // A reset or stall during the SSH handshake (sshd restarting, MaxStartups) is worth another try.
  return level === 'client-timeout' || (level === 'client-socket' && /reset|closed|ended/i.test(error.message));
}

function keyError(spec: ConnectionSpec, error: unknown): UnreachableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UnreachableError('ssh-key-unusable', `${spec.name}: cannot use private key ${spec.privateKeyFile ?? ''}: ${reason}`, {
    hint: 'passphrase-protected keys are used through ssh-agent (ssh-add the key, SSH_AUTH_SOCK set)',
  });
}

function toUnreachable(spec: ConnectionSpec, error: unknown, tries: number): UnreachableError {
  if (error instanceof UnreachableError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const target = `${spec.name} (${spec.user}@${spec.address}:${spec.port})`;
  if ((err as { level?: string }).level === 'client-authentication') {
    return new UnreachableError('ssh-auth-failed', `${target}: authentication failed (${err.message})`, {
      hint: 'check ansible_user, ansible_ssh_private_key_file or the agent, and the authorized_keys on the host',
      cause: err,
    });
  }
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  const after = isTransient(err) ? ` (after ${tries} attempts)` : '';
  return new UnreachableError('ssh-connect-failed', `${target}: cannot connect: ${reason}${after}`, {
    hint: 'check ansible_host/ansible_port, that sshd is running and that no firewall blocks the port',
    cause: err,
  });
}
