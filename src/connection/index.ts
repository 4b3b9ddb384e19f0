import { LocalConnection } from './local.js';
import type { ConnectOptions } from './ssh-connect.js';
import type { Connection, ConnectionSpec } from './types.js';

// The one entry point the runner uses. SSH code loads only when a host needs it.

export type { ConnectOptions } from './ssh-connect.js';

export async function openConnection(spec: ConnectionSpec, options: ConnectOptions = {}): Promise<Connection> {
  if (spec.kind === 'local') return new LocalConnection(spec.name);
  const { openSsh } = await import('./ssh.js');
  return openSsh(spec, options);
}
