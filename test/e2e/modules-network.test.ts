import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { createFactReader } from '../../src/facts/reader.js';
import { moduleDescriptor } from '../../src/modules/catalog.js';
import { runModule } from '../../src/modules/run-module.js';
import type { Become } from '../../src/connection/types.js';
import type { Module, ModuleContext, ModuleResult } from '../../src/modules/types.js';
import { dockerComposeModule } from '../../src/modules/docker-compose/index.js';
import { dockerImageModule } from '../../src/modules/docker-image/index.js';
import { gitModule } from '../../src/modules/git/index.js';
import { npmModule } from '../../src/modules/npm/index.js';
import { ufwModule } from '../../src/modules/ufw/index.js';
import { uriModule } from '../../src/modules/uri/index.js';
import { Secret, resetSecretsForTests } from '../../src/secret.js';
import { startHttpServer, type TestHttpServer } from './http-server.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// The network group's modules against a real OpenSSH server, as the NOPASSWD test user:
// apply → changed, apply again → unchanged, check mode → nothing touched. The session's PATH
// starts with a STAND-IN `docker` (test/e2e/docker-stand-in/docker) because this machine has
// no Docker engine; it records calls and answers from canned state. ufw runs for real inside
// a network namespace this test creates, so its iptables rules never touch this machine.

let sshd: TestSshd;
let conn: SshConnection;
let work: string;
const standIn = () => join(work, 'docker-state');

beforeAll(async () => {
  work = await mkdtemp('/tmp/claw-net-');
  await chmod(work, 0o777);
  const bin = join(work, 'bin');
  await mkdir(bin, { mode: 0o755 });
  await copyFile(join(import.meta.dirname, 'docker-stand-in/docker'), join(bin, 'docker'));
  await chmod(join(bin, 'docker'), 0o755);
  sshd = await startSshd({
    nopasswd: true,
    config: [`SetEnv PATH=${bin}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin DOCKER_STANDIN_DIR=${standIn()}`],
  });
  conn = await openSsh(sshd.spec(), { agent: false });
});

