import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from '../../src/connection/pool.js';
import type { Connection, ConnectionSpec } from '../../src/connection/types.js';
import { startSshd, type TestSshd } from './harness/sshd.js';
import { applyOptions, runEngine, writeInventory, type EngineRun, type HostResult } from './playbook-helpers.js';

// Round trips per host on a real sshd for a small bench-like role (directories, templates,
// copies, lines in one file, commands with `creates`, a handler): a converged re-run and
// --check --diff read every fact in one remote command, a first apply reads facts far less
// often than once per task, and a change made behind the engine's back is still seen.

let sshd: TestSshd;
let scratch: string;

beforeAll(async () => {
  sshd = await startSshd({ nopasswd: true });
  scratch = await mkdtemp('/tmp/claw-e2e-trips-');
  await chmod(scratch, 0o777);
});

afterAll(async () => {
  await sshd?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const DIRS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];

function tasks(): string {
  const out: string[] = [];
  for (const [i, d] of DIRS.entries()) out.push(`- name: dir ${d}\n  file: { path: "{{ root }}/${d}", state: directory, mode: "${i % 2 ? '0700' : '0755'}" }`);
  for (const d of DIRS.slice(0, 5)) out.push(`- name: template ${d}\n  template: { src: small.conf.j2, dest: "{{ root }}/${d}/t.conf", mode: "0644" }\n  vars: { index: "${d}" }\n  notify: handler`);
  for (const d of DIRS.slice(0, 5)) out.push(`- name: copy ${d}\n  copy: { content: "copy {{ inventory_hostname }} ${d}\\n", dest: "{{ root }}/${d}/c.txt", mode: "0640" }`);
  for (const n of [1, 2, 3, 4]) out.push(`- name: line ${n}\n  lineinfile: { path: "{{ root }}/lines.conf", regexp: "^key${n}=", line: "key${n}=v${n}", create: true, mode: "0644" }`);
  for (const d of DIRS.slice(0, 3)) out.push(`- name: command ${d}\n  command: cp /etc/hostname {{ root }}/${d}/marker\n  args: { creates: "{{ root }}/${d}/marker" }`);
  return `${out.join('\n\n')}\n`;
}

async function project(): Promise<{ playbook: string; inventory: string; root: string }> {
  const dir = join(scratch, 'project');
  await mkdir(join(dir, 'roles', 'trips', 'tasks'), { recursive: true });
  await mkdir(join(dir, 'roles', 'trips', 'templates'), { recursive: true });
  await mkdir(join(dir, 'roles', 'trips', 'handlers'), { recursive: true });
  await writeFile(join(dir, 'roles', 'trips', 'tasks', 'main.yml'), tasks());
  await writeFile(join(dir, 'roles', 'trips', 'templates', 'small.conf.j2'), 'host = {{ inventory_hostname }}\nindex = {{ index }}\n');
  await writeFile(join(dir, 'roles', 'trips', 'handlers', 'main.yml'), '- name: handler\n  command: cp /etc/hostname {{ root }}/handler-ran\n');
  const playbook = join(dir, 'playbook.yml');
  await writeFile(playbook, '- hosts: all\n  gather_facts: false\n  vars: { root: "{{ base }}/{{ inventory_hostname }}" }\n  roles: [trips]\n');
  const base = join(scratch, 'targets');
  await mkdir(base, { mode: 0o777 });
  await chmod(base, 0o777);
  const inventory = await writeInventory(join(dir, 'inventory.yml'), sshd, [{ name: 'trips', base }]);
  return { playbook, inventory, root: join(base, 'trips') };
}

/** The real pool, counting the remote commands (runs and transfers) each host is sent. */
function countingConnect(): { connect: (spec: ConnectionSpec) => Promise<Connection>; counts: Map<string, number> } {
  const pool = new ConnectionPool();
  const counts = new Map<string, number>();
  const wrapped = new WeakMap<Connection, Connection>();
  const count = (host: string): void => void counts.set(host, (counts.get(host) ?? 0) + 1);
  const connect = async (spec: ConnectionSpec): Promise<Connection> => {
    const inner = await pool.get(spec);
    let outer = wrapped.get(inner);
    if (!outer) {
      // One wrapper per connection: the fact cache is kept per connection object.
      outer = {
        host: inner.host,
        run: (command, options) => (count(spec.name), inner.run(command, options)),
        put: (path, content, options) => (count(spec.name), inner.put(path, content, options)),
        get: (path, options) => (count(spec.name), inner.get(path, options)),
        close: () => inner.close(),
      };
      wrapped.set(inner, outer);
    }
    return outer;
  };
  return { connect, counts };
}

async function apply(playbook: string, inventory: string, extra: { check?: boolean; diff?: boolean } = {}): Promise<{ run: EngineRun; trips: number }> {
  const { connect, counts } = countingConnect();
  const { applyCommand } = await import('../../src/runner/apply-command.js');
  const events: EngineRun['events'] = [];
  let output = '';
  const code = await applyCommand(applyOptions(playbook, inventory, extra), {
    reporter: { emit: (event) => void events.push(event), close: async () => undefined },
    write: (text) => void (output += text),
    connect,
  });
  const results = events.filter((e): e is HostResult => e.type === 'host-result' && e.item === undefined);
  return { run: { code, events, results, output }, trips: counts.get('trips') ?? 0 };
}

const changed = (run: EngineRun): string[] => run.results.filter((r) => r.status === 'changed').map((r) => r.task.replace(/^trips : /, ''));

describe('remote round trips on a real sshd', () => {
  it('first apply, converged re-run, --check --diff, then an outside change', { timeout: 300_000 }, async () => {
    const { playbook, inventory, root } = await project();
    const taskCount = DIRS.length + 5 + 5 + 4 + 3;

    const first = await apply(playbook, inventory);
    expect(first.run.code, sshd.log()).toBe(0);
    expect(changed(first.run)).toHaveLength(taskCount + 1);
    // One command per change (mkdir+chmod joined) plus fact reads where earlier changes made
    // them stale (36 here; a fact read per task and a command per step made it 61).
    expect(first.trips).toBeLessThanOrEqual(40);

    const again = await apply(playbook, inventory);
    expect(again.run.code).toBe(0);
    expect(changed(again.run)).toEqual([]);
    expect(again.trips).toBeLessThanOrEqual(2);

    const check = await apply(playbook, inventory, { check: true, diff: true });
    expect(check.run.code).toBe(0);
    expect(changed(check.run)).toEqual([]);
    expect(check.trips).toBeLessThanOrEqual(2);

    // Behind the engine's back: new content, a removed marker, a mode.
    await writeFile(join(root, 'd2', 't.conf'), 'edited\n');
    await rm(join(root, 'd3', 'marker'));
    await chmod(join(root, 'd4'), 0o777);
    const checkAfter = await apply(playbook, inventory, { check: true, diff: true });
    expect(changed(checkAfter.run).sort()).toEqual(['command d3', 'dir d4', 'template d2'].sort());
    const diff = checkAfter.run.results.find((r) => r.task === 'trips : template d2')?.diff;
    expect(diff?.[0]?.before).toBe('edited\n');
    const fix = await apply(playbook, inventory);
    expect(changed(fix.run).sort()).toEqual(['command d3', 'dir d4', 'handler', 'template d2'].sort());
    expect(await readFile(join(root, 'd2', 't.conf'), 'utf8')).toBe('host = trips\nindex = d2\n');
    expect(await readFile(join(root, 'lines.conf'), 'utf8')).toBe('key1=v1\nkey2=v2\nkey3=v3\nkey4=v4\n');
  });
});
