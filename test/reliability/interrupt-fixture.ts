import { chmod, chown, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { join } from 'node:path';
import type { TestSshd } from '../e2e/harness/sshd.js';

// The interrupted playbook: 30 large files (10 template, 10 copy, 10 lineinfile) whose every
// line names the generation `gen`, so a file is recognisably the old or the new version and a
// partial write is obvious; each task notifies one handler that appends `gen` to handler.log.

export const PER_KIND = 10;
const LINES = 800;

const body = (gen: string, tag: string): string => Array.from({ length: LINES }, (_, i) => `gen ${gen} ${tag} line ${i}\n`).join('');

/** The full content each target file has at generation `gen`. */
export function expectedFiles(gen: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < PER_KIND; i++) {
    out[`t${i}.txt`] = `BEGIN ${gen} t${i}\n${body(gen, `t${i}`)}END ${gen} t${i}\n`;
    out[`c${i}.txt`] = `BEGIN ${gen} c${i}\n${body(gen, 'c')}END ${gen} c${i}\n`;
    out[`l${i}.txt`] = `${body('fixed', `l${i}`)}version=${gen}\n`;
  }
  return out;
}

const TEMPLATE = `BEGIN {{ gen }} t{{ idx }}
{% for i in range(${LINES}) %}gen {{ gen }} t{{ idx }} line {{ i }}
{% endfor %}END {{ gen }} t{{ idx }}
`;

function playbook(): string {
  const tasks: string[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    tasks.push(
      `    - name: template ${i}\n      template: { src: big.j2, dest: "{{ base }}/t${i}.txt" }\n      vars: { idx: ${i} }\n      notify: record generation`,
      `    - name: copy ${i}\n      copy: { content: "BEGIN {{ gen }} c${i}\\n{{ body }}END {{ gen }} c${i}\\n", dest: "{{ base }}/c${i}.txt" }\n      notify: record generation`,
      `    - name: lineinfile ${i}\n      lineinfile: { path: "{{ base }}/l${i}.txt", regexp: "^version=", line: "version={{ gen }}" }\n      notify: record generation`,
    );
  }
  return `- hosts: target
  gather_facts: false
  vars:
    body: "{% for i in range(${LINES}) %}gen {{ gen }} c line {{ i }}\\n{% endfor %}"
  tasks:
${tasks.join('\n')}
  handlers:
    - name: record generation
      shell: "echo {{ gen }} >> {{ base }}/handler.log"
`;
}

/** One change, then a pause before the handlers run: the window to interrupt in. */
const PENDING = `- hosts: target
  gather_facts: false
  tasks:
    - name: one change
      copy: { content: "gen={{ gen }}\\n", dest: "{{ base }}/pending.txt" }
      notify: record generation
    - name: long pause before the handlers
      command: sleep 4
      changed_when: false
  handlers:
    - name: record generation
      shell: "echo {{ gen }} >> {{ base }}/handler.log"
`;

/** Writes site.yml, pending.yml, big.j2 and hosts.yml. */
export async function writeFixture(dir: string, base: string, sshd: TestSshd): Promise<void> {
  await writeFile(join(dir, 'big.j2'), TEMPLATE);
  await writeFile(join(dir, 'site.yml'), playbook());
  await writeFile(join(dir, 'pending.yml'), PENDING);
  const host = [
    'ansible_host: 127.0.0.1', `ansible_port: ${sshd.port}`, `ansible_user: ${sshd.user}`,
    `ansible_ssh_private_key_file: ${sshd.privateKeyFile}`, `ansible_ssh_known_hosts_file: ${sshd.knownHostsFile}`, `base: ${base}`,
  ];
  await writeFile(join(dir, 'hosts.yml'), `all:\n  children:\n    target:\n      hosts:\n        victim:\n${host.map((l) => `          ${l}`).join('\n')}\n`);
}

/** The lineinfile targets at generation `gen` (lineinfile edits existing files), owned by `user`. */
export async function seedLineFiles(base: string, gen: string, user: string): Promise<void> {
  const files = expectedFiles(gen);
  const uid = Number((await execa('id', ['-u', user])).stdout);
  const gid = Number((await execa('id', ['-g', user])).stdout);
  for (let i = 0; i < PER_KIND; i++) {
    const path = join(base, `l${i}.txt`);
    await writeFile(path, files[`l${i}.txt`] ?? '', { mode: 0o644 });
    await chown(path, uid, gid);
  }
}

export interface FileStates {
  /** Files still at the old generation. */
  old: string[];
  /** Files at the new generation. */
  new: string[];
  /** Files that are neither: partial or corrupt (name and a short description). */
  broken: string[];
  /** Leftover temp files of interrupted writes. */
  temps: string[];
}

/** Classifies every target file as exactly-old, exactly-new or broken. */
export async function fileStates(base: string, oldGen: string | undefined, newGen: string): Promise<FileStates> {
  const oldFiles = oldGen === undefined ? {} : expectedFiles(oldGen);
  const newFiles = expectedFiles(newGen);
  const states: FileStates = { old: [], new: [], broken: [], temps: [] };
  for (const [name, content] of Object.entries(newFiles)) {
    const actual = await readFile(join(base, name), 'utf8').catch(() => undefined);
    if (actual === content) states.new.push(name);
    else if (actual === (oldFiles[name] ?? undefined)) states.old.push(name);
    else states.broken.push(`${name}: ${actual === undefined ? 'missing' : `${actual.length} bytes, starts ${JSON.stringify(actual.slice(0, 30))}`}`);
  }
  states.temps = (await readdir(base)).filter((n) => n.startsWith('.') && n.includes('claw'));
  return states;
}

export interface CliRun {
  code: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Kill {
  /** Milliseconds after the start, or a wait that resolves when it is time. */
  afterMs: number | (() => Promise<void>);
  signal: 'SIGINT' | 'SIGKILL';
}

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'claw-provision.js');

/** Runs the built CLI's `apply` on a fixture playbook with gen=GEN, optionally killing it. */
export async function applyFixture(dir: string, playbook: string, gen: string, kill?: Kill): Promise<CliRun> {
  const started = Date.now();
  const child = execa(CLI, ['apply', join(dir, playbook), '-i', join(dir, 'hosts.yml'), '-e', `gen=${gen}`], { reject: false, env: { NO_COLOR: '1' }, cwd: dir });
  if (kill) {
    const wait = typeof kill.afterMs === 'number' ? new Promise((r) => setTimeout(r, kill.afterMs as number)) : kill.afterMs();
    void wait.then(() => child.kill(kill.signal));
  }
  const result = await child;
  return { code: result.exitCode, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr), ms: Date.now() - started };
}

/** A fresh fixture dir (playbooks, inventory for `sshd`) with a target dir the login user may write. */
export async function prepareFixtureDir(prefix: string, sshd: TestSshd): Promise<{ dir: string; base: string }> {
  const dir = await mkdtemp(prefix);
  const base = join(dir, 'target');
  await mkdir(base);
  await chmod(dir, 0o755);
  await chmod(base, 0o777);
  await writeFixture(dir, base, sshd);
  return { dir, base };
}
