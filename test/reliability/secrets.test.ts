import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptVaultText } from '../../src/vault/index.js';
import { processArgs } from '../e2e/harness/processes.js';
import { startSshd, type TestSshd } from '../e2e/harness/sshd.js';
import { findLeaks, scanTree, type Leak } from './leak-scan.js';

// Guarantee 5: vault values and the become password never appear in any output, report, state
// file, temp file (controller or host), or remote process argv — while the playbook uses them
// everywhere a real one would. The built CLI runs as a child with its own TMPDIR.

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'claw-provision.js');
const INLINE = 'inl1ne/S3cret+v@lue=7Q';
const FILE_SECRET = 'f1le/S3cret+v@lue=9Z';
const VAULT_PASS = 'vault-pass-for-leak-test';
let sshd: TestSshd;
let dir: string;
let secrets: string[];
/** Process-table leaks seen during the runs of the first test, and how many samples were taken. */
const argvLeaks: Leak[] = [];
let sampled = 0;

const envTemplate = `# app environment\nAPI_TOKEN={{ inline_secret }}\nDB_PASSWORD={{ file_secret }}\n`;

function playbook(): string {
  const inline = encryptVaultText(INLINE, VAULT_PASS).trimEnd().replace(/^/gm, '      ');
  return `- hosts: target
  gather_facts: false
  become: true
  vars_files: [secret.yml]
  vars:
    inline_secret: !vault |
${inline}
  tasks:
    - name: app dir
      file: { path: "{{ base }}/app", state: directory, mode: "0755" }
    - name: env file from template
      become: true
      template: { src: env.j2, dest: "{{ base }}/app/.env", mode: "0600" }
      notify: reload app
    - name: token from copy content
      copy: { content: "TOKEN={{ inline_secret }}\\n", dest: "{{ base }}/app/token", mode: "0600" }
    - name: slow command with the secret on its command line
      shell: "sleep 1.5; echo {{ inline_secret }} >/dev/null; cat {{ base }}/app/token"
      register: slow
      changed_when: false
    - name: secret through environment
      command: printenv CLAW_SECRET
      environment: { CLAW_SECRET: "{{ file_secret }}" }
      register: from_env
      changed_when: false
    - name: become with the vaulted password
      become: true
      shell: "sleep 1; id -u; echo {{ file_secret }} | wc -c"
      register: as_root
      changed_when: false
    - name: show a secret
      debug: { msg: "the token is {{ inline_secret }} and {{ file_secret }}" }
    - name: show registered results
      debug: { var: slow }
    - name: show the environment result
      debug: { msg: "{{ from_env.stdout }} / {{ as_root.stdout_lines }}" }
    - name: hidden task
      command: "echo {{ inline_secret }}"
      no_log: true
      changed_when: false
    - name: template error next to a secret
      debug: { msg: "{{ inline_secret }} {{ no_such_variable }}" }
      ignore_errors: true
    - name: failing command printing the secret
      shell: "echo {{ file_secret }} >&2; echo {{ inline_secret }}; exit 3"
      ignore_errors: true
    - name: the run fails here, naming the secret
      fail: { msg: "giving up with {{ inline_secret }}" }
  handlers:
    - name: reload app
      command: "echo reload {{ file_secret }}"
`;
}

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp('/tmp/claw-rel-secrets-');
  await chmod(dir, 0o755);
  secrets = [INLINE, FILE_SECRET, sshd.becomePassword, VAULT_PASS];
  await writeFile(join(dir, 'site.yml'), playbook());
  await writeFile(join(dir, 'env.j2'), envTemplate);
  await writeFile(join(dir, 'pw.txt'), `${VAULT_PASS}\n`);
  await writeFile(join(dir, 'secret.yml'), encryptVaultText(`file_secret: "${FILE_SECRET}"\nansible_become_password: ${sshd.becomePassword}\n`, VAULT_PASS));
  const host = [
    `ansible_host: 127.0.0.1`, `ansible_port: ${sshd.port}`, `ansible_user: ${sshd.user}`,
    `ansible_ssh_private_key_file: ${sshd.privateKeyFile}`, `ansible_ssh_known_hosts_file: ${sshd.knownHostsFile}`, `base: ${join(dir, 'target')}`,
  ];
  await writeFile(join(dir, 'hosts.yml'), `all:\n  children:\n    target:\n      hosts:\n        leaky:\n${host.map((l) => `          ${l}`).join('\n')}\n`);
});

