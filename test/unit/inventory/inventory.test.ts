import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, OptionsError, ParseError } from '../../../src/errors.js';
import { groupsOfHost, hostsOfGroup, loadInventory, selectHosts } from '../../../src/inventory/index.js';
import { expectClawError, writeTree } from '../playbook/helpers.js';

const INV = resolve('test/fixtures/loader/inv');

describe('loadInventory', () => {
  it('reads YAML groups, children, host ranges and vars', async () => {
    const inv = await loadInventory([`${INV}/hosts.yml`]);
    expect([...inv.hosts.keys()]).toEqual(['lone', 'web1', 'web2', 'web3', 'db-a', 'db-b', 'db-c']);
    expect(hostsOfGroup(inv, 'ungrouped')).toEqual(['lone']);
    expect(hostsOfGroup(inv, 'db')).toEqual(['db-a', 'db-b', 'db-c']);
    expect(groupsOfHost(inv, 'db-c').sort()).toEqual(['all', 'db', 'dbreplica', 'prod']);
    expect(inv.hosts.get('web2')!.varSources[0]!.values).toEqual({ http_port: 80 });
    expect(inv.hosts.get('web2')!.varSources[0]!.origin).toBe(`${INV}/hosts.yml:12:9`);
    expect(inv.dirs).toEqual([INV]);
  });

  it('reads INI with ports, ranges, :vars and :children and Python-like values', async () => {
    const inv = await loadInventory([`${INV}/hosts.ini`]);
    expect([...inv.hosts.keys()]).toEqual(['lone2', 'w01', 'w02']);
    expect(inv.hosts.get('lone2')!.varSources[0]!.values).toEqual({ ansible_port: 2222 });
    expect(inv.hosts.get('w01')!.varSources[0]!.values).toEqual({ http_port: 8080, name: 'a b', zero: '0644', flag: true });
    const groupVars = inv.groups.get('web')!.varSources.map((s) => s.values);
    expect(groupVars).toEqual([{ level: 'ini_web' }, { list: [1, 2] }]);
  });

  it('takes comma lists and no inventory at all', async () => {
    const inv = await loadInventory(['h1, h2,']);
    expect(hostsOfGroup(inv, 'all')).toEqual(['h1', 'h2']);
    expect(hostsOfGroup(inv, 'ungrouped')).toEqual(['h1', 'h2']);
    const ported = await loadInventory(['web:2222,[::1]:22,']);
    expect([...ported.hosts.keys()]).toEqual(['web', '::1']);
    expect(ported.hosts.get('web')!.varSources[0]!.values).toEqual({ ansible_port: 2222 });
    const empty = await loadInventory([]);
    expect(selectHosts(empty, 'all')).toEqual([]);
    expect(selectHosts(empty, 'localhost')).toEqual(['localhost']);
    expect(empty.hosts.get('localhost')!.implicit).toBe(true);
    expect(selectHosts(empty, 'all')).toEqual([]);
  });

  it('reads a directory of inventory files, skipping ignored extensions', async () => {
    const root = writeTree({ 'a.yml': 'all:\n  hosts:\n    x:\n', 'b': '[g]\ny\n', 'notes.md': '# not inventory', 'c.ini': 'z\n' });
    const inv = await loadInventory([root]);
    expect([...inv.hosts.keys()]).toEqual(['x', 'y']);
  });

  it('reports a missing source as a bad option', async () => {
    const error = await expectClawError(() => loadInventory(['nosuchhost']));
    expect(error).toBeInstanceOf(OptionsError);
    expect(error.exitCode).toBe(EXIT.BAD_OPTIONS);
    expect(error.hint).toContain("-i 'nosuchhost,'");
  });

  it('validates YAML inventory structure with positions', async () => {
    const root = writeTree({ 'inv.yml': 'all:\n  hosts:\n    a:\n  chidren:\n    web: {}\n' });
    const error = await expectClawError(() => loadInventory([`${root}/inv.yml`]));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toBe("unknown keyword 'chidren' in inventory group 'all'");
    expect(error.hint).toBe("did you mean 'children'?");
    expect(error.where).toEqual({ file: `${root}/inv.yml`, line: 4, col: 3 });
  });

  it('reports a bad INI line with its line number', async () => {
    const root = writeTree({ hosts: '[web]\nh1 port\n' });
    const error = await expectClawError(() => loadInventory([`${root}/hosts`]));
    expect(error.message).toContain('expected key=value');
    expect(error.where).toEqual({ file: `${root}/hosts`, line: 2, col: 1 });
  });
});

describe('selectHosts', () => {
  const cases: Array<[string, string[]]> = [
    ['all', ['lone', 'web1', 'web2', 'web3', 'db-a', 'db-b', 'db-c']],
    ['web', ['web1', 'web2', 'web3']],
    ['web:db', ['web1', 'web2', 'web3', 'db-a', 'db-b', 'db-c']],
    ['web,lone', ['web1', 'web2', 'web3', 'lone']],
    ['prod:!web2:&~w.*', ['web1', 'web3']],
    ['prod:&db', ['db-a', 'db-b', 'db-c']],
    ['!db', ['lone', 'web1', 'web2', 'web3']],
    ['web*', ['web1', 'web2', 'web3']],
    ['db-?', ['db-a', 'db-b', 'db-c']],
    ['~db-[ab]', ['db-a', 'db-b']],
    ['web[0]', ['web1']],
    ['web[-1]', ['web3']],
    ['web[1:]', ['web2', 'web3']],
    ['nomatch', []],
  ];

  it.each(cases)('%s', async (pattern, expected) => {
    const inv = await loadInventory([`${INV}/hosts.yml`]);
    expect(selectHosts(inv, pattern)).toEqual(expected);
  });

  it.each(cases)('matches ansible --list-hosts for %s', async (pattern) => {
    const expected = ansibleListHosts(pattern);
    if (expected === undefined) {
      console.warn('SKIPPED differential test: ansible not installed (apt-get install ansible-core)');
      return;
    }
    const inv = await loadInventory([`${INV}/hosts.yml`]);
    expect(selectHosts(inv, pattern)).toEqual(expected);
  });

  it('applies --limit', async () => {
    const inv = await loadInventory([`${INV}/hosts.yml`]);
    expect(selectHosts(inv, 'all', 'db:!db-b')).toEqual(['db-a', 'db-c']);
  });

  it('rejects an invalid pattern naming it', async () => {
    const inv = await loadInventory([`${INV}/hosts.yml`]);
    const error = await expectClawError(() => selectHosts(inv, 'web:~(unclosed'));
    expect(error).toBeInstanceOf(OptionsError);
    expect(error.message).toContain("invalid host pattern 'web:~(unclosed'");
    expect((await expectClawError(() => selectHosts(inv, ':'))).message).toContain('empty host pattern');
  });
});

function ansibleListHosts(pattern: string): string[] | undefined {
  try {
    const out = execFileSync('ansible', ['-i', `${INV}/hosts.yml`, '--list-hosts', pattern], { cwd: tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
