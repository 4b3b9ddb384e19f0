import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

// The site playbook: it loads under claw-provision and under the reference ansible-playbook, and
// the README's first command (a --check --diff dry run against this machine) succeeds and
// creates none of the paths the roles manage.
const root = join(import.meta.dirname, '../..');
const ansible = spawnSync('sh', ['-c', 'command -v ansible-playbook'], { encoding: 'utf8' }).stdout.trim();
const scratch = mkdtempSync(join(tmpdir(), 'claw-site-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => (chunks.push(String(chunk)), true);
  const [out, err] = [process.stdout.write, process.stderr.write];
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/**
 * Debian's ansible ships community.docker 3.4.7, older than docker_compose_v2 (3.6.0): a copy of
 * the installed collection plus a stand-in module file lets ansible-playbook resolve the name.
 */
function collectionsPath(): string {
  const system = '/usr/lib/python3/dist-packages/ansible_collections';
  const docker = join(system, 'community/docker/plugins/modules');
  if (!existsSync(docker) || existsSync(join(docker, 'docker_compose_v2.py'))) return system;
  const copy = join(scratch, 'collections/ansible_collections');
  mkdirSync(copy, { recursive: true });
  cpSync(join(system, 'community/docker'), join(copy, 'community/docker'), { recursive: true });
  writeFileSync(join(copy, 'community/docker/plugins/modules/docker_compose_v2.py'), '# stand-in for the syntax check only\nDOCUMENTATION = "module: docker_compose_v2"\n');
  return `${join(scratch, 'collections')}:/usr/lib/python3/dist-packages`;
}

describe('site playbook', () => {
  it('passes claw-provision --syntax-check', async () => {
    const { code, out } = await cli(['apply', 'playbook.yml', '-i', 'inventory/hosts.yml', '--syntax-check']);
    expect(out).toContain('playbook: playbook.yml');
    expect(code).toBe(0);
  });

  it.skipIf(!ansible)('passes ansible-playbook --syntax-check unchanged (compatibility)', () => {
    const output = execFileSync(ansible, ['playbook.yml', '-i', 'inventory/hosts.yml', '--syntax-check'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_COLLECTIONS_PATH: collectionsPath(), ANSIBLE_NOCOLOR: '1' },
    });
    expect(output).toContain('playbook: playbook.yml');
  });

  it("runs the README's dry run against this machine without changing the managed paths", async () => {
    const managed = ['/opt/openclaw', '/etc/ssh/sshd_config.d/10-openclaw-hardening.conf', '/etc/docker/daemon.json', '/etc/fail2ban/jail.local', '/etc/profile.d/openclaw-aliases.sh', '/opt/claw-tools'];
    const before = managed.map((path) => existsSync(path));
    const { code, out } = await cli(['apply', 'playbook.yml', '-i', 'inventory/local.yml', '--vault-password-file', 'examples/demo-vault-pass.txt', '--check', '--diff']);
    expect(out).toMatch(/localhost\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0/);
    expect(code).toBe(0);
    expect(managed.map((path) => existsSync(path))).toEqual(before);
  }, 300_000);
});
