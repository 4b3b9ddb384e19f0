import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apply, tree } from './helpers.js';
import { exitCodeFor } from '../../src/cli/main.js';

// `claw-provision apply` in-process: every exit code ansible-playbook documents, plus
// --check --detailed-exitcode. Plays use the local connection (real commands in a temp dir).

const local = (tasks: string): string => `- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n${tasks}`;

afterEach(() => vi.restoreAllMocks());

describe('claw-provision apply exit codes', () => {
  it('0: everything ok, with the PLAY RECAP', async () => {
    const dir = await tree({ 'site.yml': local(`    - name: hello\n      command: echo hi\n`) });
    const run = await apply([join(dir, 'site.yml')]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/changed: \[localhost\]/);
    expect(run.out).toMatch(/localhost\s+: ok=1\s+changed=1\s+unreachable=0\s+failed=0/);
  });

  it('1: the playbook does not exist', async () => {
    const run = await apply(['/nonexistent/site.yml']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/the playbook: \/nonexistent\/site.yml could not be found/);
  });

  it('2: a host failed', async () => {
    const dir = await tree({ 'site.yml': local(`    - name: boom\n      command: "false"\n`) });
    const run = await apply([join(dir, 'site.yml')]);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/fatal: \[localhost\]: FAILED!/);
  });

  it('3: a host was unreachable', async () => {
    const dir = await tree({
      'site.yml': `- hosts: dead\n  gather_facts: false\n  tasks:\n    - command: echo hi\n`,
      'hosts.yml': `all:\n  hosts:\n    dead: { ansible_host: 127.0.0.1, ansible_port: 1, ansible_user: nobody }\n`,
    });
    const run = await apply([join(dir, 'site.yml'), '-i', join(dir, 'hosts.yml')]);
    expect(run.code).toBe(3);
    expect(run.out).toMatch(/UNREACHABLE!/);
  });

  it('4: the playbook does not parse, with file:line', async () => {
    const dir = await tree({ 'site.yml': `- hosts: localhost\n  tasks:\n    - name: x\n      comand: echo\n` });
    const run = await apply([join(dir, 'site.yml')]);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/site\.yml:\d+:\d+/);
    expect(run.err).not.toMatch(/    at /);
  });

  it('5: bad options', async () => {
    expect((await apply(['site.yml', '--forks', '0'])).code).toBe(5);
    expect((await apply(['site.yml', '--no-such-flag'])).code).toBe(5);
    expect((await apply(['site.yml', '--detailed-exitcode'])).code).toBe(5);
    expect((await apply(['site.yml', '--host-key-policy', 'yolo'])).code).toBe(5);
  });

  it('99: interrupted (SIGINT) stops scheduling and still prints the recap', async () => {
    const dir = await tree({
      'site.yml': local(`    - name: interrupt myself\n      shell: "kill -INT {{ controller_pid }}; sleep 1"\n    - name: never runs\n      command: echo never\n`),
    });
    const run = await apply([join(dir, 'site.yml'), '-e', `controller_pid=${process.pid}`]);
    expect(run.code).toBe(99);
    expect(run.out).not.toMatch(/never runs/);
    expect(run.out).toMatch(/PLAY RECAP/);
  });

  it('250: an unexpected (non-ClawError) error is a bug, reported with a stack', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(exitCodeFor(new TypeError('boom'))).toBe(250);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/INTERNAL ERROR/);
  });

  it('80 / 0: --check --detailed-exitcode says whether changes are pending, and changes nothing', async () => {
    const dir = await tree({ 'site.yml': local(`    - copy: { content: "x\\n", dest: "{{ playbook_dir }}/out.txt" }\n`) });
    expect((await apply([join(dir, 'site.yml'), '--check', '--detailed-exitcode'])).code).toBe(80);
    await expect(readFile(join(dir, 'out.txt'))).rejects.toThrow();
    expect((await apply([join(dir, 'site.yml')])).code).toBe(0);
    expect((await apply([join(dir, 'site.yml'), '-C', '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('claw-provision apply flags', () => {
  it('-e overrides play vars; --tags/--skip-tags select tasks; --diff shows a unified diff', async () => {
    const dir = await tree({
      'site.yml': local(`    - { name: tagged, copy: { content: "{{ word }}\\n", dest: "{{ playbook_dir }}/w.txt" }, tags: [w] }\n    - { name: other, command: echo other, tags: [o] }\n`).replace('  tasks:', '  vars: { word: play }\n  tasks:'),
    });
    const run = await apply([join(dir, 'site.yml'), '-e', 'word=extra', '-t', 'w', '--diff']);
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, 'w.txt'), 'utf8')).toBe('extra\n');
    expect(run.out).not.toMatch(/TASK \[other\]/);
    expect(run.out).toMatch(/\+extra/);
    const skipped = await apply([join(dir, 'site.yml'), '--skip-tags', 'w']);
    expect(skipped.out).not.toMatch(/TASK \[tagged\]/);
  });

  it('--syntax-check, --list-tasks and --list-hosts answer without running anything', async () => {
    const dir = await tree({ 'site.yml': local(`    - { name: first task, command: echo hi, tags: [a] }\n`) });
    const syntax = await apply([join(dir, 'site.yml'), '--syntax-check']);
    expect(syntax.code).toBe(0);
    expect(syntax.out).toMatch(/playbook: .*site\.yml/);
    const tasks = await apply([join(dir, 'site.yml'), '--list-tasks']);
    expect(tasks.out).toMatch(/first task\tTAGS: \[a\]/);
    const tags = await apply([join(dir, 'site.yml'), '--list-tags']);
    expect(tags.out).toMatch(/TASK TAGS: \[a\]/);
    const hosts = await apply([join(dir, 'site.yml'), '--list-hosts']);
    expect(hosts.out).toMatch(/hosts \(1\):\n\s+localhost/);
  });

  it('--json FILE writes the machine report with stats and exit code', async () => {
    const dir = await tree({ 'site.yml': local(`    - { name: hello, command: echo hi }\n`) });
    const run = await apply([join(dir, 'site.yml'), '--json', join(dir, 'report.json')]);
    expect(run.code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as { stats: Record<string, { changed: number }>; exit_code: number };
    expect(report.stats.localhost?.changed).toBe(1);
    expect(report.exit_code).toBe(0);
  });

  it('--become-password-file that cannot be read is a bad option', async () => {
    const dir = await tree({ 'site.yml': local(`    - { name: hello, command: echo hi }\n`) });
    expect((await apply([join(dir, 'site.yml'), '--become-password-file', '/nonexistent/pw'])).code).toBe(5);
  });

  it('--vault-password-file decrypts a vault vars file; the value is used but never printed', async () => {
    const { encryptVaultText } = await import('../../src/vault/index.js');
    const dir = await tree({
      'site.yml': local(`    - { name: write, copy: { content: "{{ secret_word }}", dest: "{{ playbook_dir }}/s.txt" } }\n    - { name: show, debug: { msg: "the word is {{ secret_word }}" } }\n`).replace('  tasks:', '  vars_files: [secret.yml]\n  tasks:'),
      'pw.txt': 'demo-pass\n',
    });
    await writeFile(join(dir, 'secret.yml'), encryptVaultText(Buffer.from('secret_word: hunter2-e2e-secret\n'), 'demo-pass'));
    const run = await apply([join(dir, 'site.yml'), '--vault-password-file', join(dir, 'pw.txt')]);
    expect(run.code).toBe(0);
    expect(await readFile(join(dir, 's.txt'), 'utf8')).toBe('hunter2-e2e-secret');
    expect(run.out).toMatch(/the word is \*{8}/);
    expect(run.out + run.err).not.toMatch(/hunter2-e2e-secret/);
    const without = await apply([join(dir, 'site.yml')]);
    expect(without.code).toBe(4);
    expect(without.err).toMatch(/secret\.yml/);
  });
});
