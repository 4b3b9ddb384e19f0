import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { results, runScenario } from './helpers.js';

describe('notify and handlers', () => {
  const files = {
    'playbook.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - name: change
      command: echo change
      notify: [second, topic]
    - name: no change
      command: echo same
      changed_when: false
      notify: first
    - name: flush
      meta: flush_handlers
    - name: after flush
      command: echo after
  handlers:
    - name: first
      command: echo first
    - name: second
      command: echo second
    - name: listener
      command: echo listener
      listen: topic
`,
  };

  it('runs notified handlers once, in definition order, at flush_handlers', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({ files, fakes: new Map([['web1', fake]]) });
    expect(fake.commands()).toEqual(['echo change', 'echo same', 'echo second', 'echo listener', 'echo after']);
    expect(out.summary.exitCode).toBe(0);
    const handlerStarts = out.events.filter((e) => e.type === 'task-start' && e.handler).map((e) => (e.type === 'task-start' ? e.name : ''));
    expect(handlerStarts).toEqual(['second', 'listener']);
  });

  it('does not run handlers of a host that failed later, and saves them for the next run', async () => {
    const failing = {
      'playbook.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - name: change
      command: echo change
      notify: restart
    - name: boom
      fail: { msg: stop }
  handlers:
    - name: restart
      command: echo restart
`,
    };
    const fake = new FakeConnection('web1');
    const out = await runScenario({ files: failing, fakes: new Map([['web1', fake]]) });
    expect(fake.commands()).toEqual(['echo change']);
    expect(out.summary.exitCode).toBe(2);
    const { readFile, stat } = await import('node:fs/promises');
    const path = `${out.dir}/.claw-provision/pending-handlers.json`;
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ pending: [{ play: 'all', handler: 'restart', hosts: ['web1'] }] });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('--force-handlers runs notified handlers even after a failure', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: {
        'playbook.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - { name: change, command: echo change, notify: restart }
    - { name: boom, fail: { msg: stop } }
  handlers:
    - { name: restart, command: echo restart }
`,
      },
      fakes: new Map([['web1', fake]]),
      options: { forceHandlers: true },
    });
    expect(fake.commands()).toEqual(['echo change', 'echo restart']);
  });
});

describe('block / rescue / always', () => {
  it('routes a failure to rescue with ansible_failed_task, then always; counts rescued', async () => {
    const fake = new FakeConnection('web1');
    fake.respond('false', { rc: 1, stderr: 'nope' });
    const out = await runScenario({
      files: {
        'playbook.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - block:
        - name: fails
          command: "false"
        - name: not reached
          command: echo unreached
      rescue:
        - name: rescued
          debug: { msg: "{{ ansible_failed_task.name }} rc={{ ansible_failed_result.rc }}" }
      always:
        - name: always
          command: echo always
    - name: continues
      command: echo continues
`,
      },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual(['false', 'echo always', 'echo continues']);
    expect(results(out, 'rescued')[0]?.result.msg).toBe('fails rc=1');
    expect(out.summary.stats.web1).toMatchObject({ failed: 0, rescued: 1 });
    expect(out.summary.exitCode).toBe(0);
  });

  it('runs always for a failed host, which stays failed', async () => {
    const fake = new FakeConnection('web1');
    fake.respond('false', { rc: 1 });
    const out = await runScenario({
      files: {
        'playbook.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - block:
        - { name: fails, command: "false" }
      always:
        - { name: always, command: echo always }
    - { name: never, command: echo never }
`,
      },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual(['false', 'echo always']);
    expect(out.summary.exitCode).toBe(2);
  });

  it('ignore_errors counts the failure as ignored and continues', async () => {
    const fake = new FakeConnection('web1');
    fake.respond('false', { rc: 1 });
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: fails, command: "false", ignore_errors: true }\n    - { name: next, command: echo next }\n` },
      fakes: new Map([['web1', fake]]),
    });
    expect(results(out, 'fails')[0]).toMatchObject({ status: 'failed', ignored: true });
    expect(out.summary.stats.web1).toMatchObject({ ok: 2, changed: 2, ignored: 1, failed: 0 });
    expect(out.summary.exitCode).toBe(0);
  });
});
