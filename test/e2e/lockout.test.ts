import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/connection/index.js';
import { armScript, disarmScript, fireScript } from '../../src/guard/revert-script.js';
import { DEFAULT_SSHD_CONFIG_PATHS, sshdTarget } from '../../src/guard/sshd-target.js';
import type { Connection } from '../../src/connection/types.js';
import { applyOptions, runEngine } from './playbook-helpers.js';
import { freePort, movePlaybook, silentListener, startGuardedSshd, writeGuardInventory, type GuardedSshd } from './lockout-helpers.js';

// Lockout-safe sshd changes against a REAL OpenSSH server: the guard arms a revert on the
// host, applies, validates with sshd -t, reloads (SIGHUP), proves a NEW login with the next
// connection settings, and only then disarms; otherwise it restores and reloads.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function setUp(): Promise<{ g: GuardedSshd; scratch: string }> {
  const g = await startGuardedSshd();
  cleanups.push(() => g.sshd.stop());
  const scratch = await mkdtemp('/tmp/claw-lockout-');
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  return { g, scratch };
}

async function play(scratch: string, g: GuardedSshd, listen: string[], sshPort: number): Promise<Awaited<ReturnType<typeof runEngine>>> {
  const inventory = await writeGuardInventory(join(scratch, 'inventory.yml'), g, { sshPort, bootstrapPort: g.sshd.port, revertSeconds: 20 });
  const playbook = join(scratch, 'playbook.yml');
  await writeFile(playbook, movePlaybook(g, listen));
  return runEngine(applyOptions(playbook, inventory));
}

/** Runs `true` over a fresh login on `port`; the error message when that fails. */
async function login(g: GuardedSshd, port: number): Promise<string | undefined> {
  let connection: Connection | undefined;
  try {
    connection = await openConnection(g.sshd.spec({ port, connectTimeoutMs: 3000 }), { retries: 0 });
    return (await connection.run('true')).rc === 0 ? undefined : 'true failed';
  } catch (error) {
    return String(error);
  } finally {
    await connection?.close();
  }
}

/** No armed revert left on the host: no backup directory, no timer process. */
async function noRevertLeft(): Promise<string[]> {
  const dirs = (await readdir('/var/tmp')).filter((name) => name.startsWith('claw-sshd-guard.'));
  const timers = (await execa('pgrep', ['-af', 'claw-sshd-guard'], { reject: false })).stdout.split('\n').filter((l) => l.includes('sleep'));
  return [...dirs, ...timers];
}

