import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { results, runScenario } from './helpers.js';

function play(tasks: string, extra = ''): Record<string, string> {
  return { 'playbook.yml': `- hosts: all\n  gather_facts: false\n${extra}  tasks:\n${tasks}` };
}

describe('variables, when, loop, register', () => {
  it('resolves play vars, set_fact and extra vars in precedence order', async () => {
    const out = await runScenario({
      files: play(
        `    - set_fact: { b: "{{ a }}-fact" }
    - name: show
      debug: { msg: "{{ a }} {{ b }} {{ c }} {{ inventory_hostname }} {{ group_names }}" }
`,
        '  vars: { a: play, c: play }\n',
      ),
      hosts: { web1: { a: 'inventory', c: 'inventory' } },
      groups: { web: ['web1'] },
      options: { extraVars: [{ level: 'extra_vars', origin: '-e', values: { c: 'extra' } }] },
    });
    expect(results(out, 'show')[0]?.result.msg).toBe("play play-fact extra web1 ['web']");
    expect(out.summary.exitCode).toBe(0);
  });

  it('skips on a false when and reports the condition', async () => {
    const out = await runScenario({ files: play(`    - name: never\n      debug: { msg: x }\n      when: 1 == 2\n      register: r\n    - name: after\n      debug: { var: r.skipped }\n`) });
    expect(results(out, 'never')[0]?.status).toBe('skipped');
    expect(results(out, 'after')[0]?.result['r.skipped']).toBe(true);
    expect(out.summary.stats.web1).toMatchObject({ ok: 1, skipped: 1 });
  });

  it('evaluates when per loop item after templating the loop and registers .results', async () => {
    const out = await runScenario({
      files: play(
        `    - name: items
      command: "echo {{ item }}"
      loop: "{{ numbers }}"
      when: item > 1
      register: echoed
    - name: count
      debug: { msg: "{{ echoed.results | map(attribute='changed') | list }} {{ echoed.results[1].stdout }} {{ echoed.changed }}" }
`,
        '  vars: { numbers: [1, 2, 3] }\n',
      ),
      fakes: new Map([['web1', new FakeConnection('web1').respond(/^echo /, (cmd) => ({ stdout: `${cmd.slice(5)}\n` }))]]),
    });
    const items = out.events.filter((e) => e.type === 'host-result' && e.task === 'items' && e.item !== undefined);
    expect(items.map((e) => (e.type === 'host-result' ? `${e.item}:${e.status}` : ''))).toEqual(['1:skipped', '2:changed', '3:changed']);
    expect(results(out, 'count')[0]?.result.msg).toBe('[False, True, True] 2 True');
    expect(out.fakes.get('web1')?.commands()).toEqual(['echo 2', 'echo 3']);
  });

  it('supports loop_control loop_var, index_var and label', async () => {
    const out = await runScenario({
      files: play(`    - name: labelled
      debug: { msg: "{{ idx }}={{ user.name }}" }
      loop: [{ name: ann }, { name: bob }]
      loop_control: { loop_var: user, index_var: idx, label: "{{ user.name }}" }
      register: r
    - name: show
      debug: { msg: "{{ r.results | map(attribute='msg') | join(',') }}" }
`),
    });
    const labels = out.events.flatMap((e) => (e.type === 'host-result' && e.task === 'labelled' && e.item ? [e.item] : []));
    expect(labels).toEqual(['ann', 'bob']);
    expect(results(out, 'show')[0]?.result.msg).toBe('0=ann,1=bob');
  });

  it('reports an empty loop as skipped', async () => {
    const out = await runScenario({ files: play(`    - name: empty\n      debug: { msg: x }\n      loop: []\n`) });
    expect(results(out, 'empty')[0]?.status).toBe('skipped');
  });

  it('turns an undefined variable into a task failure naming it, and the host drops out', async () => {
    const out = await runScenario({
      files: play(`    - name: bad\n      debug: { msg: "{{ nope }}" }\n    - name: later\n      debug: { msg: x }\n`),
      hosts: { web1: {}, web2: { nope: 'here' } },
    });
    const bad = results(out, 'bad');
    expect(bad.find((r) => r.host === 'web1')?.status).toBe('failed');
    expect(String(bad.find((r) => r.host === 'web1')?.result.msg)).toMatch(/nope/);
    expect(results(out, 'later').map((r) => r.host)).toEqual(['web2']);
    expect(out.summary.exitCode).toBe(2);
  });

  it('drops arguments that render to omit', async () => {
    const fake = new FakeConnection('web1');
    const out = await runScenario({
      files: play(`    - name: omitted\n      command:\n        cmd: echo hi\n        chdir: "{{ missing | default(omit) }}"\n`),
      fakes: new Map([['web1', fake]]),
    });
    expect(results(out, 'omitted')[0]?.status).toBe('changed');
    const run = fake.calls.find((c) => c.kind === 'run');
    expect(run?.kind === 'run' ? run.options.cwd : 'x').toBeUndefined();
  });

  it('exposes hostvars, groups and magic variables', async () => {
    const out = await runScenario({
      files: play(`    - name: magic\n      debug: { msg: "{{ hostvars['web2'].color }} {{ groups['web'] | join(',') }} {{ ansible_play_hosts | length }} {{ ansible_check_mode }} {{ inventory_hostname_short }}" }\n      when: inventory_hostname == 'web1.example.com'\n`),
      hosts: { 'web1.example.com': {}, web2: { color: 'blue' } },
      groups: { web: ['web1.example.com', 'web2'] },
    });
    expect(results(out, 'magic').find((r) => r.host === 'web1.example.com')?.result.msg).toBe('blue web1.example.com,web2 2 False web1');
  });

  it('hostvars entries resolve in their own host context; an unresolvable neighbour does not break them', async () => {
    const out = await runScenario({
      files: play(`    - name: look\n      debug: { msg: "{{ hostvars['web2'].addr }} {{ hostvars['web2'].broken }}" }\n      when: inventory_hostname == 'web1'\n`),
      hosts: { web1: { addr: '{{ inventory_hostname }}-addr' }, web2: { addr: '{{ inventory_hostname }}-addr', broken: '{{ not_defined_anywhere }}' } },
    });
    expect(results(out, 'look').find((r) => r.host === 'web1')?.result.msg).toBe('web2-addr {{ not_defined_anywhere }}');
  });
});
