import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { createFactReader } from '../../src/facts/reader.js';
import { loadCatalog } from '../../src/modules/catalog.js';
import { findModule } from '../../src/modules/registry.js';
import { runModule } from '../../src/modules/run-module.js';
import type { ModuleContext, ModuleResult } from '../../src/modules/types.js';
import { startHttpServer, type TestHttpServer } from './http-server.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// The hosts group of system modules (user, authorized_key, get_url, apt, apt_repository,
// systemd) against a real OpenSSH server on 127.0.0.1, as the NOPASSWD user with sudo:
// apply → changed, apply again → unchanged, check mode → nothing touched.

const USER = 'clawe2eu';
const PAYLOAD = 'claw payload\n'.repeat(100);
const SHA256 = createHash('sha256').update(PAYLOAD).digest('hex');

let sshd: TestSshd;
let conn: SshConnection;
let http: TestHttpServer;

beforeAll(async () => {
  loadCatalog();
  sshd = await startSshd({ nopasswd: true });
  conn = await openSsh(sshd.spec(), { agent: false });
  http = await startHttpServer({
    '/payload.txt': { body: PAYLOAD },
    '/private.txt': (req) =>
      req.headers.authorization === `Basic ${Buffer.from('bot:s3 cr"et').toString('base64')}` && req.headers['x-claw'] === 'yes'
        ? { body: 'secret\n' }
        : { status: 401, body: 'no\n' },
  });
});

afterAll(async () => {
  execFileSync('sh', ['-c', `userdel -r ${USER} 2>/dev/null; rm -rf /tmp/claw-e2e-get; :`]);
  await conn?.close();
  await http?.stop();
  await sshd?.stop();
});

function run(module: string, args: Record<string, unknown>, options: { check?: boolean; diff?: boolean } = {}): Promise<ModuleResult> {
  const become = { method: 'sudo' as const, user: 'root' };
  const ctx: ModuleContext = {
    host: 'e2e',
    connection: conn,
    facts: createFactReader(conn, become),
    controller: { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' },
    check: options.check ?? false,
    diff: options.diff ?? false,
    become,
    forceRun: false,
  };
  const descriptor = findModule(module);
  if (!descriptor) throw new Error(`no module ${module}`);
  return runModule(descriptor, args, ctx);
}

const passwd = (): string => execFileSync('sh', ['-c', `getent passwd ${USER} || :`], { encoding: 'utf8' });

describe('ansible.builtin.user and ansible.posix.authorized_key', () => {
  const hash = '$6$e2esalt$QmE1n1U9CqW0ZyJf0u1wqZ4s8B3Vw5YtD1bqv7t9eF2mL0p8sN3cR6aH4gK2jX5yT7uI9oP1lA3sD5fG7hJ9k.';
  const args = { name: USER, shell: '/bin/sh', groups: ['adm'], password: hash, comment: 'Claw e2e' };

  it('creates, keeps and removes a throwaway user', async () => {
    execFileSync('sh', ['-c', `userdel -r ${USER} 2>/dev/null; :`]);
    expect(await run('user', args, { check: true })).toMatchObject({ changed: true });
    expect(passwd()).toBe('');
    const created = await run('ansible.builtin.user', args);
    expect(created).toMatchObject({ changed: true, name: USER, password: 'NOT_LOGGING_PASSWORD' });
    expect(passwd()).toMatch(new RegExp(`^${USER}:x:\\d+:\\d+:Claw e2e:/home/${USER}:/bin/sh\n$`));
    expect(execFileSync('id', ['-Gn', USER], { encoding: 'utf8' })).toMatch(/\badm\b/);
    expect(readFileSync('/etc/shadow', 'utf8')).toContain(`${USER}:${hash}:`);
    expect(await run('user', args)).toMatchObject({ changed: false });
    expect(await run('user', { name: USER, shell: '/bin/bash' }, { check: true })).toMatchObject({ changed: true });
    expect(passwd()).toContain(':/bin/sh');
  });

  it('manages authorized_keys for that user', async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIClawE2eTestKeyOnly e2e@claw';
    const file = `/home/${USER}/.ssh/authorized_keys`;
    expect(await run('authorized_key', { user: USER, key }, { check: true })).toMatchObject({ changed: true });
    expect(existsSync(file)).toBe(false);
    const added = await run('ansible.posix.authorized_key', { user: USER, key }, { diff: true });
    expect(added).toMatchObject({ changed: true, keyfile: file, diff: [{ before: '', after: `${key}\n` }] });
    expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(`/home/${USER}/.ssh`).mode & 0o777).toString(8)).toBe('700');
    const owner = execFileSync('stat', ['-c', '%U', file, `/home/${USER}/.ssh`], { encoding: 'utf8' });
    expect(owner).toBe(`${USER}\n${USER}\n`);
    expect(await run('authorized_key', { user: USER, key })).toMatchObject({ changed: false });
    expect(await run('authorized_key', { user: USER, key, state: 'absent' })).toMatchObject({ changed: true });
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(await run('authorized_key', { user: USER, key, state: 'absent' })).toMatchObject({ changed: false });
  });

  it('removes the user', async () => {
    expect(await run('user', { name: USER, state: 'absent', remove: true }, { check: true })).toMatchObject({ changed: true });
    expect(passwd()).not.toBe('');
    expect(await run('user', { name: USER, state: 'absent', remove: true })).toMatchObject({ changed: true });
    expect(passwd()).toBe('');
    expect(existsSync(`/home/${USER}`)).toBe(false);
    expect(await run('user', { name: USER, state: 'absent' })).toMatchObject({ changed: false });
  });
});

