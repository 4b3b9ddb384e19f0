import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import type { RunnerOptions } from '../../../src/runner/types.js';
import { runLocally, type LocalRun } from './local-run.js';

// The runner on this machine's shell (a counting local connection): a task that must read
// facts also reads the next tasks' (one command for a converged list), a change drops only
// what it reaches, and what an earlier task changed is read again by the later ones.

const local = new LocalConnection();
afterAll(() => local.close());

function run(tasks: string, root: string, options: Partial<RunnerOptions> & { tags?: string[] } = {}): Promise<LocalRun> {
  return runLocally(local, `- hosts: all\n  gather_facts: false\n  vars: { root: "${root}" }\n  tasks:\n${tasks}`, {}, options);
}

const factReads = (r: LocalRun): string[] => r.commands.filter((c) => c.includes('__claw_fact_'));
const scratch = (): Promise<string> => mkdtemp(join(tmpdir(), 'claw-prefetch-'));

describe('fact look-ahead', () => {
  it('a converged list of file, copy and lineinfile tasks reads its facts in ONE command', async () => {
    const root = await scratch();
    const tasks = [
      '    - { name: a, file: { path: "{{ root }}/a", state: directory, mode: "0755" } }',
      '    - { name: b, file: { path: "{{ root }}/b", state: directory } }',
      '    - { name: f, copy: { content: "x\\n", dest: "{{ root }}/a/f" } }',
      '    - { name: g, copy: { content: "y\\n", dest: "{{ root }}/b/g", mode: "0600" } }',
      '    - { name: items, copy: { content: "{{ item }}\\n", dest: "{{ root }}/b/{{ item }}" }, loop: [p, q, r] }',
      '    - { name: line, lineinfile: { path: "{{ root }}/a/lines", line: "z", create: true } }',
    ].join('\n');
    const first = await run(`${tasks}\n`, root);
    expect(first.lines.every((line) => line.endsWith('|changed'))).toBe(true);
    const again = await run(`${tasks}\n`, root);
    expect(again.lines).toEqual(['a|ok', 'b|ok', 'f|ok', 'g|ok', 'items|ok', 'line|ok']);
    expect(again.commands).toHaveLength(1);
  });

  it('a command that ran drops every fact: the next task reads again', async () => {
    const root = await scratch();
    await mkdir(join(root, 'a'));
    await mkdir(join(root, 'b'));
    const tasks = [
      '    - { name: a, file: { path: "{{ root }}/a", state: directory } }',
      '    - { name: cmd, command: "true" }',
      '    - { name: b, file: { path: "{{ root }}/b", state: directory } }',
      '    - { name: a again, file: { path: "{{ root }}/a", state: directory } }',
    ].join('\n');
    const out = await run(`${tasks}\n`, root);
    expect(out.lines).toEqual(['a|ok', 'cmd|changed', 'b|ok', 'a again|ok']);
    expect(out.commands.map((c) => (c.includes('__claw_fact_') ? 'facts' : c))).toEqual(['facts', 'true', 'facts']);
  });

  it('what an earlier task changed is read again, also through a symlinked directory', async () => {
    const root = await scratch();
    await mkdir(join(root, 'real'));
    await symlink(join(root, 'real'), join(root, 'alias'));
    await writeFile(join(root, 'real', 'x.conf'), 'old\n');
    const tasks = [
      '    - { name: one, lineinfile: { path: "{{ root }}/real/x.conf", line: "one" } }',
      '    - { name: two, lineinfile: { path: "{{ root }}/real/x.conf", line: "two" } }',
      '    - { name: real, copy: { content: "new\\n", dest: "{{ root }}/real/y.conf" } }',
      '    - { name: alias, copy: { content: "new\\n", dest: "{{ root }}/alias/y.conf" } }',
    ].join('\n');
    const out = await run(`${tasks}\n`, root);
    expect(out.lines).toEqual(['one|changed', 'two|changed', 'real|changed', 'alias|ok']);
    expect(await readFile(join(root, 'real', 'x.conf'), 'utf8')).toBe('old\none\ntwo\n');
  });

  it('does not read ahead for tasks that will not run: false `when`, tags not selected', async () => {
    const root = await scratch();
    const tasks = [
      '    - { name: a, file: { path: "{{ root }}/a", state: directory }, tags: [sel] }',
      '    - { name: skipped, file: { path: "{{ root }}/when-false", state: directory }, when: false, tags: [sel] }',
      '    - { name: untagged, file: { path: "{{ root }}/not-selected", state: directory } }',
      '    - { name: b, file: { path: "{{ root }}/b", state: directory }, tags: [sel] }',
    ].join('\n');
    const out = await run(`${tasks}\n`, root, { tags: ['sel'] });
    expect(out.lines).toEqual(['a|changed', 'skipped|skipped', 'b|changed']);
    const [batch] = factReads(out);
    expect(batch).toContain(`${root}/b`);
    expect(out.commands.join('\n')).not.toMatch(/when-false|not-selected/);
  });
});
