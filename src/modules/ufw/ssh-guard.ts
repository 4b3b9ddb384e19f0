// Enabling a firewall that drops the SSH session we are using would lock the operator out.
// The session's client and server address/port come from $SSH_CONNECTION on the host; a rule
// keeps it reachable when it accepts that tcp port from that client (or the policy accepts).

export interface SshSession {
  client: string;
  server: string;
  port: number;
}

export function parseSshConnection(value: string): SshSession | undefined {
  const [client, , server, port] = value.trim().split(/\s+/);
  if (!client || !server || !port || !/^\d+$/.test(port)) return undefined;
  return { client, server, port: Number(port) };
}

/** True when one of the stored tuples lets the session through. */
export function keepsSshReachable(session: SshSession, tuples: string[]): boolean {
  return tuples.some((tuple) => tupleAccepts(tuple, session));
}

function tupleAccepts(tuple: string, session: SshSession): boolean {
  const [action = '', proto = '', dport = '', dst = '', , src = '', direction = ''] = tuple.split(' ');
  if (!/^(allow|limit)(_log(-all)?)?$/.test(action)) return false;
  if (!direction.startsWith('in') || (proto !== 'tcp' && proto !== 'any')) return false;
  return portMatches(dport, session.port) && addressMatches(src, session.client) && addressMatches(dst, session.server);
}

function portMatches(spec: string, port: number): boolean {
  if (spec === 'any') return true;
  return spec.split(',').some((part) => {
    const [low, high] = part.split(':').map(Number);
    return high === undefined ? low === port : low !== undefined && low <= port && port <= high;
  });
}

function addressMatches(spec: string, address: string): boolean {
  if (spec === '0.0.0.0/0' || spec === '::/0') return true;
  const plain = address.replace(/^::ffff:/, '');
  if (!spec.includes('/')) return spec === plain;
  const [network = '', bits = '32'] = spec.split('/');
  const a = ipv4ToInt(plain);
  const n = ipv4ToInt(network);
  if (a === undefined || n === undefined) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}

function ipv4ToInt(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, p) => ((acc << 8) | p) >>> 0, 0);
}
