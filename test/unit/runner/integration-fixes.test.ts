import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { BecomeError, TransferError } from '../../../src/connection/errors.js';
import { results, runScenario } from './helpers.js';

// Regressions found while integrating the runner with the real roles and CLI.

const pb = (tasks: string, extra = ''): Record<string, string> => ({ 'playbook.yml': `- hosts: all\n  gather_facts: false\n${extra}  tasks:\n${tasks}` });
const items = (out: Awaited<ReturnType<typeof runScenario>>, task: string): string[] =>
  out.events.flatMap((e) => (e.type === 'host-result' && e.task === task && e.item !== undefined ? [e.item] : []));

/** Answers the fact reader's batched scripts: the given paths are directories, nothing else exists. */
function factReplies(dirs: string[]): (command: string) => { stdout: string } {
  const dir = (path: string): string => `S\0${path}\0 41ed|0|0|4096|0|0|0|1|2|root|root\0A\0${path}\0`;
  return (command) => {
    const parts = command.split(/printf '\\n%s\\n' '(__claw_fact_[^']+__)'/);
    let stdout = '';
    for (let i = 1; i < parts.length; i += 2) {
      stdout += `\n${parts[i]}\n`;
      if (!parts[i]?.endsWith('_stats__')) continue;
      // The stat batch: one `set -- PATHS` per group, each answered with "/" (the sign its stat ran).
      const groups = [...(parts[i + 1] ?? '').matchAll(/^set -- (.*)$/gm)].map((match) => (match[1] ?? '').split(' '));
      for (const [index, paths] of groups.entries()) stdout += `G\0${index}\0${paths.filter((path) => dirs.includes(path)).map(dir).join('')}${dir('/')}`;
    }
    return { stdout };
  };
}

describe('environment', () => {
  it('play environment merges with block and task environment, the task winning', async () => {
    const fake = new FakeConnection('web1');
    await runScenario({
      files: pb(`    - block:\n        - name: t\n          command: echo hi\n          environment: { C: task }\n      environment: { B: block, C: block }\n`, `  environment: { A: play, B: play, C: play }\n`),
      fakes: new Map([['web1', fake]]),
    });
    const call = fake.calls.find((c) => c.kind === 'run' && c.command === 'echo hi');
    expect(call?.kind === 'run' ? call.options.env : undefined).toEqual({ A: 'play', B: 'block', C: 'task' });
  });

  it('a templated name that is no shell variable name fails the task with a hint', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({ files: pb(`    - name: t\n      command: echo hi\n      environment: "{{ {'BAD-NAME': 'x'} }}"\n`), fakes: new Map([['web1', fake]]) });
    const [result] = results(out, 't');
    expect(result?.status).toBe('failed');
    expect(String(result?.result.msg)).toMatch(/"BAD-NAME" is not a valid shell variable name[\s\S]*hint: use letters/);
    expect(fake.commands()).not.toContain('echo hi');
    expect(out.summary.exitCode).toBe(2);
  });
});

describe('errors from the connection on a reachable host', () => {
  it('BecomeError from run fails the task with message and hint (exit 2, not unreachable)', async () => {
    const fake = new FakeConnection('web1').respond('echo hi', () => {
      throw new BecomeError('become-failed', 'sudo: incorrect password for deploy', { hint: 'pass the sudo password with -K' });
    });
    const out = await runScenario({ files: pb(`    - name: t\n      command: echo hi\n      become: true\n    - name: after\n      command: echo after\n`), fakes: new Map([['web1', fake]]) });
    const [result] = results(out, 't');
    expect(result?.status).toBe('failed');
    expect(String(result?.result.msg)).toMatch(/sudo: incorrect password for deploy\n {2}hint: pass the sudo password with -K/);
    expect(out.summary.stats.web1).toMatchObject({ failed: 1, unreachable: 0 });
    expect(out.summary.exitCode).toBe(2);
    expect(results(out, 'after')).toEqual([]);
  });

  it('TransferError from put (copy) fails the task with message and hint', async () => {
    const fake = new FakeConnection('web1').respond(/__claw_fact_/, factReplies(['/etc']));
    fake.put = async () => {
      throw new TransferError('put-failed', 'cannot write /etc/app.conf: Permission denied', { hint: 'add become: true' });
    };
    const out = await runScenario({ files: pb(`    - name: t\n      copy: { content: "x\\n", dest: /etc/app.conf }\n`), fakes: new Map([['web1', fake]]) });
    const [result] = results(out, 't');
    expect(result?.status).toBe('failed');
    expect(String(result?.result.msg)).toMatch(/Permission denied\n {2}hint: add become: true/);
    expect(out.summary.stats.web1).toMatchObject({ failed: 1, unreachable: 0 });
    expect(out.summary.exitCode).toBe(2);
  });

  it('BecomeError while gathering facts fails the host, not the run', async () => {
    const fake = new FakeConnection('web1').respond(/.*/, () => {
      throw new BecomeError('become-failed', 'sudo: a password is required', { hint: 'use -K' });
    });
    const out = await runScenario({ files: { 'playbook.yml': `- hosts: all\n  become: true\n  tasks:\n    - command: echo hi\n` }, fakes: new Map([['web1', fake]]) });
    expect(results(out, 'Gathering Facts')[0]).toMatchObject({ status: 'failed' });
    expect(String(results(out, 'Gathering Facts')[0]?.result.msg)).toMatch(/a password is required\n {2}hint: use -K/);
    expect(out.summary.exitCode).toBe(2);
  });
});