describe('ansible.builtin.get_url', () => {
  const dir = '/tmp/claw-e2e-get';
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
  });

  it('downloads without checksum once, then leaves the file alone', async () => {
    const args = { url: `${http.url}/payload.txt`, dest: dir, mode: '0640' };
    expect(await run('get_url', args, { check: true })).toMatchObject({ changed: true });
    expect(existsSync(`${dir}/payload.txt`)).toBe(false);
    expect(http.requests).toHaveLength(0);
    expect(await run('ansible.builtin.get_url', args)).toMatchObject({ changed: true, dest: `${dir}/payload.txt`, status_code: 200, size: PAYLOAD.length });
    expect(readFileSync(`${dir}/payload.txt`, 'utf8')).toBe(PAYLOAD);
    expect((statSync(`${dir}/payload.txt`).mode & 0o777).toString(8)).toBe('640');
    expect(await run('get_url', args)).toMatchObject({ changed: false, msg: 'file already exists' });
    expect(http.requests).toHaveLength(1);
    expect(await run('get_url', { ...args, force: true })).toMatchObject({ changed: false, checksum_src: createHash('sha1').update(PAYLOAD).digest('hex') });
    expect(http.requests).toHaveLength(2);
  });

  it('verifies a checksum, and does not fetch a file that matches it', async () => {
    const dest = `${dir}/checked.txt`;
    const bad = await run('get_url', { url: `${http.url}/payload.txt`, dest, checksum: `sha256:${'0'.repeat(64)}` });
    expect(bad).toMatchObject({ failed: true, msg: `The checksum for ${dest} did not match ${'0'.repeat(64)}; it was ${SHA256}.` });
    expect(existsSync(dest)).toBe(false);
    const args = { url: `${http.url}/payload.txt`, dest, checksum: `sha256:${SHA256}` };
    expect(await run('get_url', args)).toMatchObject({ changed: true });
    const before = http.requests.length;
    expect(await run('get_url', args)).toMatchObject({ changed: false });
    expect(http.requests.length).toBe(before);
  });

  it('sends credentials and headers from stdin, and reports HTTP errors', async () => {
    const dest = `${dir}/private.txt`;
    const denied = await run('get_url', { url: `${http.url}/private.txt`, dest });
    expect(denied).toMatchObject({ failed: true, status_code: 401, msg: 'Request failed: HTTP Error 401' });
    const args = { url: `${http.url}/private.txt`, dest, url_username: 'bot', url_password: 's3 cr"et', headers: { 'X-Claw': 'yes' } };
    expect(await run('get_url', args)).toMatchObject({ changed: true });
    expect(readFileSync(dest, 'utf8')).toBe('secret\n');
  });
});