describe('lockout-safe sshd changes on a real sshd', () => {
  it('a port move that works is confirmed, disarmed, and the next task runs over the new port', { timeout: 60_000 }, async () => {
    const { g, scratch } = await setUp();
    const newPort = await freePort();
    await g.trustPort(newPort);
    const run = await play(scratch, g, [`ListenAddress 127.0.0.1:${newPort}`], newPort);
    const [move, where] = run.results;
    expect(move?.status, JSON.stringify(move?.result)).toBe('changed');
    expect(move?.result.lockout_guard).toMatch(/confirmed/);
    expect(where?.status, JSON.stringify(where?.result)).toBe('changed');
    // $SSH_CONNECTION = "client port server port": the command came in on the new port.
    expect(String(where?.result.stdout).split(' ')[3]).toBe(String(newPort));
    expect(run.code).toBe(0);
    expect(await login(g, newPort)).toBeUndefined();
    expect(await login(g, g.sshd.port)).toMatch(/ECONNREFUSED/);
    expect(await readFile(g.configFile, 'utf8')).toContain(`ListenAddress 127.0.0.1:${newPort}\n`);
    expect(await noRevertLeft()).toEqual([]);
  });

  it('a move to a port another process holds is rolled back over the old session, exit 2', { timeout: 90_000 }, async () => {
    const { g, scratch } = await setUp();
    const busy = await silentListener();
    cleanups.push(() => busy.close());
    await g.trustPort(busy.port);
    // sshd keeps the old address (the busy one fails to bind), the inventory moves to the busy port.
    const run = await play(scratch, g, [`ListenAddress 127.0.0.1:${g.sshd.port}`, `ListenAddress 127.0.0.1:${busy.port}`], busy.port);
    const [move] = run.results;
    expect(move?.status).toBe('failed');
    expect(String(move?.result.msg)).toMatch(new RegExp(`^new connection to ${g.sshd.user}@127\\.0\\.0\\.1:${busy.port} failed: .+; restored ${g.configFile} and reloaded sshd$`));
    expect(move?.result.rolled_back).toBe(true);
    expect(run.results.map((r) => r.task)).toEqual(['move sshd']);
    expect(run.code).toBe(2);
    expect(await readFile(g.configFile, 'utf8')).toBe(g.original);
    expect(await login(g, g.sshd.port)).toBeUndefined();
    expect(await noRevertLeft()).toEqual([]);
  });

  it('a move to an address the inventory cannot reach is rolled back; the next run starts from the old state', { timeout: 90_000 }, async () => {
    const { g, scratch } = await setUp();
    const newPort = await freePort();
    await g.trustPort(newPort);
    const run = await play(scratch, g, [`ListenAddress 127.0.0.2:${newPort}`], newPort);
    expect(run.results[0]?.status).toBe('failed');
    expect(String(run.results[0]?.result.msg)).toMatch(/ECONNREFUSED.*; restored .* and reloaded sshd$/);
    expect(run.code).toBe(2);
    expect(await readFile(g.configFile, 'utf8')).toBe(g.original);
    expect(await login(g, g.sshd.port)).toBeUndefined();
    expect(await login(g, newPort)).toMatch(/ECONNREFUSED/);
    // The next run plans the same change again from the restored file.
    const check = await runEngine(applyOptions(join(scratch, 'playbook.yml'), join(scratch, 'inventory.yml'), { check: true }));
    expect(check.results[0]?.status).toBe('changed');
    expect(await noRevertLeft()).toEqual([]);
  });

  it('a config sshd -t rejects is restored without a reload', { timeout: 60_000 }, async () => {
    const { g, scratch } = await setUp();
    const run = await play(scratch, g, [`ListenAddress 127.0.0.1:${g.sshd.port}`, 'NoSuchDirective yes'], g.sshd.port);
    expect(run.results[0]?.status).toBe('failed');
    expect(String(run.results[0]?.result.msg)).toMatch(/^sshd -t rejected the new configuration \(.*NoSuchDirective.*\); restored .*, sshd was not reloaded$/);
    expect(await readFile(g.configFile, 'utf8')).toBe(g.original);
    expect(await login(g, g.sshd.port)).toBeUndefined();
    expect(await noRevertLeft()).toEqual([]);
  });

  it('a change that keeps the port is confirmed by a fresh login; claw_lockout_guard=false opts out', { timeout: 60_000 }, async () => {
    const { g, scratch } = await setUp();
    const listen = `ListenAddress 127.0.0.1:${g.sshd.port}`;
    const guarded = await play(scratch, g, [listen, 'MaxAuthTries 5'], g.sshd.port);
    expect(guarded.results[0]?.status).toBe('changed');
    expect(guarded.results[0]?.result.lockout_guard).toMatch(/confirmed/);
    await writeFile(join(scratch, 'playbook.yml'), movePlaybook(g, [listen, 'MaxAuthTries 4']));
    const off = await runEngine(applyOptions(join(scratch, 'playbook.yml'), join(scratch, 'inventory.yml'), { extraVars: ['claw_lockout_guard=false'] }));
    expect(off.results.map((r) => r.status)).toEqual(['changed', 'changed']);
    expect(off.results[0]?.result.lockout_guard).toBeUndefined();
    expect(await readFile(g.configFile, 'utf8')).toContain('MaxAuthTries 4\n');
    expect(await noRevertLeft()).toEqual([]);
  });

  it('check mode arms nothing and changes nothing', { timeout: 60_000 }, async () => {
    const { g, scratch } = await setUp();
    const newPort = await freePort();
    const inventory = await writeGuardInventory(join(scratch, 'inventory.yml'), g, { sshPort: g.sshd.port, bootstrapPort: g.sshd.port, revertSeconds: 20 });
    const playbook = join(scratch, 'playbook.yml');
    await writeFile(playbook, movePlaybook(g, [`ListenAddress 127.0.0.1:${newPort}`]));
    const run = await runEngine(applyOptions(playbook, inventory, { check: true }));
    expect(run.results[0]?.status).toBe('changed');
    expect(run.results[0]?.result.lockout_guard).toBeUndefined();
    expect(await readFile(g.configFile, 'utf8')).toBe(g.original);
    expect(await noRevertLeft()).toEqual([]);
  });

  it('the host-side timer restores and reloads on its own after the controller went away', { timeout: 60_000 }, async () => {
    const { g } = await setUp();
    const newPort = await freePort();
    const become = { method: 'sudo' as const, user: 'root', password: g.sshd.becomePassword };
    const connection = await openConnection(g.sshd.spec(), { retries: 0 });
    const armed = await connection.run(armScript({ path: g.configFile, seconds: 2, reloadCommand: g.reloadCommand }), { become });
    expect(armed.rc, armed.stderr).toBe(0);
    // A change that locks the old port out, reloaded, and the controller gone.
    await writeFile(g.configFile, g.configWith([`ListenAddress 127.0.0.1:${newPort}`]));
    expect((await connection.run(g.reloadCommand, { become })).rc).toBe(0);
    await connection.close();
    await waitFor(async () => (await login(g, g.sshd.port)) === undefined, 15_000);
    expect(await readFile(g.configFile, 'utf8')).toBe(g.original);
    await waitFor(async () => (await noRevertLeft()).length === 0, 5_000);
    expect(await login(g, newPort)).toMatch(/ECONNREFUSED/);
  });
});

