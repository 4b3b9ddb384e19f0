import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { runScenario } from './helpers.js';

// Notifications saved by an interrupted or failed run join the next run's own notifications:
// the handler runs at the first flush after a task, once per host even when the run notifies
// it again (as Ansible runs a handler at most once per flush).

const SAVED = JSON.stringify({ pending: [{ play: 'all', handler: 'restart', hosts: ['web1'] }] });
const HANDLERS = '  handlers:\n    - { name: restart, command: echo restart }\n';

async function run(tasks: string, preTasks = ''): Promise<{ commands: string[]; lines: string[]; dir: string }> {
  const fake = new FakeConnection('web1');
  const playbook = `- hosts: all\n  gather_facts: false\n${preTasks}  tasks:\n${tasks}${HANDLERS}`;
  const out = await runScenario({ files: { 'playbook.yml': playbook, '.claw-provision/pending-handlers.json': SAVED }, fakes: new Map([['web1', fake]]) });
  return { commands: fake.commands(), lines: out.lines, dir: out.dir };
}

describe('saved handler notifications', () => {
  it('a saved notification the run notifies again runs the handler once', async () => {
    const out = await run('    - { name: change, command: echo change, notify: restart }\n');
    expect(out.commands).toEqual(['echo change', 'echo restart']);
    expect(out.lines).toEqual(['change|web1|changed', 'restart|web1|changed']);
  });

  it('is delivered at the first flush even when nothing notifies it again, then forgotten', async () => {
    const out = await run('    - { name: t, debug: { msg: x } }\n');
    expect(out.lines).toEqual(['t|web1|ok', 'restart|web1|changed']);
    await expect(readFile(`${out.dir}/.claw-provision/pending-handlers.json`)).rejects.toThrow();
  });

  it('pre_tasks flush first: a re-notification in tasks is a second flush', async () => {
    const out = await run('    - { name: change, command: echo change, notify: restart }\n', '  pre_tasks:\n    - { name: pre, debug: { msg: x } }\n');
    expect(out.lines).toEqual(['pre|web1|ok', 'restart|web1|changed', 'change|web1|changed', 'restart|web1|changed']);
  });

  it('stays saved when the host fails before the flush', async () => {
    const out = await run('    - { name: boom, fail: { msg: stop } }\n');
    expect(out.commands).toEqual([]);
    expect(JSON.parse(await readFile(`${out.dir}/.claw-provision/pending-handlers.json`, 'utf8'))).toEqual(JSON.parse(SAVED));
  });
});
