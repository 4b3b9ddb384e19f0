import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hasTool } from '../../../src/validate/external-tool.js';
import { validateTree } from '../../../src/validate/validate-tree.js';

let dir: string;
function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'claw-vtree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function status(results: Awaited<ReturnType<typeof validateTree>>, file: string, validator: string): string | undefined {
  return results.find((r) => r.file === file && r.validator === validator)?.status;
}

describe('validateTree', () => {
  it('parses JSON/YAML and checks compose projects merged', async () => {
    const results = await validateTree(
      tree({
        'a.json': '{"ok": true}',
        'b.json': '{"broken": ',
        'c.yml': 'key: [unclosed',
        'stack/docker-compose.yml': 'name: x\nservices:\n  app:\n    image: app:1\n',
        'stack/docker-compose.caddy.yml': 'services:\n  app:\n    bogus_key: 1\n',
      }),
    );
    expect(status(results, 'a.json', 'JSON parse')).toBe('ok');
    expect(status(results, 'b.json', 'JSON parse')).toBe('failed');
    expect(status(results, 'c.yml', 'YAML parse')).toBe('failed');
    expect(status(results, 'stack/docker-compose.yml', 'compose schema')).toBe('ok');
    const merged = results.find((r) => r.file === 'stack/docker-compose.yml + stack/docker-compose.caddy.yml');
    expect(merged?.status).toBe('failed');
    expect(merged?.detail).toContain('bogus_key');
  });

  it('runs bash -n and shellcheck on scripts, or says what to install', async () => {
    const results = await validateTree(tree({ 'good.sh': '#!/bin/bash\nset -euo pipefail\necho "ok"\n', 'bad.sh': '#!/bin/bash\nif then fi\n' }));
    expect(status(results, 'good.sh', 'bash -n')).toBe('ok');
    expect(status(results, 'bad.sh', 'bash -n')).toBe('failed');
    const shellcheck = results.find((r) => r.file === 'good.sh' && r.validator === 'shellcheck');
    if (await hasTool('shellcheck')) expect(shellcheck?.status).toBe('ok');
    else expect(shellcheck).toMatchObject({ status: 'skipped', detail: 'skipped: install shellcheck' });
  });

  it('validates sshd and sudoers files with the real tools', async () => {
    const results = await validateTree(
      tree({
        'etc/ssh/sshd_config.d/10-hardening.conf': 'Port 2222\nPermitRootLogin no\nPasswordAuthentication no\n',
        'etc/ssh/sshd_config.d/20-broken.conf': 'PermitRootLogin maybe\n',
        'etc/sudoers.d/deploy': 'deploy ALL=(ALL) NOPASSWD:ALL\n',
        'etc/sudoers.d/broken': 'deploy ALL=(ALL NOPASSWD ALL\n',
      }),
    );
    const expectOr = async (tool: string, file: string, validator: string, expected: string): Promise<void> => {
      const found = results.find((r) => r.file === file && r.validator === validator);
      expect(found?.status).toBe((await hasTool(tool)) ? expected : 'skipped');
    };
    await expectOr('/usr/sbin/sshd', 'etc/ssh/sshd_config.d/10-hardening.conf', 'sshd -t', 'ok');
    await expectOr('/usr/sbin/sshd', 'etc/ssh/sshd_config.d/20-broken.conf', 'sshd -t', 'failed');
    await expectOr('visudo', 'etc/sudoers.d/deploy', 'visudo -c', 'ok');
    await expectOr('visudo', 'etc/sudoers.d/broken', 'visudo -c', 'failed');
  });
});
