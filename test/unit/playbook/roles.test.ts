import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../src/playbook/model.js';
import { loadPlaybook } from '../../../src/playbook/load-playbook.js';
import { loadTaskFile } from '../../../src/playbook/load-task-file.js';
import { ensureTestModules, expectClawError, writeTree } from './helpers.js';

const ROLE_FILES = {
  'roles/app/tasks/main.yml': '- name: app main\n  debug: msg=main\n',
  'roles/app/tasks/extra.yml': '- name: app extra\n  debug: msg=extra\n- include_tasks: more.yml\n',
  'roles/app/defaults/main.yml': 'app_port: 1\n',
  'roles/app/handlers/main.yml': '- name: app handler\n  debug: msg=h\n',
};

describe('roles', () => {
  beforeAll(() => ensureTestModules());
  afterEach(() => {
    delete process.env.ANSIBLE_ROLES_PATH;
  });

  it('import_role loads tasks_from statically with the role and its handlers', async () => {
    const root = writeTree({
      ...ROLE_FILES,
      'pb.yml': '- hosts: all\n  tasks:\n    - import_role:\n        name: app\n        tasks_from: extra\n      vars: {x: 1}\n      tags: [t]\n',
    });
    const play = (await loadPlaybook(join(root, 'pb.yml'))).plays[0]!;
    const [task, include] = play.tasks;
    expect((task as Task).name).toBe('app extra');
    expect(task!.role).toEqual({ name: 'app', path: join(root, 'roles/app'), params: { x: 1 } });
    expect(task!.tags).toEqual(['t']);
    expect(include).toMatchObject({ kind: 'include_tasks', file: 'more.yml', baseDir: join(root, 'roles/app/tasks') });
    expect(play.roles.map((r) => [r.name, r.defaults])).toEqual([['app', { app_port: 1 }]]);
    expect(play.handlers.map((h) => h.name)).toEqual(['app handler']);
  });

  it('runs a role twice only when its parameters differ', async () => {
    const root = writeTree({ ...ROLE_FILES, 'pb.yml': '- hosts: all\n  roles:\n    - app\n    - app\n    - {role: app, app_port: 2}\n' });
    const play = (await loadPlaybook(join(root, 'pb.yml'))).plays[0]!;
    expect(play.tasks.map((t) => t.role?.params)).toEqual([undefined, { app_port: 2 }]);
  });

  it('runs a role again when its tags or when differ, as Ansible documents', async () => {
    const root = writeTree({ ...ROLE_FILES, 'pb.yml': '- hosts: all\n  roles:\n    - {role: app, tags: a}\n    - {role: app, tags: a}\n    - {role: app, tags: b}\n    - {role: app, when: x}\n' });
    const play = (await loadPlaybook(join(root, 'pb.yml'))).plays[0]!;
    expect(play.tasks.map((t) => [t.tags, t.when])).toEqual([[['a'], []], [['b'], []], [[], ['x']]]);
  });

  it('finds roles on ANSIBLE_ROLES_PATH', async () => {
    const shared = writeTree(ROLE_FILES);
    const root = writeTree({ 'pb.yml': '- hosts: all\n  roles: [app]\n' });
    process.env.ANSIBLE_ROLES_PATH = join(shared, 'roles');
    const play = (await loadPlaybook(join(root, 'pb.yml'))).plays[0]!;
    expect(play.tasks[0]!.role?.path).toBe(join(shared, 'roles/app'));
  });

  it('refuses unknown import arguments instead of ignoring them', async () => {
    const root = writeTree({ ...ROLE_FILES, 'pb.yml': '- hosts: all\n  tasks:\n    - import_role: {name: app, taks_from: x}\n    - include_tasks: {file: a.yml, apply: {tags: x}}\n' });
    const error = await expectClawError(() => loadPlaybook(join(root, 'pb.yml')));
    expect(error.message).toBe("unsupported argument 'taks_from' for import_role");
    expect(error.where).toMatchObject({ line: 3, col: 32 });
    const root2 = writeTree({ 'pb.yml': '- hosts: all\n  tasks:\n    - include_tasks: {file: a.yml, apply: {tags: x}}\n' });
    const error2 = await expectClawError(() => loadPlaybook(join(root2, 'pb.yml')));
    expect(error2.message).toBe("unsupported argument 'apply' for include_tasks");
  });

  it('loads an include_tasks file at run time with the role attached', async () => {
    const root = writeTree(ROLE_FILES);
    const tasks = await loadTaskFile('extra.yml', { baseDir: join(root, 'roles/app/tasks'), role: { name: 'app', path: join(root, 'roles/app') } });
    expect(tasks.map((t) => [t.kind, t.role?.name])).toEqual([['task', 'app'], ['include_tasks', 'app']]);
    const missing = await expectClawError(() => loadTaskFile('nope.yml', { baseDir: root, from: 'pb.yml:3:7' }));
    expect(missing.format()).toContain(`pb.yml:3:7: tasks file not found: ${join(root, 'nope.yml')}`);
  });
});
