import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import { createFactReader } from '../../../src/facts/reader.js';
import { findModule } from '../../../src/modules/registry.js';
import { loadCatalog } from '../../../src/modules/catalog.js';
import { runModule } from '../../../src/modules/run-module.js';
import type { ModuleContext, ModuleResult } from '../../../src/modules/types.js';
import { redact } from '../../../src/secret.js';
import { encryptVaultText, setVaultSecrets } from '../../../src/vault/index.js';

// The real modules on this machine through the local connection and the real fact reader:
// Ansible's idempotency pattern (check → apply → check → apply) must end with no changes,
// and check mode must never touch the disk.

loadCatalog();
const dir = mkdtempSync(join(tmpdir(), 'claw-modules-'));
const conn = new LocalConnection();
const facts = createFactReader(conn);
afterAll(() => conn.close());

function ctx(check: boolean, diff = false): ModuleContext {
  return {
    host: 'localhost',
    connection: conn,
    facts,
    controller: {
      find: async (_kind, src) => join(dir, 'controller', src),
      read: async (path) => Buffer.from(`file at ${path}\n`),
      renderTemplate: async (path) => `rendered ${path}\n`,
    },
    check,
    diff,
    become: undefined,
    forceRun: false,
  };
}

async function run(name: string, args: Record<string, unknown>, check = false, diff = false): Promise<ModuleResult> {
  const descriptor = findModule(name);
  if (!descriptor) throw new Error(`no module ${name}`);
  return runModule(descriptor, args, ctx(check, diff));
}

/** check → apply → check → apply: changed, changed, unchanged, unchanged; check touches nothing. */
async function idempotent(name: string, args: Record<string, unknown>, probe: () => unknown): Promise<ModuleResult> {
  const before = probe();
  const check = await run(name, args, true, true);
  expect(check.failed, String(check.msg)).toBeFalsy();
  expect(check.changed).toBe(true);
  expect(probe()).toEqual(before);
  const applied = await run(name, args);
  expect(applied.failed, String(applied.msg)).toBeFalsy();
  expect(applied.changed).toBe(true);
  expect((await run(name, args, true)).changed).toBe(false);
  expect((await run(name, args)).changed).toBe(false);
  return applied;
}

const snapshot = (path: string) => () => (existsSync(path) ? [lstatSync(path).mode, lstatSync(path).isSymbolicLink() ? readlinkSync(path) : lstatSync(path).isFile() ? readFileSync(path, 'utf8') : 'dir'] : null);