afterAll(async () => {
  await conn?.close();
  await sshd?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

function context(check: boolean, become?: Become): ModuleContext {
  return {
    host: 'net',
    connection: conn,
    facts: createFactReader(conn, become),
    controller: {
      find: () => Promise.reject(new Error('not used')),
      read: () => Promise.reject(new Error('not used')),
      renderTemplate: () => Promise.reject(new Error('not used')),
    },
    check,
    diff: true,
    become,
    forceRun: false,
  };
}

/** Runs a module the way the runner does (fresh facts per task). */
function run(module: Module<any, any>, args: Record<string, unknown>, check = false): Promise<ModuleResult> {
  return runModule(moduleDescriptor(module), args, context(check));
}

async function sh(command: string): Promise<string> {
  const result = await conn.run(command);
  if (result.rc !== 0) throw new Error(`${command}: ${result.stderr}`);
  return result.stdout.trim();
}

describe('git against a local bare repository', () => {
  const commit = (message: string) =>
    sh(`cd ${work}/src && echo ${message} >> file && git add file && git -c user.name=t -c user.email=t@t commit -qm ${message} && git push -q origin HEAD:main`);

  beforeAll(async () => {
    await sh(`git init -q --bare -b main ${work}/repo.git && git clone -q ${work}/repo.git ${work}/src 2>/dev/null && git -C ${work}/src checkout -q -b main`);
    await commit('one');
  });

  it('clones, is idempotent, predicts a new commit in check mode, then updates', async () => {
    const args = { repo: `${work}/repo.git`, dest: `${work}/checkout`, version: 'main' };
    const first = await run(gitModule, args);
    expect(first).toMatchObject({ changed: true, before: null });
    expect(await sh(`git -C ${work}/checkout rev-parse HEAD`)).toBe(first['after']);
    expect(await run(gitModule, args)).toMatchObject({ changed: false, before: first['after'], after: first['after'] });

    await commit('two');
    const head = await sh(`git -C ${work}/src rev-parse HEAD`);
    const check = await run(gitModule, args, true);
    expect(check).toMatchObject({ changed: true, before: first['after'], after: head });
    expect(await sh(`git -C ${work}/checkout rev-parse HEAD`)).toBe(first['after']);

    expect(await run(gitModule, args)).toMatchObject({ changed: true, after: head });
    expect(await sh(`git -C ${work}/checkout rev-parse HEAD`)).toBe(head);
    expect(await run(gitModule, args)).toMatchObject({ changed: false });
  });

  it('refuses to overwrite local modifications without force', async () => {
    const args = { repo: `${work}/repo.git`, dest: `${work}/dirty`, version: 'main' };
    await run(gitModule, args);
    await sh(`echo local >> ${work}/dirty/file`);
    expect(await run(gitModule, args)).toMatchObject({ failed: true, msg: `Local modifications exist in the destination: ${work}/dirty (force=no).` });
    expect(await run(gitModule, { ...args, force: true })).toMatchObject({ changed: true });
    expect(await sh(`git -C ${work}/dirty status --porcelain`)).toBe('');
  });
});

describe('uri against a local HTTP server', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startHttpServer({
      '/health': { headers: { 'content-type': 'application/json' }, body: '{"ok":true,"n":3}' },
      '/items': (request) => ({ status: 201, body: `got ${request.method} ${request.body} ${request.headers.authorization ?? ''}` }),
    });
  });
  afterAll(() => server?.stop());

  it('GET returns status and parsed json; unchanged', async () => {
    const result = await run(uriModule, { url: `${server.url}/health` });
    expect(result).toMatchObject({ changed: false, status: 200, json: { ok: true, n: 3 }, content_type: 'application/json', msg: 'OK (17 bytes)' });
  });

  it('POST sends body and credentials from stdin, checks the status', async () => {
    const args = { url: `${server.url}/items`, method: 'POST', body: { a: 1 }, body_format: 'json', url_username: 'u', url_password: 'p w', status_code: [201], return_content: true };
    const result = await run(uriModule, args);
    expect(result).toMatchObject({ changed: false, status: 201, content: `got POST {"a":1} Basic ${Buffer.from('u:p w').toString('base64')}` });
    expect(await run(uriModule, { ...args, status_code: 200 })).toMatchObject({ failed: true, msg: 'Status code was 201 and not [200]: OK (31 bytes)' });
  });

  it('sends vault values nested in headers and body to the server in plaintext', async () => {
    const token = Secret.of('tok-s3cret', 'vault.yml:1:1');
    const args = { url: `${server.url}/items`, method: 'POST', headers: { Authorization: token }, body: { key: token }, body_format: 'json', status_code: 201, return_content: true };
    const result = await run(uriModule, args);
    expect(result['content']).toBe('got POST {"key":"tok-s3cret"} tok-s3cret');
    resetSecretsForTests();
  });

  it('is skipped in check mode and sends nothing', async () => {
    const before = server.requests.length;
    expect(await run(uriModule, { url: `${server.url}/items`, method: 'DELETE' }, true)).toMatchObject({ skipped: true });
    expect(server.requests.length).toBe(before);
  });
});

describe('npm with a local tarball (no registry)', () => {
  let tarball: string;
  beforeAll(async () => {
    await sh(`mkdir -p ${work}/pkg && printf '{"name":"claw-tiny","version":"1.0.0","main":"index.js"}' > ${work}/pkg/package.json && echo 'module.exports=1' > ${work}/pkg/index.js`);
    tarball = `${work}/${await sh(`cd ${work} && npm pack --silent ./pkg 2>/dev/null | tail -n1`)}`;
    await sh(`mkdir -p ${work}/app && printf 'audit=false\\nfund=false\\nupdate-notifier=false\\noffline=true\\ncache=${work}/npm-cache\\n' > ${work}/app/.npmrc`);
  });

  it('check mode installs nothing; apply installs; apply again is unchanged', async () => {
    const args = { name: tarball, path: `${work}/app` };
    expect(await run(npmModule, args, true)).toMatchObject({ changed: true });
    expect(existsSync(`${work}/app/node_modules/claw-tiny`)).toBe(false);
    expect(await run(npmModule, args)).toMatchObject({ changed: true });
    expect(JSON.parse(await readFile(`${work}/app/node_modules/claw-tiny/package.json`, 'utf8'))).toMatchObject({ version: '1.0.0' });
    expect(await run(npmModule, args)).toMatchObject({ changed: false });
    expect(await run(npmModule, { name: 'claw-tiny', path: `${work}/app`, state: 'absent' })).toMatchObject({ changed: true });
    expect(existsSync(`${work}/app/node_modules/claw-tiny`)).toBe(false);
  }, 60_000);
});

