import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

// `claw-provision render`: role templates rendered with a host's variables, in-process.

const dir = mkdtempSync(join(tmpdir(), 'claw-render-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, content: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

write('inventory.ini', '[web]\nweb1 ansible_host=10.0.0.1 http_port=8080\n[db]\ndb1 http_port=9090\n');
write('group_vars/all.yml', 'site: example.org\nhttp_port: 80\n');
write('roles/site/defaults/main.yml', 'greeting: hello\nhttp_port: 1\n');
write('roles/site/templates/site.conf.j2', '# {{ ansible_managed }}\n{{ greeting }} {{ site }} on {{ inventory_hostname }}:{{ http_port }} {{ group_names }}\n');
write('roles/site/templates/sub/extra.txt.j2', '{{ role_name }}\n');
write('roles/bad/templates/bad.j2', '{{ nope }}\n');
write('single.j2', '{{ x }} {{ site }}\n');
write('hostvars.j2', "{{ hostvars['db1'].http_port }} {{ hostvars['db1'].site }} {{ groups['db'] }}\n");

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('claw-provision render', () => {
  it("writes a role's templates with the host's variables", async () => {
    const out = join(dir, 'out');
    const result = await run(['render', 'site', '--host', 'web1', '-i', join(dir, 'inventory.ini'), '--playbook-dir', dir, '--out', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(join(out, 'site.conf'), 'utf8')).toBe("# Ansible managed\nhello example.org on web1:8080 ['web']\n");
    expect(readFileSync(join(out, 'sub/extra.txt'), 'utf8')).toBe('site\n');
    expect(statSync(join(out, 'site.conf')).mode & 0o777).toBe(0o600);
  });

  it('prints a single template file and honours -e', async () => {
    const result = await run(['render', join(dir, 'single.j2'), '--host', 'web1', '-i', join(dir, 'inventory.ini'), '--playbook-dir', dir, '-e', 'x=one']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe('one example.org\n');
  });

  it("sees other hosts' variables through hostvars and groups", async () => {
    const result = await run(['render', join(dir, 'hostvars.j2'), '--host', 'web1', '-i', join(dir, 'inventory.ini'), '--playbook-dir', dir]);
    expect(result.err).toBe('');
    expect(result.out).toBe("9090 example.org ['db1']\n");
  });

  it('fails with exit 4 and the template position on an undefined variable', async () => {
    const result = await run(['render', 'bad', '--host', 'web1', '-i', join(dir, 'inventory.ini'), '--playbook-dir', dir, '--out', join(dir, 'out2')]);
    expect(result.code).toBe(4);
    expect(result.err).toContain("bad.j2:1:");
    expect(result.err).toContain("'nope' is undefined");
  });

  it('rejects an unknown host with exit 5', async () => {
    const result = await run(['render', 'site', '--host', 'nohost', '-i', join(dir, 'inventory.ini'), '--playbook-dir', dir, '--out', join(dir, 'out3')]);
    expect(result.code).toBe(5);
    expect(result.err).toContain("no host named 'nohost'");
  });
});
