// Ansible's authorized_key parsing and serialising: keys are identified by their base64
// blob; a line is options, type, blob and comment; other lines are kept as they are.

export interface ParsedKey {
  /** The blob, or the raw line for comments and unparsable lines. */
  id: string;
  type: string | null;
  options: Array<[string, string | null]>;
  comment: string;
  rank: number;
  raw?: string;
}

const KEY_TYPE = /^(sk-ecdsa-sha2-nistp256(-cert-v01)?@openssh\.com|webauthn-sk-ecdsa-sha2-nistp256@openssh\.com|ecdsa-sha2-nistp(256|384|521)(-cert-v01@openssh\.com)?|sk-ssh-ed25519(-cert-v01)?@openssh\.com|ssh-ed25519(-cert-v01@openssh\.com)?|ssh-dss(-cert-v01@openssh\.com)?|ssh-rsa(-cert-v01@openssh\.com)?|ssh-xmss(-cert-v01)?@openssh\.com|rsa-sha2-(256|512)(-cert-v01@openssh\.com)?)$/;

export function parseOptions(text: string | undefined): Array<[string, string | null]> {
  if (!text) return [];
  const parts = text.match(/(?:[^,"']|"[^"]*"|'[^']*')+/g) ?? [];
  return parts.map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? [part, null] : [part.slice(0, at), part.slice(at + 1)];
  });
}

/** One line (keeps its newline when raw); null when no key type is found. */
export function parseKey(line: string, rank: number): ParsedKey | null {
  const raw = line.replaceAll('\\#', '#');
  const parts = raw.trim().split(/\s+/).filter(Boolean);
  if (parts[0] === '#') return { id: line, type: null, options: [], comment: '', rank, raw: line };
  const typeIndex = parts.findIndex((part) => KEY_TYPE.test(part));
  if (typeIndex < 0 || parts[typeIndex + 1] === undefined) return null;
  return {
    id: parts[typeIndex + 1] ?? '',
    type: parts[typeIndex] ?? '',
    options: parseOptions(parts.slice(0, typeIndex).join(' ')),
    comment: parts.slice(typeIndex + 2).join(' '),
    rank,
  };
}

export function parseKeyFile(text: string): Map<string, ParsedKey> {
  const keys = new Map<string, ParsedKey>();
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  lines.forEach((line, rank) => {
    const key = parseKey(line, rank);
    keys.set(key ? key.id : line, key ?? { id: line, type: null, options: [], comment: '', rank, raw: line });
  });
  return keys;
}

export function sameKey(a: ParsedKey, b: ParsedKey): boolean {
  const opts = (k: ParsedKey): string => JSON.stringify([...k.options].sort());
  return a.id === b.id && a.type === b.type && a.comment === b.comment && opts(a) === opts(b);
}

export function serializeKeys(keys: Map<string, ParsedKey>): string {
  return [...keys.values()]
    .sort((a, b) => a.rank - b.rank)
    .map((key) => {
      if (key.type === null) return key.raw ?? key.id;
      const options = key.options.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join(',');
      return `${options ? `${options} ` : ''}${key.type} ${key.id} ${key.comment}\n`;
    })
    .join('');
}
