import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, OptionsError, ParseError } from '../../../src/errors.js';
import { MASK, isSecret, redact, resetSecretsForTests } from '../../../src/secret.js';
import { encryptVaultText, setVaultSecrets } from '../../../src/vault/index.js';
import { loadVarsFile } from '../../../src/vars/load-vars-file.js';
import { parseExtraVars } from '../../../src/vars/extra-vars.js';
import { expectClawError, writeTree } from '../playbook/helpers.js';

const PASSWORD = 'test-password';

describe('loadVarsFile', () => {
  afterEach(() => {
    setVaultSecrets([]);
    resetSecretsForTests();
  });

  it('reads a mapping; an empty file is {}', async () => {
    const root = writeTree({ 'a.yml': 'x: 1\nmode: 0644\n', 'empty.yml': '' });
    expect(await loadVarsFile(join(root, 'a.yml'))).toEqual({ x: 1, mode: 420 });
    expect(await loadVarsFile(join(root, 'empty.yml'))).toEqual({});
  });

  it('reports a missing file with where it was named', async () => {
    const error = await expectClawError(() => loadVarsFile('/nonexistent/v.yml', { file: 'site.yml', line: 4, col: 7 }));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.exitCode).toBe(EXIT.PARSE);
    expect(error.code).toBe('file-not-found');
    expect(error.format()).toBe('site.yml:4:7: vars file not found: /nonexistent/v.yml\n  hint: paths are relative to the file that names them (or the role directory)');
  });

  it('refuses a list', async () => {
    const root = writeTree({ 'l.yml': '- a\n' });
    const error = await expectClawError(() => loadVarsFile(join(root, 'l.yml')));
    expect(error.message).toContain('must be a mapping');
    expect(error.where).toEqual({ file: join(root, 'l.yml'), line: 1, col: 1 });
  });

  it('decrypts a whole-file vault and turns every leaf string into a Secret', async () => {
    setVaultSecrets([{ label: 'default', password: Buffer.from(PASSWORD), source: 'test' }]);
    const envelope = encryptVaultText('db_password: s3cr3t-value\nport: 5432\nlist: [one-secret]\n', PASSWORD);
    const root = writeTree({ 'vault.yml': envelope });
    const vars = await loadVarsFile(join(root, 'vault.yml'));
    expect(isSecret(vars.db_password)).toBe(true);
    expect(vars.port).toBe(5432);
    expect(JSON.stringify(vars)).toBe(`{"db_password":"${MASK}","port":5432,"list":["${MASK}"]}`);
    expect(String(vars.db_password)).toBe('s3cr3t-value');
    expect(redact('pw is s3cr3t-value')).toBe(`pw is ${MASK}`);
  });

  it('decrypts an inline !vault value lazily', async () => {
    const inline = encryptVaultText('inline-secret', PASSWORD).trim().split('\n').map((l) => `  ${l}`).join('\n');
    const root = writeTree({ 'v.yml': `token: !vault |\n${inline}\n` });
    const vars = await loadVarsFile(join(root, 'v.yml'));
    expect(isSecret(vars.token)).toBe(true);
    setVaultSecrets([{ label: 'default', password: Buffer.from(PASSWORD), source: 'test' }]);
    expect(String(vars.token)).toBe('inline-secret');
  });
});

describe('parseExtraVars', () => {
  it('merges key=value pairs, JSON/YAML and @files in order', async () => {
    const root = writeTree({ 'e.yml': 'from_file: 1\nb: file\n' });
    const layer = await parseExtraVars(['a=1 b="two words"', '{"c": [1, 2], "b": "json"}', `@${join(root, 'e.yml')}`, 'd=x']);
    expect(layer.level).toBe('extra_vars');
    expect(layer.values).toEqual({ a: '1', b: 'file', c: [1, 2], from_file: 1, d: 'x' });
  });

  it('rejects text that is not key=value', async () => {
    const error = await expectClawError(() => parseExtraVars(['justaword']));
    expect(error).toBeInstanceOf(OptionsError);
    expect(error.exitCode).toBe(EXIT.BAD_OPTIONS);
  });
});
