import type { HostStats, RunEvent } from '../../../src/report/events.js';

// The golden.yml run (see golden/README.md) as the RunEvents the runner emits for it.

const source = { file: 'golden.yml', line: 1, col: 7 };
const hosts = ['alpha', 'beta'];
const debug = 'ansible.builtin.debug';
const task = (name: string): RunEvent => ({ type: 'task-start', name, source, hosts, handler: false });
const stats = (changed: number): HostStats => ({ ok: 6, changed, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 2 });

function loopItems(host: string): RunEvent[] {
  const items = ['a', 'b'].map((item): RunEvent => ({
    type: 'host-result',
    task: 'loop over items',
    host,
    status: 'ok',
    item,
    action: debug,
    noLog: false,
    result: { changed: false, msg: `item ${item}`, item, ansible_loop_var: 'item', _ansible_verbose_always: true, _ansible_item_label: item },
  }));
  const results = items.map((event) => (event.type === 'host-result' ? event.result : {}));
  return [...items, { type: 'host-result', task: 'loop over items', host, status: 'ok', action: debug, noLog: false, result: { changed: false, msg: 'All items completed', results } }];
}

function failLoop(host: string): RunEvent[] {
  const base = { type: 'host-result', task: 'fail in loop', host, action: 'ansible.builtin.fail', noLog: false } as const;
  const skipped = { changed: false, skipped: true, skip_reason: 'Conditional result was False', item: 'a', ansible_loop_var: 'item' };
  const failed = { changed: false, failed: true, msg: 'bad b', item: 'b', ansible_loop_var: 'item' };
  return [
    { ...base, status: 'skipped', item: 'a', result: skipped },
    { ...base, status: 'failed', item: 'b', result: failed },
    { ...base, status: 'failed', ignored: true, result: { changed: false, failed: true, msg: 'One or more items failed', results: [skipped, failed] } },
  ];
}

export function scriptedRun(): RunEvent[] {
  const conf = (host: string): string => `/tmp/h5-ans/${host}.conf (content)`;
  return [
    { type: 'playbook-start', file: '/tmp/h5-ans/golden.yml', check: false },
    { type: 'play-start', name: 'Golden play', hosts },
    task('say hello'),
    ...hosts.map((host): RunEvent => ({ type: 'host-result', task: 'say hello', host, status: 'ok', action: debug, noLog: false, result: { changed: false, msg: 'hello', _ansible_verbose_always: true } })),
    task('edit a line'),
    {
      type: 'host-result', task: 'edit a line', host: 'alpha', status: 'changed', action: 'ansible.builtin.lineinfile', noLog: false,
      result: { changed: true, msg: 'line replaced', backup: '' },
      diff: [{ before: 'port=80\nname=x\n', after: 'port=8080\nname=x\n', before_header: conf('alpha'), after_header: conf('alpha') }],
    },
    { type: 'host-result', task: 'edit a line', host: 'beta', status: 'ok', action: 'ansible.builtin.lineinfile', noLog: false, result: { changed: false, msg: '', backup: '' } },
    task('loop over items'),
    ...loopItems('alpha'),
    ...loopItems('beta'),
    task('never runs'),
    ...hosts.map((host): RunEvent => ({ type: 'host-result', task: 'never runs', host, status: 'skipped', action: debug, noLog: false, result: { changed: false, skipped: true, skip_reason: 'Conditional result was False' } })),
    task('hidden'),
    ...hosts.map((host): RunEvent => ({ type: 'host-result', task: 'hidden', host, status: 'ok', action: debug, noLog: true, result: { changed: false, msg: 'secret stuff', _ansible_verbose_always: true } })),
    task('fail in loop'),
    ...failLoop('alpha'),
    ...failLoop('beta'),
    task('fail but ignore'),
    ...hosts.map((host): RunEvent => ({ type: 'host-result', task: 'fail but ignore', host, status: 'failed', ignored: true, action: 'ansible.builtin.fail', noLog: false, result: { changed: false, failed: true, msg: 'boom' } })),
    { type: 'recap', stats: { beta: stats(0), alpha: stats(1) } },
  ];
}
