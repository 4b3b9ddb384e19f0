import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { CENSORED } from '../../../src/runner/execute-task.js';
import { results, runScenario } from './helpers.js';

const pb = (tasks: string, extra = ''): Record<string, string> => ({ 'playbook.yml': `- hosts: all\n  gather_facts: false\n${extra}  tasks:\n${tasks}` });

describe('task keywords', () => {
  it('changed_when and failed_when see the registered result', async () => {
    const fake = new FakeConnection('web1').respond('echo status', { stdout: 'DIRTY\n' });
    const out = await runScenario({
      files: pb(`    - name: probe
      command: echo status
      register: st
      changed_when: "'DIRTY' in st.stdout"
      failed_when: st.rc != 0
    - name: strict
      command: echo status
      register: st2
      failed_when: "'DIRTY' in st2.stdout"
`),
      fakes: new Map([['web1', fake]]),
    });
    expect(results(out, 'probe')[0]?.status).toBe('changed');
    expect(results(out, 'strict')[0]).toMatchObject({ status: 'failed' });
    expect(results(out, 'strict')[0]?.result.failed_when_result).toBe(true);
  });

  it('until retries with delay and records attempts', async () => {
    const fake = new FakeConnection('web1');
    fake.respond('echo poll', { stdout: 'wait\n' }, 2);
    fake.respond('echo poll', { stdout: 'ready\n' });
    const slept: number[] = [];
    // Later rules win: limit the first two answers, then "ready".
    const f2 = new FakeConnection('web1');
    f2.respond('echo poll', { stdout: 'ready\n' });
    f2.respond('echo poll', { stdout: 'wait\n' }, 2);
    const out = await runScenario({
      files: pb(`    - name: poll\n      command: echo poll\n      register: p\n      until: "'ready' in p.stdout"\n      retries: 5\n      delay: 2\n`),
      fakes: new Map([['web1', f2]]),
      options: { sleep: async (ms) => void slept.push(ms) },
    });
    expect(results(out, 'poll')[0]?.result.attempts).toBe(3);
    expect(slept).toEqual([2000, 2000]);
    expect(f2.commands()).toHaveLength(3);
    void fake;
  });

  it('until gives up after retries+1 attempts and fails', async () => {
    const fake = new FakeConnection('web1').respond('echo poll', { stdout: 'wait\n' });
    const out = await runScenario({
      files: pb(`    - name: poll\n      command: echo poll\n      register: p\n      until: "'ready' in p.stdout"\n      retries: 2\n      delay: 0\n`),
      fakes: new Map([['web1', fake]]),
    });
    expect(results(out, 'poll')[0]).toMatchObject({ status: 'failed' });
    expect(fake.commands()).toHaveLength(3);
  });

  it('no_log censors the shown result but register keeps it', async () => {
    const out = await runScenario({
      files: pb(`    - name: secret\n      set_fact: { token: s3cr3t }\n      no_log: true\n      register: r\n    - name: show\n      debug: { msg: "{{ token }}" }\n`),
    });
    expect(results(out, 'secret')[0]?.result).toEqual({ censored: CENSORED, changed: false });
    expect(results(out, 'secret')[0]?.noLog).toBe(true);
    expect(results(out, 'show')[0]?.result.msg).toBe('s3cr3t');
  });

  it('assert, fail and debug var behave as Ansible', async () => {
    const out = await runScenario({
      files: pb(`    - name: ok assert\n      assert: { that: ["x == 1", "x > 0"], success_msg: fine }\n    - name: show var\n      debug: { var: x }\n    - name: undefined var\n      debug: { var: nope }\n    - name: bad assert\n      assert: { that: x == 2, fail_msg: "x is {{ x }}" }\n`, '  vars: { x: 1 }\n'),
    });
    expect(results(out, 'ok assert')[0]?.result.msg).toBe('fine');
    expect(results(out, 'show var')[0]?.result.x).toBe(1);
    expect(results(out, 'undefined var')[0]?.result.nope).toBe('VARIABLE IS NOT DEFINED!');
    expect(results(out, 'bad assert')[0]?.result).toMatchObject({ failed: true, msg: 'x is 1', assertion: 'x == 2' });
  });

  it('environment is templated and passed to every command', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: pb(`    - name: env\n      command: echo hi\n      environment: { LANG: "{{ lang }}", SKIP: "{{ omit }}" }\n`, '  vars: { lang: C.UTF-8 }\n'),
      fakes: new Map([['web1', fake]]),
    });
    const call = fake.calls.find((c) => c.kind === 'run');
    expect(call?.kind === 'run' ? call.options.env : undefined).toEqual({ LANG: 'C.UTF-8' });
  });

  it('become: task over play over ansible_become vars, password from options', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: pb(`    - { name: as root, command: echo a }\n    - { name: as app, command: echo b, become_user: app }\n    - { name: plain, command: echo c, become: false }\n`, '  become: true\n'),
      fakes: new Map([['web1', fake]]),
      options: { becomePassword: 'pw' },
    });
    const becomes = fake.calls.map((c) => (c.kind === 'run' ? c.options.become : null));
    expect(becomes).toEqual([{ method: 'sudo', user: 'root', password: 'pw' }, { method: 'sudo', user: 'app', password: 'pw' }, undefined]);
  });

  it('tags select tasks; always runs, never only on request', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: pb(`    - { command: echo one, tags: [one] }\n    - { command: echo two, tags: [two] }\n    - { command: echo always, tags: [always] }\n    - { command: echo never, tags: [never] }\n`),
      fakes: new Map([['web1', fake]]),
      tags: ['two'],
    });
    expect(fake.commands()).toEqual(['echo two', 'echo always']);
  });

  it('run_once runs on the first host and registers the result everywhere', async () => {
    const fakes = new Map([['web1', new FakeConnection('web1').respond('echo once', { stdout: 'x\n' })], ['web2', new FakeConnection('web2')]]);
    const out = await runScenario({
      files: pb(`    - { name: once, command: echo once, run_once: true, register: o }\n    - { name: show, debug: { msg: "{{ o.stdout }}" } }\n`),
      hosts: { web1: {}, web2: {} },
      fakes,
    });
    expect(fakes.get('web2')?.commands()).toEqual([]);
    expect(results(out, 'show').map((r) => r.result.msg)).toEqual(['x', 'x']);
  });

  it('delegate_to uses the delegate connection with the original host vars', async () => {
    const fakes = new Map([['web1', new FakeConnection('web1')], ['db1', new FakeConnection('db1')]]);
    const out = await runScenario({
      files: pb(`    - { name: delegated, command: "echo {{ inventory_hostname }}", delegate_to: db1 }\n`),
      hosts: { web1: {}, db1: {} },
      fakes,
    });
    expect(fakes.get('db1')?.commands()).toEqual(['echo web1', 'echo db1']);
    expect(fakes.get('web1')?.commands()).toEqual([]);
    expect(results(out, 'delegated')[0]?.delegatedTo).toBe('db1');
  });

  it('an unreachable host drops out while others finish; exit 3', async () => {
    const out = await runScenario({
      files: pb(`    - { name: one, command: echo one }\n    - { name: two, command: echo two }\n`),
      hosts: { web1: {}, web2: {} },
      unreachable: ['web2'],
    });
    expect(out.lines).toEqual(['one|web1|changed', 'one|web2|unreachable', 'two|web1|changed']);
    expect(out.summary.stats.web2).toMatchObject({ unreachable: 1 });
    expect(out.summary.exitCode).toBe(3);
  });

  it('any_errors_fatal ends the play for every host', async () => {
    const fakes = new Map([['web1', new FakeConnection('web1').respond('false', { rc: 1 })], ['web2', new FakeConnection('web2')]]);
    await runScenario({
      files: pb(`    - { name: maybe, command: "{{ 'false' if inventory_hostname == 'web1' else 'true' }}" }\n    - { name: next, command: echo next }\n`, '  any_errors_fatal: true\n'),
      hosts: { web1: {}, web2: {} },
      fakes,
    });
    expect(fakes.get('web2')?.commands()).toEqual(['true']);
  });

  it('serial runs the play batch by batch', async () => {
    const out = await runScenario({
      files: pb(`    - { name: a, debug: { msg: a } }\n    - { name: b, debug: { msg: b } }\n`, '  serial: [1, "50%"]\n'),
      hosts: { h1: {}, h2: {}, h3: {}, h4: {} },
    });
    expect(out.lines).toEqual(['a|h1|ok', 'b|h1|ok', 'a|h2|ok', 'a|h3|ok', 'b|h2|ok', 'b|h3|ok', 'a|h4|ok', 'b|h4|ok']);
  });

  it('shows a templated task name rendered with the first host\'s variables', async () => {
    const out = await runScenario({
      files: pb(`    - name: "install {{ pkg }}"\n      debug: { msg: x }\n    - name: "item {{ item }}"\n      debug: { msg: x }\n      loop: [1]\n`, '  vars: { pkg: nginx }\n'),
    });
    const starts = out.events.flatMap((e) => (e.type === 'task-start' ? [e.name] : []));
    expect(starts).toEqual(['install nginx', 'item {{ item }}']);
  });

  it('passes command output lines on as host-output events (live progress)', async () => {
    const fake = new FakeConnection('web1').respond('echo out', { stdout: 'a\nb\n' });
    const out = await runScenario({ files: pb(`    - { name: talk, command: echo out }\n`), fakes: new Map([['web1', fake]]) });
    expect(out.events.flatMap((e) => (e.type === 'host-output' ? [`${e.host}:${e.line}`] : []))).toEqual(['web1:a', 'web1:b']);
  });
});
