import { openConnection, type ConnectOptions } from './index.js';
import type { Connection, ConnectionSpec } from './types.js';

// One connection per inventory host for the whole run. A host whose address, port, user or
// key changes (ansible_port set by a task, a role moving sshd) gets a fresh connection;
// concurrent callers for the same host share one connect.

interface Entry {
  key: string;
  connection: Promise<Connection>;
}

export class ConnectionPool {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly options: ConnectOptions = {},
    /** Injectable for tests; defaults to openConnection. */
    private readonly open: (spec: ConnectionSpec, options: ConnectOptions) => Promise<Connection> = openConnection,
  ) {}

  get(spec: ConnectionSpec): Promise<Connection> {
    const key = identity(spec);
    const existing = this.#entries.get(spec.name);
    if (existing && existing.key === key) {
      return existing.connection.then((connection) => (isDead(connection) ? this.#replace(spec, key) : connection));
    }
    if (existing) void existing.connection.then((old) => old.close()).catch(() => undefined);
    return this.#replace(spec, key);
  }

  /** Drops a host's connection (e.g. after it became unreachable), closing it. */
  async forget(host: string): Promise<void> {
    const entry = this.#entries.get(host);
    this.#entries.delete(host);
    await entry?.connection.then((connection) => connection.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((entry) => entry.connection.then((connection) => connection.close()).catch(() => undefined)));
  }

  #replace(spec: ConnectionSpec, key: string): Promise<Connection> {
    const connection = this.open(spec, this.options);
    const entry = { key, connection };
    this.#entries.set(spec.name, entry);
    // A failed connect is not cached: the next get tries again.
    connection.catch(() => {
      if (this.#entries.get(spec.name) === entry) this.#entries.delete(spec.name);
    });
    return connection;
  }
}

function identity(spec: ConnectionSpec): string {
  return JSON.stringify([spec.kind, spec.address, spec.port, spec.user, spec.privateKeyFile ?? null, spec.knownHostsFile ?? null]);
}

/** SshConnection exposes `alive`; other connections are always usable. */
function isDead(connection: Connection): boolean {
  return 'alive' in connection && (connection as { alive: unknown }).alive === false;
}