describe('what the guard watches', () => {
  it('file writers whose destination is an sshd config path, by any argument alias', () => {
    const paths = DEFAULT_SSHD_CONFIG_PATHS;
    expect(sshdTarget('ansible.builtin.template', { dest: '/etc/ssh/sshd_config.d/10-x.conf' }, paths)).toBe('/etc/ssh/sshd_config.d/10-x.conf');
    expect(sshdTarget('ansible.builtin.copy', { dest: '/etc/ssh/sshd_config' }, paths)).toBe('/etc/ssh/sshd_config');
    expect(sshdTarget('ansible.builtin.lineinfile', { destfile: '/etc/ssh/sshd_config' }, paths)).toBe('/etc/ssh/sshd_config');
    expect(sshdTarget('ansible.builtin.copy', { dest: '/etc/ssh/ssh_config' }, paths)).toBeUndefined();
    expect(sshdTarget('ansible.builtin.file', { path: '/etc/ssh/sshd_config' }, paths)).toBeUndefined();
    expect(sshdTarget('ansible.builtin.copy', { dest: '/srv/sshd_config' }, ['/srv/*'])).toBe('/srv/sshd_config');
  });

  it('the host-side scripts are valid POSIX sh (both timer branches)', async () => {
    for (const script of [armScript({ path: "/etc/ssh/it's.conf", seconds: 60, reloadCommand: 'systemctl reload ssh || kill -HUP $(cat /run/sshd.pid)' }), disarmScript('/var/tmp/x'), fireScript('/var/tmp/x', false)]) {
      const check = await execa('sh', ['-n'], { input: script, reject: false });
      expect(check.stderr).toBe('');
      expect(check.exitCode).toBe(0);
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
