import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { EXIT, ParseError } from '../../../src/errors.js';
import { assertLimitMatches, expandHostRange, loadInventory } from '../../../src/inventory/index.js';
import { expectClawError, writeTree } from '../playbook/helpers.js';

// Host ranges as Ansible expands them, and the malformed ones Ansible takes as names (or as
// no host) refused with the file:line; --limit that leaves no host to target.

const VALID: Array<[string, string[]]> = [
  ['web[1:3]', ['web1', 'web2', 'web3']],
  ['web[01:03].example.com', ['web01.example.com', 'web02.example.com', 'web03.example.com']],
  ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
  ['web[a:b]', ['weba', 'webb']],
  ['web[y:B]', ['weby', 'webz', 'webA', 'webB']],
  ['web[1:9:4]', ['web1', 'web5', 'web9']],
  ['web[:2]', ['web0', 'web1', 'web2']],
  ['w[1:2]x[a:b]', ['w1xa', 'w1xb', 'w2xa', 'w2xb']],
  ['plain', ['plain']],
];

const MALFORMED: Array<[string, string]> = [
  ['web[1:', "'[' is not closed by ']'"],
  ['web[1:3]x[4:', "'[' is not closed by ']'"],
  ['web1]', "']' without '['"],
  ['web[3:1]', 'begin 3 is greater than end 1'],
  ['web[c:a]', "begin 'c' comes after end 'a'"],
  ['web[1:2:0]', "the step '0' is not a whole number of at least 1"],
  ['web[1:3:]', "the step '' is not a whole number of at least 1"],
  ['web[1]', "'[1]' is not begin:end or begin:end:step"],
  ['web[1:]', 'the range has no end'],
  ['web[01:3]', "zero-padded '01' and '3' differ in length"],
  ['web[a:3]', "'a' and '3' are not both numbers or both single letters"],
];

describe('expandHostRange', () => {
  it.each(VALID)('%s expands as in Ansible', (pattern, hosts) => {
    expect(expandHostRange(pattern)).toEqual(hosts);
    const ansible = ansibleHosts(`[g]\n${pattern}\n`);
    if (ansible === undefined) return void console.warn('SKIPPED differential test: ansible not installed');
    expect([...ansible].sort()).toEqual([...hosts].sort());
  });

  it.each(MALFORMED)('%s is a parse error: %s', async (pattern, why) => {
    const where = { file: 'hosts.ini', line: 3, col: 1 };
    const error = await expectClawError(() => expandHostRange(pattern, where));
    expect(error).toBeInstanceOf(ParseError);
    expect(error.exitCode).toBe(EXIT.PARSE);
    expect(error.message).toBe(`invalid host range in '${pattern}': ${why}`);
    expect(error.where).toEqual(where);
    expect(error.hint).toContain('[begin:end]');
  });

  it('keeps a bracketed IPv6 address as the address', () => {
    expect(expandHostRange('[::1]')).toEqual(['::1']);
  });
});

describe('inventories with host ranges', () => {
  it('an INI range takes a port after it', async () => {
    const root = writeTree({ hosts: '[web]\nweb[1:2]:2222 x=1\n' });
    const inv = await loadInventory([`${root}/hosts`]);
    expect([...inv.hosts.keys()]).toEqual(['web1', 'web2']);
    expect(inv.hosts.get('web2')!.varSources[0]!.values).toEqual({ x: 1, ansible_port: 2222 });
  });

  it('an unclosed INI range names the file and line', async () => {
    const root = writeTree({ hosts: '[web]\nok\nweb[1: x=1\n' });
    const error = await expectClawError(() => loadInventory([`${root}/hosts`]));
    expect(error.format()).toMatch(new RegExp(`^${root}/hosts:3:1: invalid host range in 'web\\[1:'`));
  });

  it('a malformed YAML host key names the key', async () => {
    const root = writeTree({ 'inv.yml': 'all:\n  hosts:\n    ok:\n    "web[3:1]":\n      x: 1\n' });
    const error = await expectClawError(() => loadInventory([`${root}/inv.yml`]));
    expect(error.code).toBe('bad-host-range');
    expect(error.where).toEqual({ file: `${root}/inv.yml`, line: 4, col: 5 });
  });
});

describe('assertLimitMatches (ansible-playbook: "no hosts to target")', () => {
  it('refuses a --limit that matches no inventory host, exit 1, naming the hosts there are', async () => {
    const root = writeTree({ hosts: '[web]\nweb1\nweb2\n' });
    const inv = await loadInventory([`${root}/hosts`]);
    const error = await expectClawError(() => assertLimitMatches(inv, 'nosuch'));
    expect(error.exitCode).toBe(EXIT.ERROR);
    expect(error.format()).toBe("--limit 'nosuch': Specified inventory, host pattern and/or --limit leaves us with no hosts to target.\n  hint: the inventory has 2 hosts (web1, web2): see them with claw-provision inventory list");
    expect(() => assertLimitMatches(inv, 'web1:nosuch')).not.toThrow();
    expect(() => assertLimitMatches(inv, undefined)).not.toThrow();
  });

  it('counts the implicit localhost, and refuses a misspelt --limit without -i too', async () => {
    const empty = await loadInventory([]);
    expect(() => assertLimitMatches(empty, 'localhost')).not.toThrow();
    const error = await expectClawError(() => assertLimitMatches(empty, 'web[a:b]'));
    expect(error.hint).toBe('no inventory was given (-i): only localhost can be targeted');
  });

  it('reads @file limits', async () => {
    const root = writeTree({ hosts: '[web]\nweb1\n', retry: 'gone\n' });
    const inv = await loadInventory([`${root}/hosts`]);
    expect(() => assertLimitMatches(inv, `@${root}/retry`)).toThrow(/no hosts to target/);
  });
});

/** The hosts ansible-inventory reads from an INI text, or undefined without ansible. */
function ansibleHosts(ini: string): string[] | undefined {
  const root = writeTree({ 'r.ini': ini });
  try {
    const out = execFileSync('ansible', ['-i', `${root}/r.ini`, '--list-hosts', 'all'], { cwd: tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
