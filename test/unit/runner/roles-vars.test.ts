import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { results, runScenario } from './helpers.js';

describe('roles, vars_files and precedence', () => {
  it('role defaults < inventory < play vars < vars_files < role vars < task vars < extra vars', async () => {
    const out = await runScenario({
      files: {
        'playbook.yml': `
- hosts: all
  gather_facts: false
  vars: { from_play: play, level: play }
  vars_files: ["vars/{{ env_name }}.yml"]
  roles:
    - web
  tasks:
    - name: play task
      debug: { msg: "{{ level }} {{ from_file }} {{ from_default }}" }
      vars: { level: task }
`,
        'vars/prod.yml': 'from_file: file\nlevel: file\n',
        'roles/web/defaults/main.yml': 'from_default: default\nlevel: default\nrole_only: rd\n',
        'roles/web/vars/main.yml': 'role_var: rv\n',
        'roles/web/tasks/main.yml': `- name: role task\n  debug: { msg: "{{ level }} {{ role_var }} {{ role_name }} {{ role_path | basename }}" }\n- name: extra wins\n  debug: { msg: "{{ forced }}" }\n  vars: { forced: task }\n`,
      },
      hosts: { web1: { env_name: 'prod', level: 'inventory' } },
      options: { extraVars: [{ level: 'extra_vars', origin: '-e', values: { forced: 'extra' } }] },
    });
    expect(results(out, 'web : role task')[0]?.result.msg).toBe('file rv web web');
    expect(results(out, 'web : extra wins')[0]?.result.msg).toBe('extra');
    expect(results(out, 'play task')[0]?.result.msg).toBe('task file default');
  });

  it('role handlers are notified by name and run at the end of the play', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: {
        'playbook.yml': `- hosts: all\n  gather_facts: false\n  roles: [svc]\n  tasks:\n    - { name: last, command: echo last }\n`,
        'roles/svc/tasks/main.yml': `- { name: configure, command: echo configure, notify: restart svc }\n`,
        'roles/svc/handlers/main.yml': `- { name: restart svc, command: echo restart }\n`,
      },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual(['echo configure', 'echo last', 'echo restart']);
  });

  it('ignore_unreachable keeps the host in the play and counts the task as ignored', async () => {
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: try, command: echo hi, ignore_unreachable: true }\n    - { name: local, debug: { msg: still here } }\n` },
      unreachable: ['web1'],
    });
    expect(out.lines).toEqual(['try|web1|unreachable', 'local|web1|ok']);
    expect(out.summary.stats.web1).toMatchObject({ unreachable: 0, ignored: 1 });
    expect(out.summary.exitCode).toBe(0);
  });

  it('a missing vars_files entry fails that host with the file named', async () => {
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  vars_files: [nope.yml]\n  tasks:\n    - { name: t, debug: { msg: x } }\n` },
    });
    expect(out.summary.exitCode).toBe(2);
    const failure = out.events.find((e) => e.type === 'host-result' && e.status === 'failed');
    expect(failure?.type === 'host-result' ? String(failure.result.msg) : '').toMatch(/nope\.yml/);
  });
});