const aptCandidate = (pkg: string): boolean => {
  try {
    return /Candidate: (?!\(none\))/.test(execFileSync('apt-cache', ['policy', pkg], { encoding: 'utf8' }));
  } catch {
    return false;
  }
};
const installed = (pkg: string): boolean => /^install ok installed$/.test(execFileSync('sh', ['-c', `dpkg-query -W -f='\${Status}' ${pkg} 2>/dev/null || :`], { encoding: 'utf8' }));
const slUsable = existsSync('/usr/bin/apt-get') && aptCandidate('sl') && !installed('sl');

describe('ansible.builtin.apt', () => {
  it.skipIf(!slUsable)('installs and removes a small package (skipped when apt has no candidate for sl or it is installed)', async () => {
    const check = await run('apt', { name: 'sl' }, { check: true });
    expect(check).toMatchObject({ changed: true, stdout: expect.stringMatching(/^Inst sl /) });
    expect(installed('sl')).toBe(false);
    expect(await run('ansible.builtin.apt', { name: 'sl', install_recommends: false })).toMatchObject({ changed: true });
    expect(installed('sl')).toBe(true);
    expect(await run('apt', { name: 'sl' })).toMatchObject({ changed: false });
    expect(await run('apt', { name: 'sl', state: 'absent', purge: true })).toMatchObject({ changed: true });
    expect(installed('sl')).toBe(false);
    expect(await run('apt', { name: 'sl', state: 'absent', purge: true })).toMatchObject({ changed: false });
  });
});

describe('ansible.builtin.apt_repository', () => {
  // A real (empty) local repository, so an `apt-get update` anyone runs meanwhile still works.
  const repoDir = '/tmp/claw-e2e-aptrepo';
  const repo = `deb [trusted=yes] file:${repoDir} ./`;
  const file = '/etc/apt/sources.list.d/claw-e2e.list';
  afterAll(() => rmSync(file, { force: true }));

  it('adds and removes a source line in its own file', async () => {
    mkdirSync(repoDir, { recursive: true });
    writeFileSync(`${repoDir}/Packages`, '');
    const args = { repo, filename: 'claw-e2e', update_cache: false };
    expect(await run('apt_repository', args, { check: true })).toMatchObject({ changed: true });
    expect(existsSync(file)).toBe(false);
    expect(await run('ansible.builtin.apt_repository', args)).toMatchObject({ changed: true, sources_added: [file] });
    expect(readFileSync(file, 'utf8')).toBe(`${repo}\n`);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('644');
    expect(await run('apt_repository', args)).toMatchObject({ changed: false });
    expect(await run('apt_repository', { ...args, state: 'absent' })).toMatchObject({ changed: true, sources_removed: [file] });
    expect(existsSync(file)).toBe(false);
    expect(await run('apt_repository', { ...args, state: 'absent' })).toMatchObject({ changed: false });
  });
});

// The same authorized_key task through ansible-playbook and through us, on two copies of one
// file: the bytes written and `changed` must agree (skipped without ansible-core).
const hasAnsible = existsSync('/usr/bin/ansible-playbook');
const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDiffKeyA a@x';
const KEY_B = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABDiffKeyB';
const DIFF_CASES: Array<{ name: string; initial?: string; args: Record<string, unknown> }> = [
  { name: 'new file, options', args: { key: KEY_B, key_options: 'no-pty,command="a,b"' } },
  { name: 'append after comments and blank lines', initial: `# keys\n\n${KEY_A}\n`, args: { key: KEY_B } },
  { name: 'comment replaced', initial: `${KEY_A}\n${KEY_B} old\n`, args: { key: KEY_A.replace('a@x', 'new') } },
  { name: 'exclusive', initial: `# c\n${KEY_A}\n${KEY_B}\n`, args: { key: KEY_B, exclusive: true } },
  { name: 'absent', initial: `${KEY_A}\n${KEY_B} b\n`, args: { key: KEY_A, state: 'absent' } },
  { name: 'already there', initial: `${KEY_A}\n`, args: { key: KEY_A } },
];

