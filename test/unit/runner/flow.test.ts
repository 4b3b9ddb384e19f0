import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { results, runScenario } from './helpers.js';

describe('include_tasks, meta, add_host', () => {
  it('includes a templated file per loop item with include vars', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({
      files: {
        'playbook.yml': `
- hosts: all
  gather_facts: false
  vars: { part: inner }
  tasks:
    - name: inc
      include_tasks: "{{ part }}.yml"
      loop: [a, b]
      vars: { suffix: "-x" }
`,
        'inner.yml': `- name: inner\n  command: "echo {{ item }}{{ suffix }}"\n`,
      },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual(['echo a-x', 'echo b-x']);
    expect(results(out, 'inc').map((r) => r.status)).toEqual(['ok']);
    // As ansible-playbook: each included file counts as ok, plus each task run.
    expect(out.summary.stats.web1).toMatchObject({ ok: 4, changed: 2 });
  });

  it('skips an include whose when is false', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - include_tasks: inner.yml\n      when: false\n`, 'inner.yml': `- command: echo no\n` },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual([]);
  });

  it('meta end_host stops one host, end_play all', async () => {
    const out = await runScenario({
      files: {
        'playbook.yml': `
- hosts: all
  gather_facts: false
  tasks:
    - meta: end_host
      when: inventory_hostname == 'h1'
    - { name: after host, debug: { msg: x } }
    - meta: end_play
    - { name: after play, debug: { msg: x } }
- hosts: all
  gather_facts: false
  tasks:
    - { name: second play, debug: { msg: x } }
`,
      },
      hosts: { h1: {}, h2: {} },
    });
    expect(out.lines).toEqual(['after host|h2|ok', 'second play|h1|ok', 'second play|h2|ok']);
  });

  it('add_host makes a host available to later plays', async () => {
    const out = await runScenario({
      files: {
        'playbook.yml': `
- hosts: web1
  gather_facts: false
  tasks:
    - { name: add, add_host: { name: extra1, groups: [extras], color: red } }
- hosts: extras
  gather_facts: false
  tasks:
    - { name: on extra, debug: { msg: "{{ color }}" } }
`,
      },
    });
    expect(results(out, 'add')[0]?.status).toBe('changed');
    expect(results(out, 'on extra').map((r) => `${r.host}:${String(r.result.msg)}`)).toEqual(['extra1:red']);
  });

  it('--start-at-task skips the tasks before the named one', async () => {
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: one, debug: { msg: 1 } }\n    - { name: two, debug: { msg: 2 } }\n` },
      options: { startAtTask: 'two' },
    });
    expect(out.lines).toEqual(['two|web1|ok']);
  });

  it('stops scheduling when the signal is aborted and exits 99', async () => {
    const controller = new AbortController();
    const fake = new FakeConnection('web1').respond('echo one', () => {
      controller.abort();
      return { stdout: '' };
    });
    const out = await runScenario({
      files: { 'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: one, command: echo one, notify: h }\n    - { name: two, command: echo two }\n  handlers:\n    - { name: h, command: echo h }\n` },
      fakes: new Map([['web1', fake]]),
      options: { signal: controller.signal },
    });
    expect(fake.commands()).toEqual(['echo one']);
    expect(out.summary.exitCode).toBe(99);
    expect(out.events.some((e) => e.type === 'interrupted')).toBe(true);
    expect(out.events.at(-1)?.type).toBe('recap');
    // The notification the interruption kept from running is saved for the next run.
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(`${out.dir}/.claw-provision/pending-handlers.json`, 'utf8'))).toEqual({ pending: [{ play: 'all', handler: 'h', hosts: ['web1'] }] });
  });

  it('delivers saved pending handlers at the first flush of the next run', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({
      files: {
        'playbook.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - { name: t, debug: { msg: x } }\n  handlers:\n    - { name: restart, command: echo restart }\n`,
        '.claw-provision/pending-handlers.json': JSON.stringify({ pending: [{ play: 'all', handler: 'restart', hosts: ['web1'] }] }),
      },
      fakes: new Map([['web1', fake]]),
    });
    expect(fake.commands()).toEqual(['echo restart']);
    expect(out.lines).toEqual(['t|web1|ok', 'restart|web1|changed']);
    const { access } = await import('node:fs/promises');
    await expect(access(`${out.dir}/.claw-provision/pending-handlers.json`)).rejects.toThrow();
  });
});