describe('names and labels', () => {
  it('include_tasks: the include name and the included task names are templated; label shows the item', async () => {
    const out = await runScenario({
      files: {
        ...pb(`    - name: "include for {{ who }}"\n      include_tasks: inc.yml\n      loop: [{ n: a, big: zzz }, { n: b, big: yyy }]\n      loop_control: { loop_var: thing, label: "{{ thing.n }}" }\n`, `  vars: { who: web }\n`),
        'inc.yml': `- name: "do {{ thing.n }} for {{ who }}"\n  debug: { msg: hi }\n`,
      },
    });
    expect(out.lines).toContain('include for web|web1|ok');
    expect(items(out, 'include for web')).toEqual(['a', 'b']);
    expect(out.lines).toContain('do a for web|web1|ok');
    expect(out.lines).toContain('do b for web|web1|ok');
  });

  it('a looped task shows loop_control.label as the item', async () => {
    const out = await runScenario({ files: pb(`    - name: show\n      debug: { msg: x }\n      loop: [{ n: 1, secret: zzz }]\n      loop_control: { label: "{{ item.n }}" }\n`) });
    expect(items(out, 'show')).toEqual(['1']);
  });
});

describe('hostvars', () => {
  it('a play var reading hostvars[inventory_hostname] works; play vars are not in hostvars (as Ansible)', async () => {
    const out = await runScenario({
      files: pb(
        `    - set_fact: { sf: fact }\n    - name: show\n      debug: { msg: "{{ me }} {{ hostvars[inventory_hostname].sf }} {{ hostvars[inventory_hostname].pv | default('NOPV') }}" }\n`,
        `  vars:\n    pv: playvar\n    me: "{{ hostvars[inventory_hostname].addr }}-{{ hostvars[inventory_hostname].me | default('NOME') }}"\n`,
      ),
      hosts: { web1: { addr: '10.0.0.1' } },
    });
    expect(results(out, 'show')[0]?.result.msg).toBe('10.0.0.1-NOME fact NOPV');
  });
});

describe('loop_control.extended and templated notify', () => {
  it('ansible_loop carries index, first/last, length, revindex, prev/next item and allitems', async () => {
    const out = await runScenario({
      files: pb(`    - name: ext\n      debug: { msg: "{{ ansible_loop.index }}/{{ ansible_loop.length }} {{ ansible_loop.first }} {{ ansible_loop.last }} {{ ansible_loop.revindex0 }} {{ ansible_loop.previtem | default('-') }} {{ ansible_loop.nextitem | default('-') }} {{ ansible_loop.allitems | join('') }}" }\n      loop: [a, b, c]\n      loop_control: { extended: true }\n`),
    });
    const shown = out.events.flatMap((e) => (e.type === 'host-result' && e.task === 'ext' && e.item ? [e.result.msg] : []));
    expect(shown).toEqual(['1/3 True False 2 - b abc', '2/3 False False 1 a c abc', '3/3 False True 0 b - abc']);
    const last = out.events.find((e) => e.type === 'host-result' && e.task === 'ext' && e.item === 'c');
    expect(last?.type === 'host-result' ? last.result.ansible_loop : undefined).toMatchObject({ index0: 2, revindex: 1, previtem: 'b' });
  });

  it('extended_allitems: false leaves allitems out', async () => {
    const out = await runScenario({ files: pb(`    - name: ext\n      debug: { msg: "{{ ansible_loop.allitems is defined }}" }\n      loop: [a]\n      loop_control: { extended: true, extended_allitems: false }\n`) });
    expect(out.events.find((e) => e.type === 'host-result' && e.task === 'ext' && e.item)).toMatchObject({ result: { msg: false } });
  });

  it('notify names are templated with the task (and item) variables', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({
      files: {
        'playbook.yml': `- hosts: all\n  gather_facts: false\n  vars: { svc: nginx }\n  tasks:\n    - command: echo one\n      notify: "restart {{ svc }}"\n    - command: echo {{ item }}\n      loop: [redis]\n      notify: "restart {{ item }}"\n  handlers:\n    - name: restart nginx\n      command: echo nginx-restarted\n    - name: restart redis\n      command: echo redis-restarted\n    - name: restart other\n      command: echo other-restarted\n`,
      },
      fakes: new Map([['web1', fake]]),
    });
    expect(out.summary.exitCode).toBe(0);
    expect(fake.commands()).toEqual(expect.arrayContaining(['echo nginx-restarted', 'echo redis-restarted']));
    expect(fake.commands()).not.toContain('echo other-restarted');
  });
});

describe('check mode into a directory an earlier task would create', () => {
  it('the module failure becomes "would run" (changed) and keeps the diff the module computed', async () => {
    const fake = new FakeConnection('web1').respond(/__claw_fact_/, factReplies([]));
    const diff = [{ before: '', after: 'hello\n', before_header: '/srv/app/a.conf', after_header: 'dynamically generated' }];
    const out = await runScenario({
      files: pb(`    - name: dir\n      file: { path: /srv/app, state: directory }\n    - name: cp\n      copy: { dest: /srv/app/a.conf, content: "hello\\n" }\n`),
      fakes: new Map([['web1', fake]]),
      options: { check: true, diff: true },
      // As the copy module answers once it reports its diff with the missing-parent failure.
      wrapDeps: (deps) => ({
        ...deps,
        runModule: async (descriptor, args, ctx) => {
          const result = await deps.runModule(descriptor, args, ctx);
          return descriptor.name.endsWith('.copy') ? { ...result, diff } : result;
        },
      }),
    });
    expect(results(out, 'dir')[0]?.status).toBe('changed');
    const [cp] = results(out, 'cp');
    expect(cp).toMatchObject({ status: 'changed', diff });
    expect(String(cp?.result.msg)).toMatch(/Destination directory \/srv\/app does not exist/);
    expect(fake.puts()).toEqual([]);
  });
});
