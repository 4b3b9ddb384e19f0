import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import type { RunnerOptions } from '../../../src/runner/types.js';
import { runLocally, type LocalRun } from './local-run.js';

// The look-ahead templates upcoming tasks' arguments with the variables of the moment and
// the task reuses them only when what they read still holds: a set_fact or register in
// between must win. Controller files found once are remembered until a task may have
// changed the controller's files.

const local = new LocalConnection();
afterAll(() => local.close());

function run(tasks: string[], root: string, files: Record<string, string> = {}, options: Partial<RunnerOptions> = {}): Promise<LocalRun> {
  const play = `- hosts: all\n  gather_facts: false\n  vars: { root: "${root}", sub: old, target: "{{ root }}/{{ sub }}-t" }\n  tasks:\n${tasks.join('\n')}\n`;
  return runLocally(local, play, files, options);
}

const scratch = (): Promise<string> => mkdtemp(join(tmpdir(), 'claw-reuse-'));
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);
const firstFactRead = (r: LocalRun): string => r.commands.find((c) => c.includes('__claw_fact_')) ?? '';

describe('look-ahead arguments reused by the task', () => {
  it('a set_fact between the look-ahead and the task changes its arguments', async () => {
    const root = await scratch();
    const out = await run(
      [
        '    - { name: a, file: { path: "{{ root }}/a", state: directory } }',
        '    - { name: set, set_fact: { sub: new } }',
        '    - { name: c, file: { path: "{{ root }}/{{ sub }}", state: directory } }',
      ],
      root,
    );
    // The look-ahead did template c with the old value (else this test proves nothing)...
    expect(firstFactRead(out)).toContain(`${root}/old`);
    // ...and the task ran with the new one.
    expect(out.lines).toEqual(['a|changed', 'set|ok', 'c|changed']);
    expect(await exists(join(root, 'new'))).toBe(true);
    expect(await exists(join(root, 'old'))).toBe(false);
  });

  it('a register that did not exist at look-ahead time, and a variable read through another one', async () => {
    const root = await scratch();
    const out = await run(
      [
        '    - { name: a, file: { path: "{{ root }}/a", state: directory } }',
        '    - { name: reg, command: "echo fresh", register: r, changed_when: false }',
        '    - { name: c, file: { path: "{{ root }}/{{ r.stdout | default(\'none\') }}", state: directory } }',
        '    - { name: set, set_fact: { sub: later } }',
        '    - { name: d, file: { path: "{{ target }}", state: directory } }',
      ],
      root,
    );
    expect(firstFactRead(out)).toContain(`${root}/none`);
    expect(firstFactRead(out)).toContain(`${root}/old-t`);
    expect(out.lines).toEqual(['a|changed', 'reg|ok', 'c|changed', 'set|ok', 'd|changed']);
    expect(await exists(join(root, 'fresh'))).toBe(true);
    expect(await exists(join(root, 'none'))).toBe(false);
    expect(await exists(join(root, 'later-t'))).toBe(true);
    expect(await exists(join(root, 'old-t'))).toBe(false);
  });

  it('each loop item gets its own arguments', async () => {
    const root = await scratch();
    const out = await run(['    - { name: a, file: { path: "{{ root }}/a", state: directory } }', '    - { name: items, file: { path: "{{ root }}/{{ item }}", state: directory }, loop: [x, y, z] }'], root);
    expect(out.lines).toEqual(['a|changed', 'items|changed']);
    for (const item of ['x', 'y', 'z']) expect(await exists(join(root, item))).toBe(true);
  });
});

describe('controller files found once', () => {
  it('a file a task creates in a place searched first is found by the tasks after it', async () => {
    const root = await scratch();
    const tasks = [
      '    - { name: one, copy: { src: f.txt, dest: "{{ root }}/one" } }',
      '    - { name: shadow, copy: { content: "files dir\\n", dest: "{{ playbook_dir }}/files/f.txt" } }',
      '    - { name: two, copy: { src: f.txt, dest: "{{ root }}/two" } }',
    ];
    const out = await run(tasks, root, { 'f.txt': 'playbook dir\n', 'files/other.txt': '' });
    expect(out.lines).toEqual(['one|changed', 'shadow|changed', 'two|changed']);
    expect(await readFile(join(root, 'one'), 'utf8')).toBe('playbook dir\n');
    expect(await readFile(join(root, 'two'), 'utf8')).toBe('files dir\n');
  });

  it('also when changed_when hides the change of a task on the controller', async () => {
    const root = await scratch();
    const tasks = [
      '    - { name: one, copy: { src: f.txt, dest: "{{ root }}/one" } }',
      '    - { name: shadow, command: "mkdir -p {{ playbook_dir }}/files", delegate_to: localhost, changed_when: false }',
      '    - { name: fill, command: "cp {{ playbook_dir }}/f.txt {{ playbook_dir }}/files/f.txt", delegate_to: localhost, changed_when: false }',
      '    - { name: edit, command: "sed -i s/playbook/files/ {{ playbook_dir }}/files/f.txt", delegate_to: localhost, changed_when: false }',
      '    - { name: two, copy: { src: f.txt, dest: "{{ root }}/two" } }',
    ];
    const out = await run(tasks, root, { 'f.txt': 'playbook dir\n' });
    expect(out.lines).toEqual(['one|changed', 'shadow|ok', 'fill|ok', 'edit|ok', 'two|changed']);
    expect(await readFile(join(root, 'two'), 'utf8')).toBe('files dir\n');
  });
});
