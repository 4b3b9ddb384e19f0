import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../../src/inventory/index.js';
import { hostInventoryLayers } from '../../../src/vars/host-layers.js';
import { mergeLayers } from '../../../src/vars/precedence.js';

const INV = resolve('test/fixtures/loader/inv');
const PB = resolve('test/fixtures/loader/pbdir');

async function hostVars(source: string, host: string, playbookDir?: string) {
  const inv = await loadInventory([source]);
  return mergeLayers(await hostInventoryLayers(inv, host, playbookDir));
}

function ansibleInventory(args: string[]): Record<string, unknown> | undefined {
  try {
    const out = execFileSync('ansible-inventory', [...args, '--list'], { cwd: tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return (JSON.parse(out) as { _meta: { hostvars: Record<string, unknown> } })._meta.hostvars;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

describe('hostInventoryLayers', () => {
  it('resolves one variable set at every level as Ansible does', async () => {
    const merged = await hostVars(`${INV}/hosts.yml`, 'web3', PB);
    // playbook group_vars/web (6) beats inventory group_vars/web (5), prod (5), all files and inventory vars.
    expect(merged.vars.level).toBe('pb_web');
    expect(merged.origins.level).toBe(`${PB}/group_vars/web.yml`);
    expect((await hostVars(`${INV}/hosts.yml`, 'web1', PB)).vars.level).toBe('hv_web1');
    expect((await hostVars(`${INV}/hosts.yml`, 'web2', PB)).vars.level).toBe('pb_web2');
    expect((await hostVars(`${INV}/hosts.yml`, 'db-a', PB)).vars.level).toBe('inv_host');
    expect((await hostVars(`${INV}/hosts.yml`, 'lone', PB)).vars.level).toBe('pb_all');
    expect((await hostVars(`${INV}/hosts.yml`, 'lone')).vars.level).toBe('gv_all');
    // group_vars/all is a directory: files read in order; vault.yml.example is skipped.
    const lone = await hostVars(`${INV}/hosts.yml`, 'lone');
    expect(lone.vars).toMatchObject({ from_all_file: true, more: 1, only_all: 1 });
    expect(lone.vars.ignored).toBeUndefined();
    expect(lone.origins.more).toBe(`${INV}/group_vars/all/20-more.yaml`);
    expect(lone.origins.only_all).toBe(`${INV}/hosts.yml:3:5`);
  });

  it('orders inventory group vars by depth: all, then parents before children', async () => {
    const merged = await hostVars(`${INV}/hosts.ini`, 'w01');
    expect(merged.vars.level).toBe('gv_web');
    expect(merged.vars.list).toEqual([1, 2]);
  });

  it('gives the implicit localhost a local connection and group_vars/all', async () => {
    const inv = await loadInventory([`${INV}/hosts.yml`]);
    const { selectHosts } = await import('../../../src/inventory/index.js');
    expect(selectHosts(inv, 'localhost')).toEqual(['localhost']);
    const merged = mergeLayers(await hostInventoryLayers(inv, 'localhost'));
    expect(merged.vars).toMatchObject({ ansible_connection: 'local', level: 'gv_all', from_all_file: true });
  });

  const sources: Array<[string, string | undefined]> = [
    [`${INV}/hosts.yml`, undefined],
    [`${INV}/hosts.yml`, PB],
    [`${INV}/hosts.ini`, undefined],
  ];
  it.each(sources)('matches ansible-inventory for %s (playbook dir %s)', async (source, playbookDir) => {
    const expected = ansibleInventory(['-i', source, ...(playbookDir ? ['--playbook-dir', playbookDir] : [])]);
    if (!expected) {
      console.warn('SKIPPED differential test: ansible-inventory not installed (apt-get install ansible-core)');
      return;
    }
    const inv = await loadInventory([source]);
    const ours: Record<string, unknown> = {};
    for (const host of inv.hosts.keys()) ours[host] = (await hostVars(source, host, playbookDir)).vars;
    expect(JSON.parse(JSON.stringify(ours))).toEqual(expected);
  });
});
