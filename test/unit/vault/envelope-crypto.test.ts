import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../../src/errors.js';
import { decryptEnvelope, encryptEnvelope, type VaultSecret } from '../../../src/vault/decrypt.js';
import { parseEnvelope } from '../../../src/vault/envelope.js';

const fixtures = join(import.meta.dirname, '../../fixtures/vault');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const secret = (password: string, label = 'default'): VaultSecret => ({ label, password: Buffer.from(password), source: 'test' });
const demo = secret('claw-demo-password');
const prod = secret('prod-password-2', 'prod');

function vaultError(run: () => unknown): VaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
  throw new Error('expected a VaultError');
}

describe('vectors made by ansible-vault 2.14', () => {
  it('decrypts a 1.1 file', () => {
    expect(decryptEnvelope(fixture('v11.yml'), 'v11.yml', [demo]).plaintext.toString()).toBe(fixture('plain.yml'));
  });

  it('decrypts a 1.2 file with its label, trying the matching vault id first', () => {
    const result = decryptEnvelope(fixture('v12-prod.yml'), 'v12-prod.yml', [demo, prod]);
    expect(result.plaintext.toString()).toBe(fixture('plain.yml'));
    expect(result.envelopeLabel).toBe('prod');
    expect(result.secret).toBe(prod);
  });

  it('decrypts binary content byte for byte', () => {
    const expected = readFileSync(join(fixtures, 'binary.bin'));
    expect(decryptEnvelope(fixture('binary.bin.vault'), 'binary.bin.vault', [demo]).plaintext.equals(expected)).toBe(true);
  });

  it('decrypts an encrypt_string block once de-indented', () => {
    const text = fixture('encrypt-string.yml').split('\n').slice(1).map((line) => line.trim()).join('\n');
    expect(decryptEnvelope(text, 'encrypt-string.yml', [demo]).plaintext.toString()).toBe('gw-token-abcdef');
  });
});

describe('our envelope', () => {
  it('round-trips binary data and wraps at 80 columns like ansible-vault', () => {
    const data = Buffer.from([0, 1, 2, 255, 10, 13, 0]);
    const text = encryptEnvelope(data, demo.password);
    const lines = text.split('\n');
    expect(lines[0]).toBe('$ANSIBLE_VAULT;1.1;AES256');
    expect(lines.slice(1, -2).every((line) => line.length === 80)).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    expect(decryptEnvelope(text, 'x', [demo]).plaintext.equals(data)).toBe(true);
  });

  it('writes 1.2 with a label and 1.1 for "default"', () => {
    expect(encryptEnvelope(Buffer.from('x'), prod.password, 'prod').startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(encryptEnvelope(Buffer.from('x'), demo.password, 'default').startsWith('$ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
  });

  it('pads a block-aligned plaintext with a whole extra block', () => {
    const body = parseEnvelope(encryptEnvelope(Buffer.alloc(16, 7), demo.password));
    if (typeof body === 'string') throw new Error(body);
    const ciphertextHex = Buffer.from(body.body, 'hex').toString('latin1').split('\n')[2] ?? '';
    expect(ciphertextHex.length).toBe(64);
  });
});

describe('failures are one VaultError with exit code 4', () => {
  it('wrong password', () => {
    const error = vaultError(() => decryptEnvelope(fixture('v11.yml'), 'group_vars/all/vault.yml', [secret('nope'), secret('other', 'prod')]));
    expect(error.code).toBe('vault-decrypt-failed');
    expect(error.exitCode).toBe(4);
    expect(error.format()).toMatch(/^group_vars\/all\/vault.yml: Decryption failed \(no vault secrets were found that could decrypt\)/);
    expect(error.hint).toContain('tried vault id default from test, vault id prod from test');
  });

  it('no password configured', () => {
    const error = vaultError(() => decryptEnvelope(fixture('v11.yml'), 'vault.yml:3:12', []));
    expect(error.code).toBe('vault-no-password');
    expect(error.format()).toContain('vault.yml:3:12: this data is vault-encrypted');
    expect(error.hint).toContain('--vault-password-file');
  });

  it('a tampered ciphertext byte fails the HMAC', () => {
    const text = fixture('v11.yml');
    const lines = text.split('\n');
    const line = lines[5] ?? '';
    lines[5] = line.slice(0, 10) + (line[10] === '3' ? '4' : '3') + line.slice(11);
    expect(vaultError(() => decryptEnvelope(lines.join('\n'), 'v11.yml', [demo])).code).toBe('vault-decrypt-failed');
  });

  it('truncated file', () => {
    const lines = fixture('v11.yml').split('\n');
    const error = vaultError(() => decryptEnvelope(lines.slice(0, 4).join('\n'), 'v11.yml', [demo]));
    expect(error.code).toBe('vault-format');
    expect(error.exitCode).toBe(4);
    expect(vaultError(() => decryptEnvelope('$ANSIBLE_VAULT;1.1;AES256\n', 'v', [demo])).message).toContain('no body');
  });

  it('malformed header and bad hex', () => {
    const body = fixture('v11.yml').split('\n').slice(1).join('\n');
    expect(vaultError(() => decryptEnvelope(`$ANSIBLE_VAULT;9.9;AES256\n${body}`, 'v', [demo])).message).toContain('unsupported vault format version');
    expect(vaultError(() => decryptEnvelope(`$ANSIBLE_VAULT;1.1;DES\n${body}`, 'v', [demo])).message).toContain('unsupported cipher');
    expect(vaultError(() => decryptEnvelope(`$ANSIBLE_VAULT;1.1;AES256\nzz${body}`, 'v', [demo])).message).toContain('hexadecimal');
  });
});
