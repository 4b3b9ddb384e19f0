import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { createFactReader } from '../../src/facts/reader.js';
import { loadCatalog } from '../../src/modules/catalog.js';
import { findModule } from '../../src/modules/registry.js';
import { runModule } from '../../src/modules/run-module.js';
import type { ModuleContext, ModuleResult } from '../../src/modules/types.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// cron and sysctl against the real OpenSSH server on 127.0.0.1 (NOPASSWD user, sudo):
// apply → changed, apply again → unchanged, check mode → nothing touched.

const CRON_FILE = 'claw-e2e-cron';
const CRON_USER = 'nobody';
let sshd: TestSshd;
let conn: SshConnection;
let dir: string;

beforeAll(async () => {
  loadCatalog();
  sshd = await startSshd({ nopasswd: true });
  conn = await openSsh(sshd.spec(), { agent: false });
  dir = mkdtempSync(join(tmpdir(), 'claw-e2e-sysctl-'));
});

afterAll(async () => {
  rmSync(`/etc/cron.d/${CRON_FILE}`, { force: true });
  execFileSync('sh', ['-c', `crontab -r -u ${CRON_USER} 2>/dev/null; :`]);
  rmSync(dir, { recursive: true, force: true });
  await conn?.close();
  await sshd?.stop();
});

function run(module: string, args: Record<string, unknown>, check = false): Promise<ModuleResult> {
  const become = { method: 'sudo' as const, user: 'root' };
  const ctx: ModuleContext = {
    host: 'e2e', connection: conn, facts: createFactReader(conn, become),
    controller: { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' },
    check, diff: true, become, forceRun: false,
  };
  return runModule(findModule(module)!, args, ctx);
}

const userCrontab = (): string => execFileSync('sh', ['-c', `crontab -l -u ${CRON_USER} 2>/dev/null || :`], { encoding: 'utf8' });

describe('ansible.builtin.cron over SSH', () => {
  it('manages a job in /etc/cron.d', async () => {
    const args = { name: 'claw backup', cron_file: CRON_FILE, user: 'root', minute: '15', hour: '3', job: '/usr/local/bin/backup.sh' };
    expect(await run('cron', args, true)).toMatchObject({ changed: true });
    expect(existsSync(`/etc/cron.d/${CRON_FILE}`)).toBe(false);
    expect(await run('ansible.builtin.cron', args)).toMatchObject({ changed: true });
    expect(readFileSync(`/etc/cron.d/${CRON_FILE}`, 'utf8')).toBe('#Ansible: claw backup\n15 3 * * * root /usr/local/bin/backup.sh\n');
    expect(await run('cron', args)).toMatchObject({ changed: false });
    expect(await run('cron', { ...args, state: 'absent' })).toMatchObject({ changed: true });
    expect(existsSync(`/etc/cron.d/${CRON_FILE}`)).toBe(false); // an emptied cron_file is removed, as Ansible does
  });

  it("manages a job in another user's crontab", async () => {
    execFileSync('sh', ['-c', `crontab -r -u ${CRON_USER} 2>/dev/null; :`]);
    const args = { name: 'claw watchdog', user: CRON_USER, minute: '*/5', job: '/usr/local/bin/watchdog.sh' };
    expect(await run('cron', args, true)).toMatchObject({ changed: true });
    expect(userCrontab()).toBe('');
    expect(await run('cron', args)).toMatchObject({ changed: true });
    expect(userCrontab()).toContain('#Ansible: claw watchdog\n*/5 * * * * /usr/local/bin/watchdog.sh\n');
    expect(await run('cron', args)).toMatchObject({ changed: false });
  });
});

describe('ansible.posix.sysctl over SSH (file only: the container kernel may refuse writes)', () => {
  it('writes the setting to its sysctl file idempotently', async () => {
    const file = join(dir, '99-claw.conf');
    const args = { name: 'vm.swappiness', value: '10', sysctl_file: file, sysctl_set: false, reload: false };
    expect(await run('sysctl', args, true)).toMatchObject({ changed: true });
    expect(existsSync(file)).toBe(false);
    expect(await run('ansible.posix.sysctl', args)).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe('vm.swappiness=10\n');
    expect(await run('sysctl', args)).toMatchObject({ changed: false });
    expect(await run('sysctl', { ...args, value: '5' })).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe('vm.swappiness=5\n');
    expect(await run('sysctl', { ...args, state: 'absent' })).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
