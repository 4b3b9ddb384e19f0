import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

// ansible-playbook 2.14: a --limit that leaves no host to target stops before any play with
// "Specified inventory, host pattern and/or --limit leaves us with no hosts to target." (exit 1);
// a play whose own `hosts:` matches nothing is skipped ("skipping: no hosts matched", exit 0).

afterEach(() => {
  vi.restoreAllMocks();
});

async function apply(play: string, ...flags: string[]): Promise<{ code: number; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'claw-limit-'));
  await writeFile(join(dir, 'site.yml'), `- hosts: ${play}\n  connection: local\n  gather_facts: false\n  tasks:\n    - debug: { msg: x }\n`);
  await writeFile(join(dir, 'hosts.ini'), '[web]\nweb1 ansible_connection=local\nweb2 ansible_connection=local\n');
  let out = '';
  const capture = (chunk: unknown): boolean => ((out += String(chunk)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const code = await main(['apply', join(dir, 'site.yml'), '-i', join(dir, 'hosts.ini'), ...flags]);
  vi.restoreAllMocks();
  return { code, out };
}

describe('--limit matching no host', () => {
  it('exits 1 before any play, with the inventory hosts in the hint', async () => {
    const { code, out } = await apply('all', '--limit', 'nosuch');
    expect(code).toBe(1);
    expect(out).toContain("ERROR: --limit 'nosuch': Specified inventory, host pattern and/or --limit leaves us with no hosts to target.");
    expect(out).toContain('hint: the inventory has 2 hosts (web1, web2)');
    expect(out).not.toContain('PLAY [');
  });

  it('--list-hosts stops the same way', async () => {
    expect((await apply('all', '--limit', 'web9', '--list-hosts')).code).toBe(1);
  });

  it('a limit that matches hosts outside the play skips the play (exit 0)', async () => {
    const { code, out } = await apply('nosuchgroup', '--limit', 'web1');
    expect(code).toBe(0);
    expect(out).toContain('skipping: no hosts matched');
  });

  it('a play whose hosts match nothing, without --limit, is skipped (exit 0)', async () => {
    const { code, out } = await apply('nosuchgroup');
    expect(code).toBe(0);
    expect(out).toContain('skipping: no hosts matched');
  });
});
