import type { ConnectOptions } from './ssh-connect.js';
import type { Connection, ConnectionSpec } from './types.js';

// The one entry point the runner uses. Each transport loads only when a host needs it
// (local.ts pulls in execa, a large share of start-up; bench/NOTES.md).

export type { ConnectOptions } from './ssh-connect.js';

export async function openConnection(spec: ConnectionSpec, options: ConnectOptions = {}): Promise<Connection> {
  if (spec.kind === 'local') {
    const { LocalConnection } = await import('./local.js');
    return new LocalConnection(spec.name);
  }
  const { openSsh } = await import('./ssh.js');
  return openSsh(spec, options);
}
