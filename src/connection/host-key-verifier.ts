import { UnreachableError } from '../errors.js';
import { appendKnownHost, fingerprint, knownHostName, keyTypeOf, loadKnownHosts, type KnownHostEntry } from './known-hosts.js';

// Decides whether the key a server offers is the one we expect. `strict` refuses unknown
// keys (with the command that would accept them); `accept-new` records an unknown key and
// continues; a key that differs from a recorded one is refused under every policy, because
// that is exactly what a man-in-the-middle looks like.

export interface HostKeyTarget {
  /** inventory_hostname, for messages. */
  host: string;
  address: string;
  port: number;
  policy: 'strict' | 'accept-new';
  /** Files searched for known keys, in order. */
  files: string[];
  /** Where accept-new records a new key. */
  recordFile: string;
}

export interface HostKeyVerifier {
  /** Server host key algorithms, those already known for this host first (as ssh does). */
  algorithms: string[];
  /** Resolves undefined when the key is accepted, or the error that refuses it. */
  verify(key: Buffer): Promise<UnreachableError | undefined>;
}

const DEFAULT_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** known_hosts records the key type; RSA keys are negotiated under three signature names. */
function algorithmsFor(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}

export async function hostKeyVerifier(target: HostKeyTarget): Promise<HostKeyVerifier> {
  const name = knownHostName(target.address, target.port);
  const entries = (await loadKnownHosts(target.files, name)).filter((entry) => entry.marker !== '@cert-authority');
  const known = entries.filter((entry) => entry.marker === undefined);
  const preferred = known.flatMap((entry) => algorithmsFor(entry.keyType));
  const algorithms = [...new Set([...preferred, ...DEFAULT_ALGORITHMS])];
  return {
    algorithms,
    verify: async (key) => {
      if (entries.some((entry) => entry.marker === '@revoked' && entry.key.equals(key))) {
        return refuse(target, 'host-key-revoked', `host key ${fingerprint(key)} is marked @revoked`, 'remove the server key or the @revoked line');
      }
      if (known.some((entry) => entry.key.equals(key))) return undefined;
      const sameType = known.filter((entry) => entry.keyType === keyTypeOf(key));
      if (sameType.length > 0) return changedKey(target, sameType[0] as KnownHostEntry, key);
      if (target.policy === 'accept-new') {
        await appendKnownHost(target.recordFile, name, key);
        return undefined;
      }
      return unknownKey(target, key);
    },
  };
}

function where(target: HostKeyTarget): string {
  return `${target.host} (${target.address}:${target.port})`;
}

function refuse(target: HostKeyTarget, code: string, reason: string, hint: string): UnreachableError {
  return new UnreachableError(code, `${where(target)}: ${reason}`, { hint });
}

function unknownKey(target: HostKeyTarget, key: Buffer): UnreachableError {
  const portFlag = target.port === 22 ? '' : `-p ${target.port} `;
  return refuse(
    target,
    'host-key-unknown',
    `host key is not known: ${keyTypeOf(key)} ${fingerprint(key)} (searched ${target.files.join(', ')})`,
    `verify the fingerprint with the server's administrator, then run \`ssh-keyscan ${portFlag}${target.address} >> ${target.recordFile}\`, or run once with --host-key-policy accept-new`,
  );
}

function changedKey(target: HostKeyTarget, expected: KnownHostEntry, key: Buffer): UnreachableError {
  return refuse(
    target,
    'host-key-changed',
    `HOST KEY CHANGED: expected ${expected.keyType} ${fingerprint(expected.key)} (${expected.file}:${expected.line}), server offered ${keyTypeOf(key)} ${fingerprint(key)}. Someone could be intercepting the connection`,
    `if the server was legitimately reinstalled, remove the old key with \`ssh-keygen -R '${knownHostName(target.address, target.port)}' -f ${expected.file}\` and connect again`,
  );
}
