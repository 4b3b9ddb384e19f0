import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { runVaultCommand } from '../../../src/vault/commands/index.js';
import { decryptEnvelope } from '../../../src/vault/decrypt.js';
import { memoryIo, scratch } from './helpers.js';

const pw = (password: string) => ({ label: 'default', password: Buffer.from(password), source: 't' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('claw-provision vault (through main)', () => {
  it('encrypt then decrypt a file in place; files are written 0600', async () => {
    const { file } = scratch('vault-cli-');
    const pass = file('pass.txt', 'demo\n');
    const target = file('secrets.yml', 'token: abc\n', 0o644);
    expect(await main(['vault', 'encrypt', target, '--vault-password-file', pass])).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(await main(['vault', 'decrypt', target, '--vault-pass-file', pass])).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('token: abc\n');
  });

  it('wrong password: exit 4, one message, file untouched', async () => {
    const { file } = scratch('vault-cli-');
    const target = file('v.yml', readFileSync(join(import.meta.dirname, '../../fixtures/vault/v11.yml')));
    const before = readFileSync(target);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['vault', 'decrypt', target, '--vault-password-file', file('bad.txt', 'wrong')])).toBe(4);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^ERROR: .*v\.yml: Decryption failed \(no vault secrets were found that could decrypt\)\n {2}hint: /);
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('malformed envelope: exit 4', async () => {
    const { file } = scratch('vault-cli-');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const target = file('v.yml', '$ANSIBLE_VAULT;1.1;AES256\n6162\n');
    expect(await main(['vault', 'view', target, '--vault-password-file', file('p', 'x')])).toBe(4);
  });

  it('rekey to a labelled vault id keeps the mode', async () => {
    const { file } = scratch('vault-cli-');
    const target = file('v.yml', 'a: 1\n');
    expect(await main(['vault', 'encrypt', target, '--vault-password-file', file('old', 'old-pass')])).toBe(0);
    expect(await main(['vault', 'rekey', target, '--vault-password-file', file('old2', 'old-pass'), '--new-vault-id', `prod@${file('new', 'new-pass')}`])).toBe(0);
    const text = readFileSync(target, 'utf8');
    expect(text.startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(decryptEnvelope(text, 'v', [pw('new-pass')]).plaintext.toString()).toBe('a: 1\n');
  });

  it('a vault id containing ";" is a bad option: exit 5', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['vault', 'view', 'x.yml', '--vault-id', 'a;b@p'])).toBe(5);
  });

  it('several vault ids without --encrypt-vault-id: exit 5', async () => {
    const { file } = scratch('vault-cli-');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const args = ['--vault-id', `a@${file('a', 'aa')}`, '--vault-id', `b@${file('b', 'bb')}`];
    expect(await main(['vault', 'encrypt', file('x', 'x'), ...args])).toBe(5);
    expect(await main(['vault', 'encrypt', file('y', 'y'), ...args, '--encrypt-vault-id', 'b'])).toBe(0);
  });
});

describe('stdin / stdout and encrypt-string (in-process io)', () => {
  it('encrypt with no file reads stdin and writes stdout; view prints it back', async () => {
    const { file } = scratch('vault-cli-');
    const pass = file('p', 'pp');
    const enc = memoryIo('plain text\n');
    await runVaultCommand('encrypt', [], { vaultPasswordFile: [pass] }, enc);
    const vaulted = file('v', enc.out());
    const view = memoryIo();
    await runVaultCommand('view', [vaulted], { vaultPasswordFile: [pass] }, view);
    expect(view.out().toString()).toBe('plain text\n');
  });

  it('encrypt-string emits a named !vault block indented 10', async () => {
    const io = memoryIo('', ['typed', 'typed']);
    await runVaultCommand('encrypt-string', ['s3cret-value'], { name: ['api_key'], askVaultPass: true }, io);
    const lines = io.out().toString().split('\n');
    expect(lines[0]).toBe('api_key: !vault |');
    expect(lines[1]).toBe('          $ANSIBLE_VAULT;1.1;AES256');
    const envelope = lines.slice(1).map((line) => line.trim()).join('\n');
    expect(decryptEnvelope(envelope, 'x', [pw('typed')]).plaintext.toString()).toBe('s3cret-value');
  });

  it('encrypt-string with --stdin-name takes the value from stdin', async () => {
    const io = memoryIo('from-stdin', ['pw', 'pw']);
    await runVaultCommand('encrypt-string', [], { stdinName: 'x', askVaultPass: true }, io);
    expect(io.out().toString()).toMatch(/^x: !vault \|\n {10}\$ANSIBLE_VAULT/);
  });
});

