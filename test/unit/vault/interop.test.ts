import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { describe, expect, it } from 'vitest';
import { runVaultCommand } from '../../../src/vault/commands/index.js';
import { decryptEnvelope } from '../../../src/vault/decrypt.js';
import { encryptVaultText } from '../../../src/vault/index.js';
import { memoryIo, scratch } from './helpers.js';

// Differential tests against the real ansible-vault (Debian's ansible-core); CI installs it.
// Without it, the committed vectors in test/fixtures/vault still cover the reading side.

const hasAnsible = execaSync('ansible-vault', ['--version'], { reject: false }).exitCode === 0;
const env = { ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: '/tmp', HOME: process.env.HOME ?? '/tmp' };

describe.skipIf(!hasAnsible)('interop with ansible-vault', () => {
  it('ansible-vault decrypts what we encrypt: 1.1, 1.2 with a label, binary', async () => {
    const { file } = scratch('vault-interop-');
    const pass = file('pass', 'interop-pass\n');
    const binary = Buffer.concat([Buffer.from([0, 255, 10, 13, 0]), Buffer.alloc(100, 0x80)]);
    const cases: Array<[Buffer, string | undefined, string[]]> = [
      [Buffer.from('k: v\n'), undefined, ['--vault-password-file', pass]],
      [Buffer.from('labelled: yes\n'), 'prod', ['--vault-id', `prod@${pass}`]],
      [binary, undefined, ['--vault-password-file', pass]],
    ];
    for (const [plaintext, label, args] of cases) {
      const vaulted = file(`v-${label ?? 'none'}-${plaintext.length}`, encryptVaultText(plaintext, 'interop-pass', label));
      const { stdout } = await execa('ansible-vault', ['decrypt', vaulted, '--output', '-', ...args], { env, encoding: 'buffer', cwd: '/tmp', stripFinalNewline: false });
      expect(Buffer.from(stdout).equals(plaintext)).toBe(true);
    }
  });

  it('we decrypt what ansible-vault encrypts, fresh', async () => {
    const { file } = scratch('vault-interop-');
    const pass = file('pass', 'fresh-pass');
    const target = file('v.yml', 'fresh: content\n');
    await execa('ansible-vault', ['encrypt', target, '--vault-id', `dev@${pass}`], { env });
    const result = decryptEnvelope(readFileSync(target, 'utf8'), target, [{ label: 'dev', password: Buffer.from('fresh-pass'), source: pass }]);
    expect(result.envelopeLabel).toBe('dev');
    expect(result.plaintext.toString()).toBe('fresh: content\n');
  });

  it('our encrypt-string output is a variable ansible loads', async () => {
    const { file } = scratch('vault-interop-');
    const pass = file('pass', 'string-pass');
    const io = memoryIo();
    await runVaultCommand('encrypt-string', ['gateway-secret-42'], { name: ['gw_token'], vaultPasswordFile: [pass] }, io);
    const vars = file('vars.yml', io.out());
    const { stdout } = await execa(
      'ansible',
      ['localhost', '-i', 'localhost,', '-c', 'local', '-m', 'debug', '-a', 'var=gw_token', '-e', `@${vars}`, '--vault-password-file', pass],
      { env, cwd: '/tmp' },
    );
    expect(stdout).toContain('"gw_token": "gateway-secret-42"');
  });
});
