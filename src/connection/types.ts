import type { Secret } from '../secret.js';

// One interface, three implementations: ssh (node-ssh, one connection, many channels),
// local (execa) and fake (unit tests). `become` wraps commands here; passwords go on stdin.

export interface Become {
  /** Only sudo for now. */
  method: 'sudo';
  user: string;
  password?: Secret | string | undefined;
}

export interface RunOptions {
  /** Bytes for the command's stdin. */
  stdin?: string | Buffer;
  become?: Become | undefined;
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
  /** Called with each complete output line while the command runs (progress display). */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
  rc: number;
  stdout: string;
  stderr: string;
}

export interface PutOptions {
  /** Octal string ("0644") applied to the temp file before the rename. */
  mode?: string;
  owner?: string;
  group?: string;
  become?: Become | undefined;
}

export interface Connection {
  readonly host: string;
  /** Runs a POSIX shell command line. Never throws for a non-zero exit; throws UnreachableError for transport failures. */
  run(command: string, options?: RunOptions): Promise<RunResult>;
  /** Writes `content` to `path` atomically: temp file in the same directory, mode/owner set, fsync, rename. */
  put(path: string, content: Buffer, options?: PutOptions): Promise<void>;
  /** Reads a whole file. */
  get(path: string, options?: { become?: Become | undefined }): Promise<Buffer>;
  close(): Promise<void>;
}

/** How to reach a host, resolved from its variables (ansible_host, ansible_port, ...). */
export interface ConnectionSpec {
  /** inventory_hostname, used in messages. */
  name: string;
  kind: 'ssh' | 'local';
  address: string;
  port: number;
  user: string;
  privateKeyFile?: string | undefined;
  password?: Secret | string | undefined;
  /** Extra known_hosts file named in the inventory (ansible_ssh_known_hosts_file). */
  knownHostsFile?: string | undefined;
  hostKeyPolicy: 'strict' | 'accept-new';
  connectTimeoutMs: number;
}