afterAll(async () => {
  await sshd?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  output: string;
  argvLeaks: Leak[];
  snapshots: number;
}

/** Runs the CLI as a child, sampling the whole process table until it exits. */
async function run(tmp: string, args: string[]): Promise<Run> {
  const child = execa(CLI, ['apply', join(dir, 'site.yml'), '-i', join(dir, 'hosts.yml'), '--vault-password-file', join(dir, 'pw.txt'), ...args], {
    reject: false, all: true, env: { TMPDIR: tmp, NO_COLOR: '1' }, cwd: dir,
  });
  let running = true;
  const argvLeaks: Leak[] = [];
  let snapshots = 0;
  const sampler = (async () => {
    while (running) {
      argvLeaks.push(...findLeaks(`process table #${snapshots}`, await processArgs(), secrets));
      snapshots++;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const result = await child;
  running = false;
  await sampler;
  return { code: result.exitCode ?? -1, output: result.all ?? '', argvLeaks, snapshots };
}

describe('secrets never leak (real sshd, vault, become)', () => {
  it('check --diff, apply --diff -vvvv --json, and a second apply: no secret anywhere but the 0600 targets', { timeout: 180_000 }, async () => {
    const tmp = await mkdtemp(join(dir, 'controller-tmp-'));
    const tmpBefore = new Set(await readdir('/tmp'));
    const leaks: Leak[] = [];
    const runs: Array<[string, string[]]> = [
      ['check', ['--check', '--diff', '-vvvv', '--json', join(dir, 'check.json')]],
      ['apply', ['--diff', '-vvvv', '--json', join(dir, 'apply.json')]],
      // The long run adds a re-run (pending handler delivered first, JSON report on stdout).
      ...(process.env.CLAW_RELIABILITY ? [['again', ['-vvvv', '--json']] as [string, string[]]] : []),
    ];
    let pendingSaved = false;
    const outputs: Record<string, Run> = {};
    for (const [name, args] of runs) {
      const result = await run(tmp, args);
      outputs[name] = result;
      sampled += result.snapshots;
      leaks.push(...findLeaks(`${name} output`, result.output, secrets));
      argvLeaks.push(...result.argvLeaks);
      const pending = await readFile(join(dir, '.claw-provision', 'pending-handlers.json'), 'utf8').catch(() => undefined);
      if (pending !== undefined) leaks.push(...findLeaks(`pending-handlers.json after ${name}`, pending, secrets));
      if (name === 'apply') pendingSaved = pending?.includes('reload app') ?? false;
    }
    // The run really used the secrets (so the absence of leaks means something).
    const apply = outputs.apply!;
    expect(apply.code, apply.output).toBe(2);
    expect(apply.output).toMatch(/the token is \*+ and \*+/);
    expect(apply.output).toMatch(/TASK \[the run fails here, naming the secret\]/);
    expect(apply.output).toMatch(/no_such_variable/);
    expect(pendingSaved, 'the failed run saved its pending handler').toBe(true);
    expect(apply.snapshots).toBeGreaterThan(20);
    expect(await readFile(join(dir, 'target', 'app', '.env'), 'utf8')).toBe(`# app environment\nAPI_TOKEN=${INLINE}\nDB_PASSWORD=${FILE_SECRET}\n`);
    // The legitimate holders of a secret are the two targets, and they are private.
    const legit = [join(dir, 'target', 'app', '.env'), join(dir, 'target', 'app', 'token')];
    for (const file of legit) expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
    leaks.push(...(await scanTree(dir, secrets, (p) => legit.includes(p) || p === join(dir, 'pw.txt'))));
    leaks.push(...(await scanTree(`/home/${sshd.user}`, secrets)));
    // Other suites use /tmp too: only new entries, and only this suite's unique vault values.
    const fresh = (await readdir('/tmp')).filter((name) => !tmpBefore.has(name) && name !== 'bash_jobs');
    for (const name of fresh) leaks.push(...(await scanTree(join('/tmp', name), [INLINE, FILE_SECRET])));
    expect(leaks.map(describeLeak)).toEqual([]);
  });

  // KNOWN DEFECT: src/modules/command/plan.ts wraps a `shell` line as `/bin/sh -c '<line>'`; the
  // connection sends the outer script on stdin, but that inner /bin/sh shows the line (and the
  // vault values in it) in the host's process table for the whole run of the command.
  it('the remote process table never shows a secret, sampled every 25 ms during the runs', () => {
    expect(argvLeaks.length, 'the first test must run first').toBeGreaterThanOrEqual(0);
    expect(sampled).toBeGreaterThan(40);
    expect([...new Set(argvLeaks.map((l) => describeLeak({ ...l, where: 'process table' })))]).toEqual([]);
  });
});

function describeLeak(l: Leak): string {
  const name = l.secret === sshd.becomePassword ? 'become password' : l.secret === VAULT_PASS ? 'vault password' : l.secret;
  return `${l.where}: ${name} as ${l.form} in …${l.context}…`;
}
