// Public face of the vault (envelope / crypto / password sources live beside this file).
// PLACEHOLDER signatures: the vault work replaces the bodies, keeping these exports.
import { VaultError } from '../errors.js';

/** True when `text` starts with an Ansible vault envelope header ($ANSIBLE_VAULT;1.1|1.2;...). */
export function isVaultText(text: string): boolean {
  return text.trimStart().startsWith('$ANSIBLE_VAULT;');
}

/**
 * Decrypts a whole vault envelope with the process-wide keyring (configured by the CLI from
 * --vault-password-file / --vault-id / --ask-vault-pass / ANSIBLE_VAULT_PASSWORD_FILE).
 * Throws VaultError (exit 4) naming `where` for a wrong password, tampering or a malformed envelope.
 */
export function decryptVaultText(_text: string, where: string): Buffer {
  throw new VaultError('vault-not-implemented', 'vault decryption is not implemented yet', { where });
}
