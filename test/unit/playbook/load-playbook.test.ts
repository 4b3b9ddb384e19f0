import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, IncludeTasks, Task } from '../../../src/playbook/model.js';
import { loadPlaybook } from '../../../src/playbook/load-playbook.js';
import { ensureTestModules } from './helpers.js';

const SITE = resolve('test/fixtures/loader/site/site.yml');

describe('loadPlaybook', () => {
  beforeAll(() => ensureTestModules());

  it('loads plays, roles (dependencies first, once each) and import_playbook', async () => {
    const pb = await loadPlaybook(SITE);
    expect(pb.plays.map((p) => p.name)).toEqual(['Web servers', 'all']);
    const play = pb.plays[0]!;
    expect(play.source).toEqual({ file: SITE, line: 1, col: 3 });
    expect(play.become).toBe(true);
    expect(play.varsFiles).toEqual(['vars/extra.yml']);
    // common is loaded once although web depends on it too.
    expect(play.roles.map((r) => r.name)).toEqual(['common', 'web']);
    const web = play.roles[1]!;
    expect(web.defaults).toEqual({ web_port: 80 });
    expect(web.roleVars).toEqual({ web_user: 'www' });
    expect(web.params).toEqual({ web_port: 8080 });
    expect(play.roles[0]!.defaults).toEqual({ a: 3, b: 2 });
    expect(pb.plays[1]!.gatherFacts).toBe(false);
  });

  it('gives role tasks the role, and the role entry tags/when plus play tags', async () => {
    const play = (await loadPlaybook(SITE)).plays[0]!;
    const [common, webTask] = play.tasks as Task[];
    expect(common!.name).toBe('common task');
    expect(common!.role?.name).toBe('common');
    expect(common!.tags).toEqual(['play']);
    expect(webTask!.role).toMatchObject({ name: 'web', params: { web_port: 8080 } });
    expect(webTask!.tags).toEqual(['play', 'webtag']);
    expect(webTask!.when).toEqual(['enable_web | bool']);
    expect(webTask!.module).toBe('ansible.builtin.copy');
    expect(webTask!.args).toEqual({ content: 'x', dest: '/tmp/web' });
  });

  it('splits key=value and free-form arguments', async () => {
    const tasks = (await loadPlaybook(SITE)).plays[0]!.tasks as Task[];
    const file = tasks.find((t) => t.name === 'Make dir')!;
    expect(file.args).toEqual({ path: '/tmp/x', state: 'directory', mode: '0755' });
    expect(file.notify).toEqual(['restart web']);
    const command = tasks.find((t) => t.moduleAsWritten === 'command')!;
    expect(command.module).toBe('ansible.builtin.command');
    expect(command.args).toEqual({ _raw_params: 'echo hi', creates: '/tmp/y', chdir: '/tmp' });
  });

  it('folds block when/tags/become into its tasks and keeps block vars on the block', async () => {
    const play = (await loadPlaybook(SITE)).plays[0]!;
    const block = play.tasks.find((t) => t.kind === 'block') as Block;
    expect(block.when).toEqual(['block_ok']);
    const inner = block.block[0] as Task;
    expect(inner.when).toEqual(['block_ok', 'inner_ok']);
    expect(inner.tags).toEqual(['play', 'blocktag']);
    expect(inner.becomeUser).toBe('app');
    expect(inner.environment).toEqual({ A: '1', B: '3', C: '4' });
    expect(inner.args).toEqual({ _raw_params: 'true' });
    expect((block.rescue[0] as Task).args).toEqual({ msg: 'rescued' });
  });

  it('inlines import_tasks with its tags and vars; keeps include_tasks dynamic', async () => {
    const play = (await loadPlaybook(SITE)).plays[0]!;
    const extra = play.tasks.find((t) => t.name === 'extra one') as Task;
    expect(extra.tags).toEqual(['play', 'imported']);
    expect(extra.vars).toEqual({ extra_var: 1, own: 2 });
    expect(extra.source.file).toBe(resolve('test/fixtures/loader/site/tasks/extra.yml'));
    const include = play.tasks.find((t) => t.kind === 'include_tasks') as IncludeTasks;
    expect(include.file).toBe('tasks/{{ dyn }}.yml');
    expect(include.baseDir).toBe(resolve('test/fixtures/loader/site'));
  });

  it('passes a block notify to tasks that name no handler', async () => {
    const play = (await loadPlaybook(SITE)).plays[0]!;
    const block = play.tasks.filter((t) => t.kind === 'block').at(-1) as Block;
    expect((block.block[0] as Task).notify).toEqual(['from block']);
    expect((block.block[1] as Task).notify).toEqual(['other']);
  });

  it('converts with_items to a loop flattened one level', async () => {
    const play = (await loadPlaybook(SITE)).plays[0]!;
    const items = play.tasks.find((t) => t.name === 'items') as Task;
    expect(items.loop).toEqual([1, 2, 3]);
  });

  it('joins role handlers after the play handlers, with listen topics', async () => {
    const play = (await loadPlaybook(SITE)).plays[0]!;
    expect(play.handlers.map((h) => h.name)).toEqual(['play handler', 'restart web']);
    expect(play.handlers[1]!.listen).toEqual(['web changed']);
    expect(play.handlers[1]!.role?.name).toBe('web');
  });
});