describe('vault edit', () => {
  it('re-encrypts what the editor changed, with the same label; the temp dir is removed', async () => {
    const { dir, file } = scratch('vault-edit-');
    const pass = file('p', 'pp');
    const target = file('v.yml', 'a: 1\n');
    await runVaultCommand('encrypt', [target], { vaultId: [`prod@${pass}`] }, memoryIo());
    const editor = file('editor.sh', `#!/bin/sh\necho "$1" > ${dir}/seen\nprintf 'b: 2\\n' >> "$1"\n`, 0o700);
    const io = { ...memoryIo(), env: { EDITOR: editor } };
    await runVaultCommand('edit', [target], { vaultId: [`prod@${pass}`] }, io);
    const text = readFileSync(target, 'utf8');
    expect(text.startsWith('$ANSIBLE_VAULT;1.2;AES256;prod\n')).toBe(true);
    expect(decryptEnvelope(text, 'v', [pw('pp')]).plaintext.toString()).toBe('a: 1\nb: 2\n');
    const tempFile = readFileSync(join(dir, 'seen'), 'utf8').trim();
    expect(existsSync(tempFile)).toBe(false);
    expect(existsSync(join(tempFile, '..'))).toBe(false);
  });

  it('an unchanged file is not rewritten; a failing editor saves nothing and cleans up', async () => {
    const { dir, file } = scratch('vault-edit-');
    const pass = file('p', 'pp');
    const target = file('v.yml', 'a: 1\n');
    await runVaultCommand('encrypt', [target], { vaultPasswordFile: [pass] }, memoryIo());
    const before = readFileSync(target);
    const noop = file('noop.sh', `#!/bin/sh\necho "$1" > ${dir}/seen\n`, 0o700);
    await runVaultCommand('edit', [target], { vaultPasswordFile: [pass] }, { ...memoryIo(), env: { EDITOR: noop } });
    expect(readFileSync(target).equals(before)).toBe(true);
    const failing = file('fail.sh', `#!/bin/sh\necho "$1" > ${dir}/seen\necho junk >> "$1"\nexit 1\n`, 0o700);
    await expect(runVaultCommand('edit', [target], { vaultPasswordFile: [pass] }, { ...memoryIo(), env: { EDITOR: failing } })).rejects.toThrow(/editor/);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(existsSync(join(readFileSync(join(dir, 'seen'), 'utf8').trim(), '..'))).toBe(false);
  });

  it('SIGTERM while the editor runs removes the plaintext at once and re-raises the signal', async () => {
    const { dir, file } = scratch('vault-edit-');
    const pass = file('p', 'pp');
    const target = file('v.yml', 'a: 1\n');
    await runVaultCommand('encrypt', [target], { vaultPasswordFile: [pass] }, memoryIo());
    const editor = file('wait.sh', `#!/bin/sh\necho "$1" > ${dir}/seen.tmp && mv ${dir}/seen.tmp ${dir}/seen\nwhile [ ! -e ${dir}/go ]; do sleep 0.05; done\n`, 0o700);
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const editing = runVaultCommand('edit', [target], { vaultPasswordFile: [pass] }, { ...memoryIo(), env: { EDITOR: editor } });
    while (!existsSync(join(dir, 'seen'))) await new Promise((resolve) => setTimeout(resolve, 20));
    const tempDir = join(readFileSync(join(dir, 'seen'), 'utf8').trim(), '..');
    expect(existsSync(tempDir)).toBe(true);
    process.emit('SIGTERM', 'SIGTERM');
    expect(existsSync(tempDir)).toBe(false);
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGTERM');
    file('go', '');
    await expect(editing).rejects.toThrow();
  });
});
