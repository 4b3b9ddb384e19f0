import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// OpenSSH known_hosts, read the way ssh(1) reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
// `[@marker] patterns keytype base64key [comment]`; patterns are comma-separated host names,
// `[host]:port` for a non-22 port, `!negated`, `*`/`?` wildcards, or one hashed
// `|1|base64salt|base64hmac` (HMAC-SHA1 of the host name with the salt as key).

export interface KnownHostEntry {
  file: string;
  line: number;
  marker: '@revoked' | '@cert-authority' | undefined;
  patterns: string;
  keyType: string;
  /** The raw public key blob (base64-decoded). */
  key: Buffer;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const marker = fields[0] === '@revoked' || fields[0] === '@cert-authority' ? fields.shift() : undefined;
    const [patterns, keyType, keyBase64] = fields;
    if (!patterns || !keyType || !keyBase64) return; // malformed lines are skipped, as ssh does
    entries.push({ file, line: index + 1, marker: marker as KnownHostEntry['marker'], patterns, keyType, key: Buffer.from(keyBase64, 'base64') });
  });
  return entries;
}

/** The name ssh looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** True when the entry's host patterns match `name` (as produced by knownHostName). */
export function matchesHost(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return matchesHashed(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (!globMatches(body, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function matchesHashed(hashed: string, name: string): boolean {
  const [, , salt, hash] = hashed.split('|');
  if (!salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

function globMatches(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** `SHA256:...` as ssh-keygen -l prints it (unpadded base64 of the key blob's SHA-256). */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString('latin1');
}

/** Entries for `name` across `files`; files that do not exist are treated as empty. */
export async function loadKnownHosts(files: string[], name: string): Promise<KnownHostEntry[]> {
  const found: KnownHostEntry[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    found.push(...parseKnownHosts(text, file).filter((entry) => matchesHost(entry.patterns, name)));
  }
  return found;
}

/** Appends one plain entry, creating the file (0600) and its directory (0700) if needed. */
export async function appendKnownHost(file: string, name: string, key: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readFile(file, 'utf8').catch(() => '');
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${name} ${keyTypeOf(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
}
