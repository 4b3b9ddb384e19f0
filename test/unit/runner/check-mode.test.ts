import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { CHECK_MODE_NOTE } from '../../../src/runner/conditions.js';
import { results, runScenario } from './helpers.js';

describe('check mode', () => {
  it('runs nothing that changes, honours check_mode: false, and reports would-be changes', async () => {
    const fake = new FakeConnection('web1').respond('cat /etc/hostname', { stdout: 'web1\n' });
    const out = await runScenario({
      files: {
        'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: mutate, command: touch /x }\n    - { name: read, command: cat /etc/hostname, check_mode: false, register: h, changed_when: false }\n    - { name: show, debug: { msg: "{{ h.stdout }} {{ ansible_check_mode }}" } }\n    - { name: forced check, command: touch /y, check_mode: true }\n`,
      },
      fakes: new Map([['web1', fake]]),
      options: { check: true },
    });
    expect(fake.commands()).toEqual(['cat /etc/hostname']);
    expect(results(out, 'mutate')[0]?.status).toBe('skipped');
    expect(results(out, 'show')[0]?.result.msg).toBe('web1 True');
    expect(out.summary.exitCode).toBe(0);
  });

  it('task-level check_mode: true simulates even without --check', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: simulated, command: touch /y, check_mode: true }\n` },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual([]);
    expect(results(out, 'simulated')[0]?.status).toBe('skipped');
  });

  it('a module failing after a simulated change reports "would run" with a note, not a failure', async () => {
    const fake = new FakeConnection('web1');
    // Every remote probe fails: the fact reader cannot read the (not yet created) state.
    fake.fallback = { rc: 1, stdout: '', stderr: 'No such file or directory' };
    const out = await runScenario({
      files: {
        'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: first, set_fact: { a: 1 } }\n    - { name: would change, add_host: { name: other } }\n    - { name: into dir, stat: { path: /d/file } }\n`,
      },
      fakes: new Map([['web1', fake]]),
      options: { check: true },
    });
    const into = results(out, 'into dir')[0];
    expect(into?.status).toBe('changed');
    expect(String(into?.result.msg)).toContain(CHECK_MODE_NOTE);
    expect(out.summary.exitCode).toBe(0);
  });

  it('without an earlier simulated change, a module failure in check mode stays a failure', async () => {
    const fake = new FakeConnection('web1');
    fake.fallback = { rc: 1, stdout: '', stderr: 'No such file or directory' };
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: into dir, stat: { path: /d/file } }\n` },
      fakes: new Map([['web1', fake]]),
      options: { check: true },
    });
    expect(results(out, 'into dir')[0]?.status).toBe('failed');
    expect(out.summary.exitCode).toBe(2);
  });

  it('wait_for_connection does not support check mode and is skipped there, as in ansible-core', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: wait, wait_for_connection: { timeout: 1 } }\n` },
      fakes: new Map([['web1', fake]]),
      options: { check: true },
    });
    expect(results(out, 'wait')[0]?.status).toBe('skipped');
    expect(fake.commands()).toEqual([]);
  });
});
