import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { EXIT, VaultError } from '../../../src/errors.js';
import { loadInventory } from '../../../src/inventory/index.js';
import { encryptVaultText, isVaultText, setVaultSecrets } from '../../../src/vault/index.js';
import { decryptEnvelope } from '../../../src/vault/decrypt.js';
import { loadYamlFile } from '../../../src/yaml/load-yaml-file.js';
import { scratch } from './helpers.js';

// What a user sees when vault data will not open: a damaged header is a vault error naming the
// file (not YAML read from the ciphertext), and an inline !vault value that the passwords do
// not decrypt is named at its own line with a hint about passwords (not about value types).

const pw = (password: string, source = 'pw.txt') => ({ label: 'default', password: Buffer.from(password), source });

afterEach(() => {
  vi.restoreAllMocks();
  setVaultSecrets([]);
});

async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const capture = (chunk: unknown): boolean => ((out += String(chunk)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out };
}

describe('a header without its ";" fields', () => {
  const HEADERLESS = ['$ANSIBLE_VAULT\n6162636465\n', '$ANSIBLE_VAULT\n', '$ANSIBLE_VAULT 1.1 AES256\n6162\n'];

  it.each(HEADERLESS)('%j is vault data with a format error', (text) => {
    expect(isVaultText(text)).toBe(true);
    let error: unknown;
    try {
      decryptEnvelope(text, 'secret.yml', [pw('x')]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('vault-format');
    expect((error as VaultError).format()).toMatch(/^secret\.yml: Vault envelope format error: the header "\$ANSIBLE_VAULT[^"]*" lacks its fields/);
  });

  it('a vars file starting with $ANSIBLE_VAULT is not read as YAML', async () => {
    const { file } = scratch('vault-err-');
    const path = file('secret.yml', '$ANSIBLE_VAULT\n6162636465\n');
    setVaultSecrets([pw('x')]);
    await expect(loadYamlFile(path)).rejects.toMatchObject({ code: 'vault-format', where: path, exitCode: EXIT.PARSE });
  });

  it('through apply: exit 4, the file named, a hint', async () => {
    const { dir, file } = scratch('vault-err-');
    file('secret.yml', '$ANSIBLE_VAULT\n6162636465\n');
    const site = file('site.yml', '- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars_files: [secret.yml]\n  tasks:\n    - debug: { msg: x }\n');
    const { code, out } = await runCli(['apply', site, '--vault-password-file', file('pw.txt', 'x\n')]);
    expect(code).toBe(4);
    expect(out).toContain(`${dir}/secret.yml: Vault envelope format error`);
    expect(out).toMatch(/hint: the vault data is damaged/);
  });

  it('a vault-encrypted inventory is decrypted; a damaged one is a vault error', async () => {
    const { file } = scratch('vault-err-');
    setVaultSecrets([pw('right')]);
    const inventory = await loadInventory([file('hosts.ini', encryptVaultText('[web]\nweb1\n', 'right'))]);
    expect([...inventory.hosts.keys()]).toEqual(['web1']);
    await expect(loadInventory([file('bad.ini', '$ANSIBLE_VAULT\nweb1\n')])).rejects.toMatchObject({ code: 'vault-format' });
  });
});

describe('an inline !vault value that will not decrypt', () => {
  const playbook = (envelope: string): string =>
    `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars:\n    other: 1\n    token: !vault |\n${envelope.trimEnd().replace(/^/gm, '      ')}\n  tasks:\n    - debug: { msg: "token {{ token }}" }\n`;

  it('wrong password: the task fails naming the value line and the password tried', async () => {
    const { dir, file } = scratch('vault-err-');
    const site = file('site.yml', playbook(encryptVaultText('s3cr3t', 'the-right-password-1')));
    const { code, out } = await runCli(['apply', site, '--vault-password-file', file('pw-file', 'not-the-right-one-7\n')]);
    expect(code).toBe(EXIT.HOST_FAILED);
    expect(out).toMatch(/site\.yml:6:\d+: Decryption failed \(no vault secrets were found that could decrypt\)/);
    expect(out).toContain(`no vault password given decrypts it (tried vault id default from ${dir}/pw-file)`);
    expect(out).toContain('--vault-password-file');
    expect(out).not.toContain('check the types');
  });

  it('corrupt value: a vault format error at the value line', async () => {
    const { dir, file } = scratch('vault-err-');
    const site = file('site.yml', playbook('$ANSIBLE_VAULT;1.1;AES256\n6162zz\n'));
    const { code, out } = await runCli(['apply', site, '--vault-password-file', file('pw.txt', 'right\n')]);
    expect(code).toBe(EXIT.HOST_FAILED);
    expect(out).toContain(`${dir}/site.yml:6:`);
    expect(out).toMatch(/site\.yml:6:\d+: Vault format error/);
    expect(out).toContain('the vault data is damaged');
    expect(out).not.toContain('check the types');
  });
});