describe.skipIf(!hasAnsible)('authorized_key agrees with ansible-core', () => {
  const root = '/tmp/claw-e2e-akdiff';
  beforeAll(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const [index, c] of DIFF_CASES.entries()) {
    it(c.name, async () => {
      const [theirs, ours] = [`${root}/ansible-${index}`, `${root}/claw-${index}`];
      for (const path of [theirs, ours]) if (c.initial !== undefined) writeFileSync(path, c.initial, { mode: 0o600 });
      const task = { hosts: 'localhost', gather_facts: false, tasks: [{ 'ansible.posix.authorized_key': { user: 'root', manage_dir: false, path: theirs, ...c.args } }] };
      writeFileSync(`${root}/play-${index}.yml`, JSON.stringify([task]));
      const out = execFileSync('ansible-playbook', ['-c', 'local', '-i', 'localhost,', `${root}/play-${index}.yml`], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
      const result = await run('authorized_key', { user: 'root', manage_dir: false, path: ours, ...c.args });
      expect(result.changed).toBe(/changed=1/.test(out));
      expect(readFileSync(ours, 'utf8')).toBe(readFileSync(theirs, 'utf8'));
    });
  }
});

describe.skipIf(!hasAnsible)('user agrees with ansible-core on what is already done', () => {
  const name = 'clawe2ed';
  const hash = '$6$diffsalt$abcdefghijklmnopqrstuv';
  const ansible = (args: Record<string, unknown>): string => {
    const play = `/tmp/claw-e2e-user-play.yml`;
    writeFileSync(play, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [{ 'ansible.builtin.user': { name, ...args } }] }]));
    return execFileSync('ansible-playbook', ['-c', 'local', '-i', 'localhost,', play], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
  };
  afterAll(() => execFileSync('sh', ['-c', `userdel -r ${name} 2>/dev/null; rm -f /tmp/claw-e2e-user-play.yml; :`]));

  it('each sees the other\'s result as unchanged', async () => {
    execFileSync('sh', ['-c', `userdel -r ${name} 2>/dev/null; :`]);
    const first = { shell: '/bin/bash', groups: ['adm'], comment: 'Diff', password: hash };
    expect(await run('user', { name, ...first })).toMatchObject({ changed: true });
    expect(ansible(first)).toMatch(/changed=0/);
    expect(ansible({ groups: ['audio'], append: true, shell: '/bin/sh' })).toMatch(/changed=1/);
    expect(await run('user', { name, groups: ['audio', 'adm'], append: true, shell: '/bin/sh', password: hash })).toMatchObject({ changed: false });
    expect(await run('user', { name, groups: ['audio'] })).toMatchObject({ changed: true });
    expect(ansible({ groups: ['audio'] })).toMatch(/changed=0/);
    expect(ansible({ state: 'absent', remove: true })).toMatch(/changed=1/);
    expect(await run('user', { name, state: 'absent' })).toMatchObject({ changed: false });
  });
});

describe('ansible.builtin.systemd', () => {
  const booted = existsSync('/run/systemd/system');
  it.skipIf(booted)('fails clearly when systemd is not the service manager', async () => {
    const pid1 = readFileSync('/proc/1/comm', 'utf8').trim();
    const result = await run('systemd', { name: 'ssh', state: 'started' });
    expect(result).toMatchObject({ changed: false, failed: true, msg: `ansible.builtin.systemd needs systemd as the service manager on e2e; found ${pid1}` });
    expect(await run('service', { name: 'ssh', state: 'started' })).toMatchObject({ failed: true, msg: expect.stringMatching(/^ansible\.builtin\.service needs systemd/) });
  });
});
