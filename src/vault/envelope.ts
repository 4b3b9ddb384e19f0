// The text around a vault body: "$ANSIBLE_VAULT;1.1;AES256" (or "1.2;AES256;<label>") on the
// first line, then the hex body wrapped at 80 columns, newline-terminated — byte for byte
// what ansible-vault writes, so files round-trip through either tool unchanged.

export const VAULT_HEADER = '$ANSIBLE_VAULT';
/** The vault id Ansible uses when none is given; it is never written into a header. */
export const DEFAULT_VAULT_ID = 'default';
const CIPHER = 'AES256';
const WIDTH = 80;

export interface Envelope {
  version: '1.1' | '1.2';
  cipher: string;
  /** The vault id from a 1.2 header; undefined for 1.1. */
  label: string | undefined;
  /** The hex body with the line breaks removed. */
  body: string;
}

/**
 * True when `text` claims to be vault data. As in Ansible, the claim is "$ANSIBLE_VAULT" alone:
 * a damaged header ("$ANSIBLE_VAULT" without its ";1.1;AES256") is then a vault format error
 * naming the file, not plaintext YAML that fails later for another reason.
 */
export function isVaultText(text: string): boolean {
  return text.trimStart().startsWith(VAULT_HEADER);
}

/** Parses an envelope; a string message describes what is wrong with it. */
export function parseEnvelope(text: string): Envelope | string {
  const lines = text.trim().split(/\r?\n/);
  const fields = (lines[0] ?? '').trim().split(';').map((field) => field.trim());
  const [magic, version, cipher, label] = fields;
  if (fields.length < 3 && magic?.startsWith(VAULT_HEADER)) return `the header "${lines[0]?.trim() ?? ''}" lacks its fields: it must read "${VAULT_HEADER};1.1;${CIPHER}" (or "${VAULT_HEADER};1.2;${CIPHER};LABEL")`;
  if (magic !== VAULT_HEADER) return `the first line does not start with "${VAULT_HEADER};"`;
  if (version !== '1.1' && version !== '1.2') return `unsupported vault format version "${version ?? ''}" (expected 1.1 or 1.2)`;
  if (cipher !== CIPHER) return `unsupported cipher "${cipher ?? ''}" (only ${CIPHER} exists)`;
  if (fields.length > 4 || (version === '1.1' && fields.length > 3)) return `malformed header "${lines[0] ?? ''}"`;
  const body = lines
    .slice(1)
    .map((line) => line.trim())
    .join('');
  if (body.length === 0) return 'the envelope has a header but no body (truncated?)';
  return { version, cipher, label: version === '1.2' && label ? label : undefined, body };
}

/** Wraps a hex body: 1.2 with the label when one is given and it is not "default", else 1.1. */
export function formatEnvelope(body: string, label?: string): string {
  const labelled = label !== undefined && label !== '' && label !== DEFAULT_VAULT_ID;
  const header = labelled ? `${VAULT_HEADER};1.2;${CIPHER};${label}` : `${VAULT_HEADER};1.1;${CIPHER}`;
  const lines = [header];
  for (let i = 0; i < body.length; i += WIDTH) lines.push(body.slice(i, i + WIDTH));
  return `${lines.join('\n')}\n`;
}
