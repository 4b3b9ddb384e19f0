import { userInfo } from 'node:os';
import type { Become, ConnectionSpec } from '../connection/types.js';
import { ParseError } from '../errors.js';
import { isSecret, type Secret } from '../secret.js';
import type { Vars } from '../playbook/model.js';

// A host's connection variables → ConnectionSpec. The runner templates the values first
// (ansible_port: "{{ ssh_port }}" must already be 2222 here). As in Ansible, host variables
// win over play keywords and command-line options, which are passed as `overrides`.

export interface ConnectionOverrides {
  /** play `connection:` or -c. */
  connection?: string | undefined;
  /** play `remote_user:` or -u. */
  user?: string | undefined;
  /** play `port:`. */
  port?: number | undefined;
  privateKeyFile?: string | undefined;
  hostKeyPolicy?: ConnectionSpec['hostKeyPolicy'] | undefined;
  connectTimeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_S = 10;

export function connectionSpecFor(hostName: string, vars: Vars, overrides: ConnectionOverrides = {}): ConnectionSpec {
  const kind = connectionKind(hostName, text(vars.ansible_connection) ?? overrides.connection);
  const timeout = numberVar(hostName, vars, 'ansible_ssh_timeout') ?? numberVar(hostName, vars, 'ansible_timeout');
  const checking = vars.ansible_ssh_host_key_checking ?? vars.ansible_host_key_checking;
  return {
    name: hostName,
    kind,
    address: text(vars.ansible_host) ?? text(vars.ansible_ssh_host) ?? hostName,
    port: numberVar(hostName, vars, 'ansible_port') ?? numberVar(hostName, vars, 'ansible_ssh_port') ?? overrides.port ?? 22,
    user: text(vars.ansible_user) ?? text(vars.ansible_ssh_user) ?? overrides.user ?? userInfo().username,
    privateKeyFile: text(vars.ansible_ssh_private_key_file) ?? text(vars.ansible_private_key_file) ?? overrides.privateKeyFile,
    password: secretOrText(vars.ansible_password ?? vars.ansible_ssh_pass),
    knownHostsFile: text(vars.ansible_ssh_known_hosts_file),
    hostKeyPolicy: checking === undefined ? (overrides.hostKeyPolicy ?? 'strict') : truthy(checking) ? 'strict' : 'accept-new',
    connectTimeoutMs: timeout !== undefined ? timeout * 1000 : (overrides.connectTimeoutMs ?? DEFAULT_TIMEOUT_S * 1000),
  };
}

/** ansible_become* variables (become itself is decided by task > block > play > these vars). */
export interface BecomeVars {
  become?: boolean | undefined;
  user?: string | undefined;
  password?: Secret | string | undefined;
}

export function becomeVarsFor(hostName: string, vars: Vars): BecomeVars {
  const method = text(vars.ansible_become_method);
  if (method !== undefined && method !== 'sudo') {
    throw new ParseError('unsupported-become', `ansible_become_method '${method}' is not supported (host ${hostName})`, { hint: 'only sudo is supported' });
  }
  return {
    become: vars.ansible_become === undefined ? undefined : truthy(vars.ansible_become),
    user: text(vars.ansible_become_user),
    password: secretOrText(vars.ansible_become_password ?? vars.ansible_become_pass),
  };
}

/** The Become object for a host given the effective become/becomeUser of a task. */
export function becomeFor(vars: BecomeVars, become: boolean | undefined, becomeUser: string | undefined): Become | undefined {
  if (!(become ?? vars.become ?? false)) return undefined;
  return { method: 'sudo', user: becomeUser ?? vars.user ?? 'root', password: vars.password };
}

function connectionKind(host: string, value: string | undefined): ConnectionSpec['kind'] {
  if (value === undefined || ['ssh', 'smart', 'paramiko', 'paramiko_ssh'].includes(value)) return 'ssh';
  if (value === 'local') return 'local';
  throw new ParseError('unsupported-connection', `connection type '${value}' is not supported (host ${host})`, {
    hint: 'use ssh or local',
  });
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return isSecret(value) ? value.reveal() : String(value);
}

function secretOrText(value: unknown): Secret | string | undefined {
  if (value === undefined || value === null) return undefined;
  return isSecret(value) ? value : String(value);
}

function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['yes', 'true', 'on', '1', 'y'].includes(String(value).trim().toLowerCase());
}

function numberVar(host: string, vars: Vars, key: string): number | undefined {
  const value = vars[key];
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(String(value));
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ParseError('bad-connection-var', `${key} must be a number for host ${host} (got ${JSON.stringify(String(value))})`, {
      hint: 'connection variables are templated before use; check the variable it refers to',
    });
  }
  return n;
}
