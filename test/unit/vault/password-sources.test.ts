import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VaultError } from '../../../src/errors.js';
import { redact, resetSecretsForTests } from '../../../src/secret.js';
import { configureVault, decryptVaultText, encryptVaultText, isVaultText, vaultSecrets } from '../../../src/vault/index.js';
import { loadVaultSecrets, vaultIdSlugs } from '../../../src/vault/password-sources.js';

let dir: string;
const file = (name: string, content: string, mode = 0o600): string => {
  const path = join(dir, name);
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vault-sources-'));
});

describe('password sources', () => {
  it('orders sources as ansible-core: identity list, --vault-id, password files, prompt', () => {
    const slugs = vaultIdSlugs(
      { vaultIds: ['prod@p.txt'], passwordFiles: ['a.txt'], askVaultPass: true },
      { env: { ANSIBLE_VAULT_IDENTITY_LIST: 'dev@d.txt', ANSIBLE_VAULT_PASSWORD_FILE: 'env.txt' } },
    );
    expect(slugs).toEqual(['dev@d.txt', 'prod@p.txt', 'default@a.txt', 'default@env.txt', 'default@prompt_ask_vault_pass']);
    expect(vaultIdSlugs({}, { env: {}, autoPrompt: true })).toEqual(['default@prompt_ask_vault_pass']);
    expect(vaultIdSlugs({}, { env: {} })).toEqual([]);
  });

  it('reads a plain file stripped of surrounding whitespace', async () => {
    const [secret] = await loadVaultSecrets({ passwordFiles: [file('pw.txt', '  hunter22 \n')] }, { env: {} });
    expect(secret?.password.toString()).toBe('hunter22');
    expect(secret?.label).toBe('default');
  });

  it('runs an executable file and a -client script with --vault-id LABEL', async () => {
    const script = file('pw.sh', '#!/bin/sh\necho script-pass\n', 0o700);
    const client = file('pw-client.sh', '#!/bin/sh\n[ "$1" = --vault-id ] && echo "client-$2"\n', 0o700);
    const secrets = await loadVaultSecrets({ vaultIds: [`prod@${client}`], passwordFiles: [script] }, { env: {} });
    expect(secrets.map((s) => [s.label, s.password.toString()])).toEqual([
      ['prod', 'client-prod'],
      ['default', 'script-pass'],
    ]);
  });

  it('prompts via the injected prompt; new passwords are confirmed', async () => {
    const asked: string[] = [];
    const prompt = async (message: string): Promise<string> => {
      asked.push(message);
      return 'typed-pass';
    };
    const [secret] = await loadVaultSecrets({ vaultIds: ['dev@prompt'] }, { env: {}, prompt, newPassword: true });
    expect(asked).toEqual(['New vault password (dev): ', 'Confirm new vault password (dev): ']);
    expect(secret?.password.toString()).toBe('typed-pass');
    let n = 0;
    const mismatch = async (): Promise<string> => `p${n++}`;
    await expect(loadVaultSecrets({ askVaultPass: true }, { env: {}, prompt: mismatch, newPassword: true })).rejects.toThrow('Passwords do not match');
  });

  it('a missing or empty password file is a VaultError naming it', async () => {
    await expect(loadVaultSecrets({ passwordFiles: [join(dir, 'absent')] }, { env: {} })).rejects.toThrow(/absent was not found/);
    const error = await loadVaultSecrets({ passwordFiles: [file('empty.txt', '\n')] }, { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
  });

  it('a failing script is reported with its path', async () => {
    const failing = file('fail.sh', '#!/bin/sh\nexit 3\n', 0o700);
    await expect(loadVaultSecrets({ passwordFiles: [failing] }, { env: {} })).rejects.toThrow(/fail.sh returned non-zero \(3\)/);
  });
});

describe('process-wide keyring', () => {
  it('configureVault from ANSIBLE_VAULT_PASSWORD_FILE, then decryptVaultText registers the plaintext', async () => {
    resetSecretsForTests();
    await configureVault({ passwordFiles: [] }, { env: { ANSIBLE_VAULT_PASSWORD_FILE: file('env.txt', 'env-pass\n') } });
    expect(vaultSecrets()).toHaveLength(1);
    const text = encryptVaultText(Buffer.from('the-db-password'), 'env-pass');
    expect(isVaultText(text)).toBe(true);
    expect(redact('pw=the-db-password')).toBe('pw=the-db-password');
    expect(decryptVaultText(text, 'inline').toString()).toBe('the-db-password');
    expect(redact('pw=the-db-password')).toBe('pw=********');
    expect(redact('vault pass env-pass')).toBe('vault pass ********');
  });
});
