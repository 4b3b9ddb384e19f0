// Public face of the vault: envelope.ts (text format), crypto.ts (VaultAES256), decrypt.ts
// (trying secrets in order), password-sources.ts (where passwords come from). The keyring is
// process-wide: the CLI configures it once, the loader decrypts through it lazily.
import { registerSecret } from '../secret.js';
import { decryptEnvelope, encryptEnvelope, type VaultSecret } from './decrypt.js';
import { loadVaultSecrets, type VaultSourceIo, type VaultSourceOptions } from './password-sources.js';

export type { VaultSecret, Decrypted } from './decrypt.js';
export type { VaultSourceOptions, VaultSourceIo } from './password-sources.js';
export { loadVaultSecrets } from './password-sources.js';
export { decryptEnvelope } from './decrypt.js';
export { isVaultText } from './envelope.js';

let keyring: VaultSecret[] = [];

/** Fills the process-wide keyring from the CLI's password sources (never prompts unless asked). */
export async function configureVault(options: VaultSourceOptions, io: VaultSourceIo = {}): Promise<void> {
  keyring = await loadVaultSecrets(options, io);
}

/** Replaces the keyring directly (tests, and callers that already hold passwords). */
export function setVaultSecrets(secrets: VaultSecret[]): void {
  keyring = [...secrets];
}

export function vaultSecrets(): readonly VaultSecret[] {
  return keyring;
}

/**
 * Decrypts a whole vault envelope with the process-wide keyring (configured by the CLI from
 * --vault-password-file / --vault-id / --ask-vault-pass / ANSIBLE_VAULT_PASSWORD_FILE).
 * Throws VaultError (exit 4) naming `where` for a wrong password, tampering or a malformed envelope.
 * Textual plaintext is registered for redaction (multi-line files too: masking a whole file
 * costs nothing and catches it being echoed verbatim).
 */
export function decryptVaultText(text: string, where: string): Buffer {
  const { plaintext } = decryptEnvelope(text, where, keyring);
  const asText = plaintext.toString('utf8');
  if (Buffer.from(asText, 'utf8').equals(plaintext)) registerSecret(asText);
  return plaintext;
}

/** Encrypts into an envelope ansible-vault reads: 1.1, or 1.2 with `label` (unless "default"). */
export function encryptVaultText(plaintext: Buffer | string, password: string | Buffer, label?: string): string {
  const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  return encryptEnvelope(bytes, typeof password === 'string' ? Buffer.from(password, 'utf8') : password, label);
}
