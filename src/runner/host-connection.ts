import { userInfo } from 'node:os';
import type { Connection, ConnectionSpec, RunOptions } from '../connection/types.js';
import { ClawError, UnreachableError } from '../errors.js';
import type { Play, Vars } from '../playbook/model.js';
import type { RunState } from './run-state.js';

// Opens (once per host, through the pool) the connection a task needs. Connection variables
// are templated here, as the loader's connectionSpecFor expects; `remote_user`/`port` of the
// play and --user fill in only when the inventory does not say.

const CONNECTION_VARS = [
  'ansible_host', 'ansible_ssh_host', 'ansible_port', 'ansible_ssh_port', 'ansible_user', 'ansible_ssh_user',
  'ansible_connection', 'ansible_ssh_private_key_file', 'ansible_private_key_file', 'ansible_password',
  'ansible_ssh_pass', 'ansible_ssh_known_hosts_file', 'ansible_ssh_common_args', 'ansible_timeout', 'ansible_ssh_timeout',
  'ansible_ssh_host_key_checking', 'ansible_host_key_checking',
];

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

export function connectionVars(run: RunState, play: Play, vars: Vars): Vars {
  const picked: Vars = {};
  const templater = run.deps.templater;
  for (const key of CONNECTION_VARS) {
    const value = vars[key];
    if (value === undefined) continue;
    // This runs for every task on every host: plain text (the usual inventory value) is itself.
    picked[key] = typeof value === 'string' && !templater.isTemplate(value) ? value : templater.templateDeep(value, vars);
  }
  const user = play.remoteUser ?? run.options.remoteUser;
  if (picked.ansible_user === undefined && picked.ansible_ssh_user === undefined && user) picked.ansible_user = user;
  if (picked.ansible_port === undefined && picked.ansible_ssh_port === undefined && play.port !== undefined) picked.ansible_port = play.port;
  if (picked.ansible_connection === undefined && play.connection) picked.ansible_connection = play.connection;
  return picked;
}

/** The pool (deps.connect) keeps one connection per host and reconnects when the spec changes. */
export function hostConnection(run: RunState, play: Play, host: string, vars: Vars): Promise<Connection> {
  return run.deps.connect(specFor(run, host, connectionVars(run, play, vars)));
}

function specFor(run: RunState, host: string, vars: Vars): ConnectionSpec {
  if (LOCAL_NAMES.has(host) && !run.inventory.allHosts().includes(host)) return localSpec(host);
  return run.inventory.connectionSpec(host, vars);
}

export function localSpec(name = 'localhost'): ConnectionSpec {
  return { name, kind: 'local', address: '127.0.0.1', port: 0, user: userInfo().username, hostKeyPolicy: 'strict', connectTimeoutMs: 10_000 };
}

/**
 * The connection as a task sees it: `environment:` applies to every command, each output
 * line is passed on (progress views show a long command's last line), and host-side errors
 * keep their hint (see withHint).
 */
export function taskConnection(connection: Connection, env: Record<string, string> | undefined, onLine?: (line: string) => void): Connection {
  const hasEnv = env !== undefined && Object.keys(env).length > 0;
  return {
    host: connection.host,
    run: (command: string, options: RunOptions = {}) =>
      withHint(
        connection.run(command, {
          ...options,
          ...(hasEnv ? { env: { ...env, ...options.env } } : {}),
          ...(onLine && !options.onOutput ? { onOutput: (line: string) => onLine(line) } : {}),
        }),
      ),
    put: (path, content, options) => withHint(connection.put(path, content, options)),
    get: (path, options) => withHint(connection.get(path, options)),
    close: () => connection.close(),
  };
}

/**
 * A failure on a reachable host (BecomeError: sudo refused; TransferError) fails the task.
 * The module executor reports such an error's message only, so the hint (e.g. "pass the
 * sudo password with -K") is folded into the message; the host still is not unreachable.
 */
async function withHint<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ClawError && !(error instanceof UnreachableError) && error.hint !== undefined) {
      throw new ClawError(error.code, error.format(), error.exitCode, { cause: error });
    }
    throw error;
  }
}
