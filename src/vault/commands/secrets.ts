import { OptionsError, VaultError } from '../../errors.js';
import type { VaultSecret } from '../decrypt.js';
import { loadVaultSecrets } from '../password-sources.js';
import type { VaultCliIo } from './io.js';

// Which secrets a vault command uses, decided as ansible-vault does: reading needs at least
// one secret; writing needs exactly one, or --encrypt-vault-id naming one of several.

export interface VaultPasswordOptions {
  vaultId?: string[];
  vaultPasswordFile?: string[];
  askVaultPass?: boolean;
  encryptVaultId?: string;
  newVaultPasswordFile?: string;
  newVaultId?: string;
}

export async function readSecrets(options: VaultPasswordOptions, io: VaultCliIo): Promise<VaultSecret[]> {
  const secrets = await loadVaultSecrets(sources(options), { prompt: io.prompt, env: io.env, autoPrompt: true });
  if (secrets.length === 0) throw new OptionsError("A vault password is required to use Ansible's Vault");
  return secrets;
}

export async function encryptSecret(options: VaultPasswordOptions, io: VaultCliIo): Promise<VaultSecret> {
  const secrets = await loadVaultSecrets(sources(options), { prompt: io.prompt, env: io.env, autoPrompt: true, newPassword: true });
  return pickEncryptSecret(secrets, options.encryptVaultId || io.env.ANSIBLE_VAULT_ENCRYPT_IDENTITY);
}

/** The secret rekey encrypts with: --new-vault-password-file, --new-vault-id, or a new prompt. */
export async function newEncryptSecret(options: VaultPasswordOptions, io: VaultCliIo): Promise<VaultSecret> {
  const secrets = await loadVaultSecrets(
    {
      vaultIds: options.newVaultId ? [options.newVaultId] : [],
      passwordFiles: options.newVaultPasswordFile ? [options.newVaultPasswordFile] : [],
      askVaultPass: false,
    },
    { prompt: io.prompt, env: {}, autoPrompt: true, newPassword: true },
  );
  return pickEncryptSecret(secrets, undefined);
}

function pickEncryptSecret(secrets: VaultSecret[], encryptVaultId: string | undefined): VaultSecret {
  if (encryptVaultId) {
    const match = secrets.find((secret) => secret.label === encryptVaultId);
    if (!match) {
      throw new VaultError('vault-encrypt-id', `Did not find a match for --encrypt-vault-id=${encryptVaultId} in the known vault-ids [${secrets.map((s) => s.label).join(', ')}]`, {
        where: '--encrypt-vault-id',
      });
    }
    return match;
  }
  const [first] = secrets;
  if (!first) throw new OptionsError("A vault password is required to use Ansible's Vault");
  if (secrets.length > 1) {
    throw new OptionsError(`The vault-ids ${secrets.map((s) => s.label).join(',')} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id`);
  }
  return first;
}

function sources(options: VaultPasswordOptions): { vaultIds: string[]; passwordFiles: string[]; askVaultPass: boolean } {
  return { vaultIds: options.vaultId ?? [], passwordFiles: options.vaultPasswordFile ?? [], askVaultPass: options.askVaultPass === true };
}