describe('modules on the local host', () => {
  it('file: directory with mode, then a symlink, then absent', async () => {
    const path = join(dir, 'a/b/c');
    await idempotent('file', { path, state: 'directory', mode: '0750' }, snapshot(path));
    expect(statSync(path).mode & 0o7777).toBe(0o750);
    expect(statSync(join(dir, 'a')).mode & 0o7777).toBe(0o750);
    const link = join(dir, 'link');
    await idempotent('ansible.builtin.file', { path: link, src: path, state: 'link' }, snapshot(link));
    expect(readlinkSync(link)).toBe(path);
    await idempotent('file', { path: join(dir, 'a'), state: 'absent' }, snapshot(join(dir, 'a')));
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('copy: content, mode, backup; a mode change alone is applied', async () => {
    const dest = join(dir, 'motd');
    const result = await idempotent('copy', { content: 'hello\n', dest, mode: '0600' }, snapshot(dest));
    expect(result).toMatchObject({ checksum: 'f572d396fae9206628714fb2ce00f72e94f2258f', mode: '0600' });
    expect(readFileSync(dest, 'utf8')).toBe('hello\n');
    expect(statSync(dest).mode & 0o7777).toBe(0o600);
    const modeOnly = await run('copy', { content: 'hello\n', dest, mode: 'u=rw,g=r' });
    expect(modeOnly.changed).toBe(true);
    expect(statSync(dest).mode & 0o7777).toBe(0o640);
    const backup = await run('copy', { content: 'bye\n', dest, backup: true });
    expect(readFileSync(String(backup['backup_file']), 'utf8')).toBe('hello\n');
    expect(String(backup['backup_file'])).toMatch(/motd\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~$/);
  });

  it('copy: validate failure leaves dest untouched', async () => {
    const dest = join(dir, 'validated');
    writeFileSync(dest, 'old\n');
    const failed = await run('copy', { content: 'new\n', dest, validate: 'grep -q good %s' });
    expect(failed).toMatchObject({ failed: true, msg: 'failed to validate' });
    expect(readFileSync(dest, 'utf8')).toBe('old\n');
    expect(existsSync(join(dir, '.validated.claw-validate'))).toBe(false);
    await idempotent('copy', { content: 'good\n', dest, validate: 'grep -q good %s' }, snapshot(dest));
  });

  it('template: renders through the controller and shows a diff', async () => {
    const dest = join(dir, 'conf');
    const check = await run('template', { src: 'conf.j2', dest }, true, true);
    expect(check.diff?.[0]).toMatchObject({ before: '', after: `rendered ${join(dir, 'controller/conf.j2')}\n` });
    await idempotent('template', { src: 'conf.j2', dest }, snapshot(dest));
  });

  it('lineinfile: replace, add, remove', async () => {
    const path = join(dir, 'sshd_config');
    writeFileSync(path, 'Port 22\n#PasswordAuthentication yes\n');
    const replaced = await idempotent('lineinfile', { path, regexp: '^#?PasswordAuthentication', line: 'PasswordAuthentication no' }, snapshot(path));
    expect(replaced.msg).toBe('line replaced');
    await idempotent('lineinfile', { path, line: 'X11Forwarding no', insertbefore: '^Port' }, snapshot(path));
    expect(readFileSync(path, 'utf8')).toBe('X11Forwarding no\nPort 22\nPasswordAuthentication no\n');
    const removed = await idempotent('lineinfile', { path, regexp: '^Port', state: 'absent' }, snapshot(path));
    expect(removed.msg).toBe('1 line(s) removed');
  });

  it('command with creates, shell with a pipe', async () => {
    const marker = join(dir, 'made');
    const result = await idempotent('command', { _raw_params: `touch ${marker}`, creates: marker }, snapshot(marker));
    expect(result).toMatchObject({ rc: 0, cmd: ['touch', marker] });
    expect(result['delta']).toMatch(/^0:00:\d\d\.\d{6}$/);
    const shell = await run('shell', { _raw_params: 'printf "a\\nb\\n" | wc -l' });
    expect(shell).toMatchObject({ changed: true, rc: 0, stdout: '2' });
  });

  it('stat and slurp read without changing anything', async () => {
    writeFileSync(join(dir, 'data'), 'abc');
    const stat = await run('stat', { path: join(dir, 'data') });
    expect(stat).toMatchObject({ changed: false, stat: { exists: true, size: 3, checksum: 'a9993e364706816aba3e25717850c26c9cd0d89d' } });
    const slurp = await run('slurp', { src: join(dir, 'data') });
    expect(slurp).toMatchObject({ changed: false, content: 'YWJj', encoding: 'base64' });
  });

  it('wait_for: an open port, a file, a timeout', async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(await run('wait_for', { port, timeout: 5 })).toMatchObject({ changed: false, elapsed: 0 });
    server.close();
    writeFileSync(join(dir, 'ready'), 'service is ready\n');
    expect(await run('wait_for', { path: join(dir, 'ready'), search_regex: 'is re+ady' })).toMatchObject({ changed: false });
    const timeout = await run('wait_for', { path: join(dir, 'never'), timeout: 1 });
    expect(timeout).toMatchObject({ failed: true, msg: `Timeout when waiting for file ${join(dir, 'never')}` });
  });

  it('cron: a job in a cron_file, then removed with the file', async () => {
    const file = join(dir, 'cron-claw');
    const args = { name: 'renew', cron_file: file, user: 'root', job: 'certbot renew -q', minute: '17', hour: '*/12' };
    await idempotent('cron', args, snapshot(file));
    expect(readFileSync(file, 'utf8')).toBe('#Ansible: renew\n17 */12 * * * root certbot renew -q\n');
    await idempotent('cron', { name: 'renew', cron_file: file, state: 'absent' }, snapshot(file));
    expect(existsSync(file)).toBe(false);
  });

  it('sysctl: writes the file without reloading (the kernel value already matches)', async () => {
    const file = join(dir, 'sysctl.conf');
    writeFileSync(file, '# test\nkernel.ostype = Linux\nvm.x = 1\n');
    await idempotent('ansible.posix.sysctl', { name: 'vm.x', value: '2', sysctl_file: file, reload: false }, snapshot(file));
    expect(readFileSync(file, 'utf8')).toBe('# test\nkernel.ostype=Linux\nvm.x=2\n');
    expect((await run('sysctl', { name: 'kernel.ostype', value: 'Linux', sysctl_file: file })).changed).toBe(false);
  });

  it('copy: a vault-encrypted src is written decrypted; a wrong password fails the task', async () => {
    const encrypted = encryptVaultText('token=s3cr3t-value\n', 'pw');
    const controller = { find: async () => join(dir, 'vaulted'), read: async () => Buffer.from(encrypted), renderTemplate: async () => '' };
    const dest = join(dir, 'token.env');
    setVaultSecrets([{ label: 'default', password: Buffer.from('pw'), source: 'test' }]);
    const result = await runModule(findModule('copy')!, { src: 'vaulted', dest, mode: '0600' }, { ...ctx(false), controller });
    expect(result).toMatchObject({ changed: true });
    expect(readFileSync(dest, 'utf8')).toBe('token=s3cr3t-value\n');
    expect(redact('token=s3cr3t-value\n')).not.toContain('s3cr3t');
    setVaultSecrets([{ label: 'default', password: Buffer.from('wrong'), source: 'test' }]);
    const wrong = await runModule(findModule('copy')!, { src: 'vaulted', dest }, { ...ctx(false), controller });
    expect(wrong).toMatchObject({ failed: true });
    setVaultSecrets([]);
  });

  it('copy: follow writes through a symlink; without it the link is replaced', async () => {
    const target = join(dir, 'real.conf');
    writeFileSync(target, 'old\n');
    symlinkSync(target, join(dir, 'link.conf'));
    await run('copy', { content: 'new\n', dest: join(dir, 'link.conf'), follow: true });
    expect(lstatSync(join(dir, 'link.conf')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    await run('copy', { content: 'newer\n', dest: join(dir, 'link.conf') });
    expect(lstatSync(join(dir, 'link.conf')).isFile()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });
});