describe('docker modules against the STAND-IN docker (no engine on this machine)', () => {
  const calls = async () => (await readFile(join(standIn(), 'calls'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

  it('docker_image builds once per context and rebuilds when it changes', async () => {
    await sh(`mkdir -p ${work}/ctx && echo 'FROM scratch' > ${work}/ctx/Dockerfile`);
    const args = { name: 'claw/egress', tag: 'abc', source: 'build', build: { path: `${work}/ctx`, pull: true } };
    expect(await run(dockerImageModule, args, true)).toMatchObject({ changed: true });
    expect((await calls()).filter((c) => c.startsWith('build'))).toEqual([]);
    expect(await run(dockerImageModule, args)).toMatchObject({ changed: true, actions: [`Built image claw/egress:abc from ${work}/ctx`] });
    expect(await run(dockerImageModule, args)).toMatchObject({ changed: false });
    await sh(`echo 'ENTRYPOINT ["/x"]' >> ${work}/ctx/Dockerfile`);
    expect(await run(dockerImageModule, args)).toMatchObject({ changed: true });
    expect((await calls()).filter((c) => c.startsWith('build'))).toHaveLength(2);
  });

  it('docker_compose_v2 starts only services whose config hash differs', async () => {
    await writeFile(join(standIn(), 'compose-hashes'), 'gateway h1\negress h2\n');
    const args = { project_src: work, project_name: 'claw', files: ['docker-compose.yml'], pull: 'missing' };
    expect(await run(dockerComposeModule, args, true)).toMatchObject({ changed: true });
    expect((await calls()).filter((c) => / up /.test(c))).toEqual([]);
    expect(await run(dockerComposeModule, args)).toMatchObject({ changed: true });
    expect(await run(dockerComposeModule, args)).toMatchObject({ changed: false, actions: [] });
    await writeFile(join(standIn(), 'compose-hashes'), 'gateway h1b\negress h2\n');
    expect(await run(dockerComposeModule, args)).toMatchObject({ changed: true, actions: [{ what: 'service', id: 'gateway', status: 'Recreate' }] });
    expect((await calls()).filter((c) => / up /.test(c)).at(-1)).toMatch(/ up --detach .* -- gateway$/);
    expect(await run(dockerComposeModule, args)).toMatchObject({ changed: false });
  });
});

// ufw's own files are the machine's (/etc/ufw, /etc/default/ufw: backed up and restored), but
// every `ufw` command the module sends runs inside a fresh network namespace: sudo's
// secure_path finds the wrapper in /usr/local/sbin first, which execs `ip netns exec NS ufw`.
const NS = `claw-ufw-${process.pid}`;
const WRAPPER = '/usr/local/sbin/ufw';
const netnsReason = await (async () => {
  if (!existsSync('/usr/sbin/ufw')) return 'ufw is not installed (apt-get install ufw iptables)';
  if (existsSync(WRAPPER)) return `${WRAPPER} exists; refusing to shadow it`;
  const probe = await execa('ip', ['netns', 'add', `${NS}-probe`], { reject: false });
  if (probe.exitCode !== 0) return `network namespaces are not permitted here: ${probe.stderr}`;
  await execa('ip', ['netns', 'del', `${NS}-probe`]);
  return undefined;
})();
if (netnsReason) console.warn(`SKIPPED ufw e2e: ${netnsReason}`);

describe.skipIf(netnsReason !== undefined)('ufw inside a network namespace', () => {
  const root: Become = { method: 'sudo', user: 'root' };
  const ufw = (args: Record<string, unknown>, check = false) => runModule(moduleDescriptor(ufwModule), args, context(check, root));
  const inNs = async (command: string) => (await execa('ip', ['netns', 'exec', NS, 'sh', '-c', command])).stdout;
  const rules = () => readFile('/etc/ufw/user.rules', 'utf8');

  beforeAll(async () => {
    await execa('sh', ['-c', `mkdir -p ${work}/ufw-backup && cp -a /etc/ufw ${work}/ufw-backup/ufw && cp -a /etc/default/ufw ${work}/ufw-backup/default-ufw`]);
    await execa('ip', ['netns', 'add', NS]);
    await inNs('ip link set lo up');
    await writeFile(WRAPPER, `#!/bin/sh\nexec ip netns exec ${NS} /usr/sbin/ufw "$@"\n`, { mode: 0o755 });
    await execa(WRAPPER, ['--force', 'reset']);
  });

  afterAll(async () => {
    await rm(WRAPPER, { force: true });
    await execa('ip', ['netns', 'del', NS], { reject: false });
    await execa('sh', ['-c', `rm -rf /etc/ufw && cp -a ${work}/ufw-backup/ufw /etc/ufw && cp -a ${work}/ufw-backup/default-ufw /etc/default/ufw`], { reject: false });
  });

  it('refuses to enable while nothing allows the SSH session', async () => {
    const result = await ufw({ state: 'enabled' });
    expect(result).toMatchObject({ failed: true });
    expect(result.msg).toContain(`no rule would allow the current SSH connection (tcp port ${sshd.port} from 127.0.0.1)`);
    expect(await inNs('/usr/sbin/ufw status')).toMatch(/Status: inactive/);
  });

  it('adds the SSH rule: check mode writes nothing, apply once, then unchanged', async () => {
    const args = { rule: 'allow', to_port: String(sshd.port), proto: 'tcp', comment: 'ssh' };
    const before = await rules();
    expect(await ufw(args, true)).toMatchObject({ changed: true });
    expect(await rules()).toBe(before);
    expect(await ufw(args)).toMatchObject({ changed: true });
    expect(await rules()).toContain(`### tuple ### allow tcp ${sshd.port} 0.0.0.0/0 any 0.0.0.0/0 in comment=737368`);
    expect(await ufw(args)).toMatchObject({ changed: false });
  });

  it('sets a default policy and logging idempotently', async () => {
    expect(await ufw({ default: 'reject', direction: 'incoming' })).toMatchObject({ changed: true });
    expect(await ufw({ default: 'reject', direction: 'incoming' })).toMatchObject({ changed: false });
    expect(await ufw({ default: 'deny', direction: 'incoming' })).toMatchObject({ changed: true });
    expect(await ufw({ logging: 'medium' })).toMatchObject({ changed: true });
    expect(await ufw({ logging: 'on' })).toMatchObject({ changed: false });
  });

  it('enables (rules land in the namespace), then is unchanged; delete and disable', async () => {
    expect(await ufw({ state: 'enabled' }, true)).toMatchObject({ changed: true });
    expect(await inNs('/usr/sbin/ufw status')).toMatch(/Status: inactive/);
    expect(await ufw({ state: 'enabled' })).toMatchObject({ changed: true });
    expect(await inNs('iptables -S ufw-user-input')).toContain(`--dport ${sshd.port} -j ACCEPT`);
    expect(await ufw({ state: 'enabled' })).toMatchObject({ changed: false });
    // While active, deleting the only rule that carries this session is refused.
    const args = { rule: 'allow', to_port: String(sshd.port), proto: 'tcp', delete: true };
    expect(await ufw(args)).toMatchObject({ failed: true });
    expect(await ufw({ state: 'disabled' })).toMatchObject({ changed: true });
    expect(await ufw({ state: 'disabled' })).toMatchObject({ changed: false });
    expect(await ufw(args)).toMatchObject({ changed: true });
    expect(await ufw(args)).toMatchObject({ changed: false });
    expect(await rules()).not.toContain('### tuple ###');
  });
});
