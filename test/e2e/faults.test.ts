import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanOut } from '../../src/report/create-reporter.js';
import type { RunEvent } from '../../src/report/events.js';
import { plainLog } from '../../src/report/plain-log.js';
import { applyCommand } from '../../src/runner/apply-command.js';
import { startSshd, type TestSshd } from './harness/sshd.js';
import { applyOptions, type HostResult } from './playbook-helpers.js';

// Connection faults against REAL sshds: a server killed while a command runs, a host that
// accepts TCP and never speaks, a host whose SYNs vanish (blackholed in a network namespace),
// a slow host behind a delaying proxy. Retries are for connection SETUP only and bounded; the
// unreachable host drops out, the others finish, exit 3, and the log ends with a retry hint.

interface Host {
  name: string;
  address?: string;
  port: number;
  timeout?: number;
  /** Another server's credentials (default: the good one's). */
  sshd?: TestSshd;
}

let good: TestSshd;
let scratch: string;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  good = await startSshd();
  scratch = await mkdtemp('/tmp/claw-faults-');
  await chmod(scratch, 0o777);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(async () => {
  await good?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A playbook with a marker+sleep task (counts how often it really ran) and a follow-up task. */
async function scenario(name: string, hosts: Host[], sleepSeconds = 0): Promise<{ playbook: string; inventory: string; base: (host: string) => string }> {
  const dir = join(scratch, name);
  await mkdir(dir, { mode: 0o777 });
  await chmod(dir, 0o777);
  const lines = ['all:', '  hosts:'];
  for (const host of hosts) {
    lines.push(
      `    ${host.name}:`,
      `      ansible_host: ${host.address ?? '127.0.0.1'}`,
      `      ansible_port: ${host.port}`,
      `      ansible_user: ${(host.sshd ?? good).user}`,
      `      ansible_ssh_private_key_file: ${(host.sshd ?? good).privateKeyFile}`,
      `      ansible_ssh_known_hosts_file: ${(host.sshd ?? good).knownHostsFile}`,
      `      ansible_timeout: ${host.timeout ?? 2}`,
      `      base: ${join(dir, host.name)}`,
    );
  }
  const inventory = join(dir, 'inventory.yml');
  await writeFile(inventory, `${lines.join('\n')}\n`);
  const playbook = join(dir, 'playbook.yml');
  await writeFile(playbook, [
    '- hosts: all',
    '  gather_facts: false',
    '  tasks:',
    '    - name: slow',
    `      ansible.builtin.shell: echo ran >> {{ base }}.count; sleep ${sleepSeconds}`,
    '    - name: after',
    '      ansible.builtin.command: echo after',
    '',
  ].join('\n'));
  return { playbook, inventory, base: (host) => join(dir, host) };
}

interface FaultRun {
  code: number;
  results: HostResult[];
  log: string;
}

/** The engine in-process with the real plain log (recap and retry hint) and the events. */
async function run(playbook: string, inventory: string): Promise<FaultRun> {
  const events: RunEvent[] = [];
  let log = '';
  const reporter = fanOut([{ emit: (event) => void events.push(event), close: async () => undefined }, plainLog({ verbosity: 0, diff: false, write: (text) => void (log += text) })]);
  const code = await applyCommand(applyOptions(playbook, inventory), { reporter, write: (text) => void (log += text) });
  const results = events.filter((e): e is HostResult => e.type === 'host-result' && e.item === undefined);
  return { code, results, log };
}

const statuses = (r: FaultRun, host: string): string[] => r.results.filter((x) => x.host === host).map((x) => `${x.task}:${x.status}`);

async function ranCount(path: string): Promise<number> {
  try {
    return (await readFile(`${path}.count`, 'utf8')).split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/** A TCP listener that accepts and never answers; counts connection attempts. */
async function silentHost(): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, accepted: () => accepted, close: () => (sockets.forEach((s) => s.destroy()), new Promise((resolve) => server.close(() => resolve()))) };
}

/** Forwards to `target` delaying every chunk in both directions (a far-away host). */
async function slowProxy(target: number, delayMs: number): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const delayed = (from: Socket, to: Socket): void => {
    from.on('data', (chunk) => void setTimeout(() => to.destroyed || to.write(chunk), delayMs));
    from.on('end', () => void setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const server = createServer((client) => {
    accepted++;
    const upstream = tcpConnect({ host: '127.0.0.1', port: target });
    sockets.add(client).add(upstream);
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, accepted: () => accepted, close: () => (sockets.forEach((s) => s.destroy()), new Promise((resolve) => server.close(() => resolve()))) };
}

describe('connection faults on real sshds', () => {
  it('sshd killed while a command runs: that host is unreachable, the command is not re-run, the other host finishes, exit 3', { timeout: 60_000 }, async () => {
    const doomed = await startSshd();
    cleanups.push(() => doomed.stop());
    const s = await scenario('killed', [{ name: 'doomed', port: doomed.port, sshd: doomed }, { name: 'steady', port: good.port }], 3);
    const pending = run(s.playbook, s.inventory);
    // Kill the server once the slow command is running on it.
    const deadline = Date.now() + 20_000;
    while ((await ranCount(s.base('doomed'))) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await doomed.stop();
    const result = await pending;
    expect(statuses(result, 'doomed')).toEqual(['slow:unreachable']);
    expect(statuses(result, 'steady')).toEqual(['slow:changed', 'after:changed']);
    expect(await ranCount(s.base('doomed'))).toBe(1);
    expect(result.code).toBe(3);
    expect(result.log.trimEnd().split('\n').pop()).toBe(`to retry: claw-provision apply ${s.playbook} … --limit doomed`);
  });

  it('a host that accepts and never answers: bounded setup retries, unreachable, the others finish, exit 3', { timeout: 60_000 }, async () => {
    const silent = await silentHost();
    cleanups.push(() => silent.close());
    const s = await scenario('silent', [{ name: 'mute', port: silent.port, timeout: 1 }, { name: 'steady', port: good.port }]);
    const result = await run(s.playbook, s.inventory);
    expect(statuses(result, 'mute')).toEqual(['slow:unreachable']);
    expect(String(result.results.find((r) => r.host === 'mute')?.result.msg)).toMatch(/after 3 attempts/);
    // The connect is tried 3 times (2 retries) and then given up, never more.
    expect(silent.accepted()).toBe(3);
    expect(statuses(result, 'steady')).toEqual(['slow:changed', 'after:changed']);
    expect(result.code).toBe(3);
    expect(result.log.trimEnd().split('\n').pop()).toBe(`to retry: claw-provision apply ${s.playbook} … --limit mute`);
  });

  it('a slow host (300 ms each way) finishes on one connection, without retries', { timeout: 90_000 }, async () => {
    const proxy = await slowProxy(good.port, 300);
    cleanups.push(() => proxy.close());
    // The host key is the good server's; the known_hosts line must name the proxy's port.
    const known = await readFile(good.knownHostsFile, 'utf8');
    await writeFile(good.knownHostsFile, `${known}${known.trim().split('\n')[0]?.replace(`]:${good.port} `, `]:${proxy.port} `)}\n`);
    const s = await scenario('slow', [{ name: 'far', port: proxy.port, timeout: 20 }]);
    const result = await run(s.playbook, s.inventory);
    expect(statuses(result, 'far'), JSON.stringify(result.results[0]?.result)).toEqual(['slow:changed', 'after:changed']);
    expect(result.code).toBe(0);
    expect(proxy.accepted()).toBe(1);
    expect(await ranCount(s.base('far'))).toBe(1);
    expect(result.log).not.toContain('to retry:');
  });

  it('a blackholed address (SYNs dropped in a network namespace): unreachable after bounded retries, exit 3', { timeout: 60_000 }, async (ctx) => {
    const ns = await blackhole();
    if (typeof ns === 'string') {
      ctx.skip(`network namespace unavailable here: ${ns}`);
      return;
    }
    cleanups.push(ns.remove);
    const s = await scenario('blackhole', [{ name: 'void', address: ns.address, port: 22, timeout: 1 }, { name: 'steady', port: good.port }]);
    const result = await run(s.playbook, s.inventory);
    expect(statuses(result, 'void')).toEqual(['slow:unreachable']);
    expect(String(result.results.find((r) => r.host === 'void')?.result.msg)).toMatch(/timed out.*after 3 attempts/);
    expect(statuses(result, 'steady')).toEqual(['slow:changed', 'after:changed']);
    expect(result.code).toBe(3);
    expect(result.log.trimEnd().split('\n').pop()).toBe(`to retry: claw-provision apply ${s.playbook} … --limit void`);
  });
});

/** A namespace behind a veth pair whose firewall drops everything; its address, or why not. */
async function blackhole(): Promise<{ address: string; remove: () => Promise<void> } | string> {
  const id = process.pid % 200;
  const name = `claw-faults-${process.pid}`;
  const host = `cfh${process.pid}`.slice(0, 15);
  const peer = `cfn${process.pid}`.slice(0, 15);
  const address = `10.214.${id}.2`;
  const remove = async (): Promise<void> => {
    await execa('ip', ['link', 'del', host], { reject: false });
    await execa('ip', ['netns', 'del', name], { reject: false });
  };
  const steps = [
    ['ip', 'netns', 'add', name],
    ['ip', 'link', 'add', host, 'type', 'veth', 'peer', 'name', peer],
    ['ip', 'link', 'set', peer, 'netns', name],
    ['ip', 'addr', 'add', `10.214.${id}.1/30`, 'dev', host],
    ['ip', 'link', 'set', host, 'up'],
    ['ip', 'netns', 'exec', name, 'ip', 'addr', 'add', `${address}/30`, 'dev', peer],
    ['ip', 'netns', 'exec', name, 'ip', 'link', 'set', peer, 'up'],
    ['ip', 'netns', 'exec', name, 'iptables', '-A', 'INPUT', '-j', 'DROP'],
  ];
  for (const [cmd, ...args] of steps) {
    const result = await execa(cmd ?? 'false', args, { reject: false });
    if (result.exitCode !== 0) {
      await remove();
      return `${[cmd, ...args].join(' ')}: ${result.stderr.trim()}`;
    }
  }
  return { address, remove };
}
