import { VaultError } from '../errors.js';
import { decryptParts, encryptBody, parseBody } from './crypto.js';
import { DEFAULT_VAULT_ID, formatEnvelope, parseEnvelope } from './envelope.js';

// Decryption against a list of secrets, in Ansible's order: the secret whose vault id matches
// the envelope's label first, then every other one (the label is not authenticated, it only
// picks the likeliest password). Every failure is one VaultError naming `where`.

export interface VaultSecret {
  /** The vault id ("default" when none was given). */
  label: string;
  password: Buffer;
  /** Where the password came from, for messages ("prompt", a file path). Never the password. */
  source: string;
}

export interface Decrypted {
  plaintext: Buffer;
  /** The label written in the envelope (undefined for 1.1). */
  envelopeLabel: string | undefined;
  /** The secret that worked. */
  secret: VaultSecret;
}

const DAMAGED_HINT = 'the vault data is damaged: restore it from version control, or encrypt the plaintext again (claw-provision vault encrypt / encrypt_string); a file that is not a vault must not start with $ANSIBLE_VAULT';
const FIX_HINT = 'Give the password it was encrypted with (--vault-password-file FILE, --vault-id LABEL@FILE or --ask-vault-pass), or encrypt it again: `claw-provision vault encrypt_string` for a !vault value, `vault rekey`/`vault encrypt` for a file';
const PASSWORD_HINT = 'pass --vault-password-file FILE, --vault-id LABEL@FILE or --ask-vault-pass (or set ANSIBLE_VAULT_PASSWORD_FILE)';

export function decryptEnvelope(text: string, where: string, secrets: readonly VaultSecret[]): Decrypted {
  const envelope = parseEnvelope(text);
  if (typeof envelope === 'string') {
    throw new VaultError('vault-format', `Vault envelope format error: ${envelope}`, { where, hint: DAMAGED_HINT });
  }
  const parts = parseBody(envelope.body);
  if (typeof parts === 'string') {
    throw new VaultError('vault-format', `Vault format error: ${parts}`, { where, hint: DAMAGED_HINT });
  }
  if (secrets.length === 0) {
    throw new VaultError('vault-no-password', 'this data is vault-encrypted but no vault password was given', { where, hint: PASSWORD_HINT });
  }
  for (const secret of orderFor(envelope.label ?? DEFAULT_VAULT_ID, secrets)) {
    const plaintext = decryptParts(parts, secret.password);
    if (plaintext !== undefined) return { plaintext, envelopeLabel: envelope.label, secret };
  }
  throw new VaultError('vault-decrypt-failed', `Decryption failed (no vault secrets were found that could decrypt)`, {
    where,
    hint: `no vault password given decrypts it (tried ${tried(secrets)}): it was encrypted with another password, or changed since. ${FIX_HINT}`,
  });
}

/** "vault id default from pw.txt, vault id prod from prompt": where each password came from, never the password. */
function tried(secrets: readonly VaultSecret[]): string {
  const seen = [...new Set(secrets.map((secret) => `vault id ${secret.label} from ${secret.source}`))];
  return seen.join(', ');
}

function orderFor(label: string, secrets: readonly VaultSecret[]): VaultSecret[] {
  return [...secrets.filter((secret) => secret.label === label), ...secrets.filter((secret) => secret.label !== label)];
}

/** Encrypts into a complete envelope (1.2 with the label unless it is absent or "default"). */
export function encryptEnvelope(plaintext: Buffer, password: Buffer, label?: string): string {
  return formatEnvelope(encryptBody(plaintext, password), label);
}
