import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { MASK } from '../../../src/secret.js';
import { encryptVaultText } from '../../../src/vault/index.js';
import { writeTree } from '../playbook/helpers.js';

const INV = resolve('test/fixtures/loader/inv');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('claw-provision inventory', () => {
  afterEach(() => vi.restoreAllMocks());

  it('graph prints the group tree like ansible-inventory --graph', async () => {
    const { code, out } = await run(['inventory', 'graph', '-i', `${INV}/hosts.yml`, 'db']);
    expect(code).toBe(0);
    expect(out).toBe('@db:\n  |--@dbreplica:\n  |  |--db-c\n  |--db-a\n  |--db-b\n');
  });

  it('list prints groups and host variables as JSON', async () => {
    const { code, out } = await run(['inventory', 'list', '-i', `${INV}/hosts.yml`]);
    expect(code).toBe(0);
    const data = JSON.parse(out) as Record<string, any>;
    expect(data.all.children).toEqual(['ungrouped', 'web', 'db', 'prod']);
    expect(data._meta.hostvars['db-a'].level).toBe('inv_host');
  });

  it('vars --explain names the file and line each value came from, secrets masked', async () => {
    const root = writeTree({
      'hosts.yml': 'all:\n  hosts:\n    h1:\n      port_var: 22\n',
      'pass.txt': 'pw123456\n',
      'group_vars/all/vault.yml': encryptVaultText('db_password: very-secret-1\n', 'pw123456'),
      'group_vars/all/main.yml': 'app: demo\n',
    });
    const { code, out, err } = await run(['inventory', 'vars', 'h1', '--explain', '-i', `${root}/hosts.yml`, '--vault-password-file', `${root}/pass.txt`, '-e', 'app=cli']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`app: "cli"\n    from extra vars (-e) [extra_vars]\n`);
    expect(out).toContain(`db_password: "${MASK}"\n    from ${root}/group_vars/all/vault.yml:1:1 [inventory_group_vars_all]\n`);
    expect(out).toContain(`port_var: 22\n    from ${root}/hosts.yml:4:7 [inventory_host_vars]\n`);
    expect(out).not.toContain('very-secret-1');
  });

  it('an unknown host is a bad option (exit 5)', async () => {
    const { code, err } = await run(['inventory', 'vars', 'nohost', '-i', `${INV}/hosts.yml`]);
    expect(code).toBe(5);
    expect(err).toContain("no host named 'nohost'");
  });
});
