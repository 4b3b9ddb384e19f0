import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, ParseError } from '../../../src/errors.js';
import { loadPlaybook } from '../../../src/playbook/load-playbook.js';
import { ensureTestModules, expectClawError, writeTree } from './helpers.js';

async function loadError(playbook: string, extra: Record<string, string> = {}) {
  const root = writeTree({ 'pb.yml': playbook, ...extra });
  const error = await expectClawError(() => loadPlaybook(join(root, 'pb.yml')));
  expect(error).toBeInstanceOf(ParseError);
  expect(error.exitCode).toBe(EXIT.PARSE);
  return { error, root, where: error.where as { file: string; line: number; col: number } };
}

describe('playbook load errors', () => {
  beforeAll(() => ensureTestModules());

  it('unknown play keyword with did-you-mean', async () => {
    const { error, where, root } = await loadError('- hosts: all\n  gather_fact: no\n  tasks: []\n');
    expect(error.code).toBe('unknown-keyword');
    expect(error.message).toBe("unknown keyword 'gather_fact' in a play");
    expect(error.hint).toBe("did you mean 'gather_facts'?");
    expect(where).toEqual({ file: join(root, 'pb.yml'), line: 2, col: 3 });
  });

  it('unknown task keyword next to a module', async () => {
    const { error, where } = await loadError('- hosts: all\n  tasks:\n    - debug: msg=x\n      regster: out\n');
    expect(error.message).toBe("unknown keyword 'regster' in a task");
    expect(error.hint).toBe("did you mean 'register'?");
    expect([where.line, where.col]).toEqual([4, 7]);
  });

  it('unknown module with did-you-mean', async () => {
    const { error, where } = await loadError('- hosts: all\n  tasks:\n    - name: x\n      ansible.builtin.cmmand: ls\n');
    expect(error.code).toBe('unknown-module');
    expect(error.message).toBe("no module or action named 'ansible.builtin.cmmand'");
    expect(error.hint).toBe("did you mean 'ansible.builtin.command'?");
    expect([where.line, where.col]).toEqual([4, 7]);
  });

  it('unknown module argument with did-you-mean', async () => {
    const { error, where } = await loadError('- hosts: all\n  tasks:\n    - file:\n        path: /x\n        stat: directory\n');
    expect(error.code).toBe('unknown-argument');
    expect(error.message).toBe("unknown argument 'stat' for module 'file'");
    expect(error.hint).toBe("did you mean 'state'?");
    expect([where.line, where.col]).toEqual([5, 9]);
  });

  it('unsupported keywords are errors, never ignored', async () => {
    const play = await loadError('- hosts: all\n  vars_prompt:\n    - name: x\n');
    expect(play.error.code).toBe('unsupported-keyword');
    expect(play.error.message).toBe("unsupported keyword 'vars_prompt' in a play");
    expect([play.where.line, play.where.col]).toEqual([2, 3]);
    const task = await loadError('- hosts: all\n  tasks:\n    - command: sleep 9\n      async: 10\n');
    expect(task.error.message).toBe("unsupported keyword 'async' in a task");
    const loop = await loadError('- hosts: all\n  tasks:\n    - debug: var=item\n      with_fileglob: "*.txt"\n');
    expect(loop.error.message).toContain("'with_fileglob' is not supported");
    const strategy = await loadError('- hosts: all\n  strategy: free\n');
    expect(strategy.error.message).toBe("'strategy' must be one of: linear");
    expect(strategy.where.line).toBe(2);
    const become = await loadError('- hosts: all\n  tasks:\n    - debug: msg=x\n      become_method: su\n');
    expect(become.error.message).toBe("'become_method' must be one of: sudo");
  });

  it('unknown loop_control option', async () => {
    const { error, where } = await loadError('- hosts: all\n  tasks:\n    - debug: var=item\n      loop: [1]\n      loop_control:\n        breadth: true\n');
    expect(error.message).toBe("unknown keyword 'breadth' in 'loop_control' of a task");
    expect(error.hint).toContain('valid keywords: extended, extended_allitems, index_var, label, loop_var, pause');
    expect([where.line, where.col]).toEqual([6, 9]);
  });

  it('an environment name that is no shell variable name, at the name', async () => {
    const { error, where } = await loadError('- hosts: all\n  environment:\n    OK_1: a\n    1BAD: b\n  tasks:\n    - debug: var=item\n');
    expect(error.message).toBe('environment variable name "1BAD" is not a valid shell variable name');
    expect([where.line, where.col]).toEqual([4, 5]);
  });

  it('a templated environment name is left for the runner to check', async () => {
    const root = writeTree({ 'pb.yml': '- hosts: all\n  tasks:\n    - command: env\n      environment: { "{{ name }}": x }\n' });
    await expect(loadPlaybook(join(root, 'pb.yml'))).resolves.toBeDefined();
  });

  it('a misspelt import_playbook is reported as such, not as a play without hosts', async () => {
    const { error } = await loadError('- import_playbok: other.yml\n');
    expect(error.message).toMatch(/^unknown keyword 'import_playbok' in a play\n  also .*: a play needs 'hosts'$/);
    expect(error.hint).toBe("did you mean 'import_playbook'?");
  });

  it('two modules in one task', async () => {
    const { error } = await loadError('- hosts: all\n  tasks:\n    - debug: msg=x\n      command: ls\n');
    expect(error.message).toBe('conflicting action statements: debug, command');
  });

  it('a missing role names the entry and suggests a near name', async () => {
    const { error, where } = await loadError('- hosts: all\n  roles:\n    - webb\n', { 'roles/web/tasks/main.yml': '[]\n' });
    expect(error.code).toBe('role-not-found');
    expect(error.message).toBe("role 'webb' not found");
    expect(error.hint).toContain("did you mean 'web'?");
    expect([where.line, where.col]).toEqual([3, 7]);
  });

  it('a missing import_tasks file names where it was imported', async () => {
    const { error, where } = await loadError('- hosts: all\n  tasks:\n    - import_tasks: nope.yml\n');
    expect(error.code).toBe('file-not-found');
    expect(error.message).toContain('tasks file not found');
    expect([where.line, where.col]).toEqual([3, 7]);
  });

  it('malformed YAML inside a role', async () => {
    const { error, where, root } = await loadError('- hosts: all\n  roles: [r]\n', { 'roles/r/tasks/main.yml': '- name: a\n  debug: msg={{ x }} y\n   bad: indent\n' });
    expect(error.code).toBe('yaml-syntax');
    expect(where.file).toBe(join(root, 'roles/r/tasks/main.yml'));
  });

  it('include_role and templated import_tasks are refused with a hint', async () => {
    const role = await loadError('- hosts: all\n  tasks:\n    - include_role: {name: x}\n');
    expect(role.error.message).toContain("use 'import_role'");
    const tpl = await loadError('- hosts: all\n  tasks:\n    - import_tasks: "{{ f }}.yml"\n');
    expect(tpl.error.code).toBe('templated-import');
  });

  it('free text for a module without a free form', async () => {
    const { error } = await loadError('- hosts: all\n  tasks:\n    - file: /tmp/x\n');
    expect(error.message).toBe('\'file\' does not take free-form text: "/tmp/x"');
  });

  it('a bad value type names the keyword', async () => {
    const { error, where } = await loadError('- hosts: all\n  tasks:\n    - debug: msg=x\n      register: [a]\n');
    expect(error.message).toBe("'register' must be string");
    expect([where.line, where.col]).toEqual([4, 17]);
  });
});

describe('did-you-mean for swapped letters', () => {
  it('suggests the keyword or module whose two adjacent letters were swapped', async () => {
    const { didYouMean } = await import('../../../src/schema/did-you-mean.js');
    expect(didYouMean('unitl', ['until', 'delay', 'loop'])).toBe('until');
    expect(didYouMean('ansible.builtin.flie', ['ansible.builtin.file', 'ansible.builtin.fail'])).toBe('ansible.builtin.file');
    expect(didYouMean('xyz', ['until'])).toBeUndefined();
  });
});
