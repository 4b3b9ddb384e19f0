import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/connection/channel.js';
import { processChannel, stopAll } from '../../../src/connection/local.js';
import { SESSION_READY } from '../../../src/connection/session-script.js';
import { ShellConnection } from '../../../src/connection/shell-connection.js';
import { registerSecret, resetSecretsForTests } from '../../../src/secret.js';

// ShellConnection's shell sessions over real local /bin/sh processes: every command a
// session runs must give what a process of its own gives (the connection with sessions off).

class ProcessShell extends ShellConnection {
  readonly opened: string[] = [];
  readonly #children = new Set<ChildProcess>();

  constructor(
    maxSessions?: number,
    /** Replaces the session's shell (a host where it cannot start). */
    private readonly sessionStand: string | undefined = undefined,
  ) {
    super('testhost', 'tester', maxSessions);
  }

  /** Processes started and not yet ended. */
  get running(): number {
    return this.#children.size;
  }

  get sessionsStarted(): number {
    return this.opened.filter((command) => command.includes(SESSION_READY)).length;
  }

  protected readonly openChannel = async (command: string): Promise<Channel> => {
    this.opened.push(command);
    const line = this.sessionStand !== undefined && command.includes(SESSION_READY) ? this.sessionStand : command;
    return processChannel(line, this.#children);
  };

  async close(): Promise<void> {
    stopAll(this.#children);
  }
}

const open: ProcessShell[] = [];
function shell(...args: ConstructorParameters<typeof ProcessShell>): ProcessShell {
  const connection = new ProcessShell(...args);
  open.push(connection);
  return connection;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-session-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.close()));
});
afterAll(async () => {
  resetSecretsForTests();
  await rm(dir, { recursive: true, force: true });
});

const SECRET = 'session-secret-4b1d';
registerSecret(SECRET);

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** Commands whose results must not depend on where they run. */
const CASES: Array<[string, Parameters<ShellConnection['exec']>[1]]> = [
  ['echo out; echo err >&2; exit 7', {}],
  ['cat', { stdin: ALL_BYTES }],
  ['cat; echo "$A|$(pwd)"', { stdin: 'in\n', env: { A: "it's $HOME" }, cwd: '/tmp' }],
  ['cat', {}],
  ['cat; echo', { stdin: ' lead\\back\\\\ \r\n\n\n' }],
  ['cat | wc -c', { stdin: 'y'.repeat(1025) }],
  ['true', { stdin: Buffer.alloc(200_000, 'x') }],
  ['head -c 3; exit 4', { stdin: 'abcdef' }],
  ['exec printf "%s" exec-ed', {}],
  ["printf 'CLAW-END-%s:0\\n' 0123456789abcdef0123456789abcdef; printf 'CLAW-END-00\\n' >&2; printf CLAW-EN", {}],
  ['printf "a\\0b\\377"; printf "no newline" >&2', {}],
  ['cat <<EOF\nhello\n\n\n', {}],
  ['echo "$$ $0 $#" | tr -d 0-9', {}],
  ['kill -TERM $$', {}],
  ['trap "echo bye" EXIT; set -e; false; echo never', {}],
  ['cd /; umask 077; X=1; export Y=2', {}],
  ['pwd; umask; echo "${X-unset} ${Y-unset} ${claw_s-unset}"', {}],
  [`S=${SECRET}; echo "$S" | wc -c; cat`, { stdin: 'rest' }],
  ['head -c 1000000 /dev/zero | tr "\\0" y', {}],
  [`${'x=" \\\\ \\t";  : "$x"\n'.repeat(100)}echo "$x|"\n\n`, {}],
  ['  echo " lead and trail "  \\\n  continued\\', {}],
];

describe('shell sessions', () => {
  it('give every command exactly the result of a process of its own, all in one session', async () => {
    const withSessions = shell();
    const withoutSessions = shell(0);
    for (const [command, options] of CASES) {
      const [inSession, alone] = [await withSessions.exec(command, options), await withoutSessions.exec(command, options)];
      expect({ command, rc: inSession.rc, stdout: inSession.stdout.toString('latin1'), stderr: inSession.stderr.toString('latin1') }).toEqual({
        command, rc: alone.rc, stdout: alone.stdout.toString('latin1'), stderr: alone.stderr.toString('latin1'),
      });
    }
    expect(withSessions.opened).toHaveLength(1);
    expect(withSessions.sessionsStarted).toBe(1);
    expect(withoutSessions.sessionsStarted).toBe(0);
    expect((await withSessions.exec('cat', { stdin: ALL_BYTES })).stdout.equals(ALL_BYTES)).toBe(true);
  });

  it('puts and gets binary files through the session', async () => {
    const connection = shell();
    const path = join(dir, 'blob');
    const content = Buffer.concat([ALL_BYTES, Buffer.alloc(100_000, 7), ALL_BYTES]);
    await connection.put(path, content, { mode: '0600' });
    expect((await connection.get(path)).equals(content)).toBe(true);
    expect(connection.opened).toHaveLength(1);
  });

  it('stops a timed-out command with the session; the next command gets a new one', async () => {
    const connection = shell();
    const flag = join(dir, 'survivor');
    const result = await connection.run(`sleep 30; touch ${flag}`, { timeoutMs: 200 });
    expect(result.rc).toBe(124);
    expect(result.stderr).toMatch(/timed out after 200 ms/);
    expect(await connection.run('echo next')).toEqual({ rc: 0, stdout: 'next\n', stderr: '' });
    expect(connection.sessionsStarted).toBe(2);
    expect(existsSync(flag)).toBe(false);
  });

  it('runs concurrent commands in up to two sessions, the rest on channels of their own', async () => {
    const connection = shell();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => connection.run(`echo ${i}; cat`, { stdin: `in${i}` })));
    expect(results.map((result) => result.stdout)).toEqual(Array.from({ length: 12 }, (_, i) => `${i}\nin${i}`));
    expect(connection.sessionsStarted).toBeLessThanOrEqual(2);
    const opened = connection.opened.length;
    await Promise.all([connection.run('echo a'), connection.run('echo b')]);
    expect(connection.opened).toHaveLength(opened);
  });

  it('streams output lines while the command runs', async () => {
    const connection = shell();
    const gate = join(dir, 'gate');
    const lines: string[] = [];
    // The command waits for a file that only the first line's callback creates.
    const result = await connection.run(`echo waiting; while [ ! -e ${gate} ]; do sleep 0.02; done; echo done`, {
      onOutput: (line) => {
        lines.push(line);
        if (line === 'waiting') writeFileSync(gate, '');
      },
    });
    expect(result.stdout).toBe('waiting\ndone\n');
    expect(lines).toEqual(['waiting', 'done']);
    expect(connection.sessionsStarted).toBe(1);
  });

  it('uses a channel per command where the session cannot start', async () => {
    const connection = shell(undefined, 'echo not a session; exit 1');
    expect(await connection.run('echo one')).toEqual({ rc: 0, stdout: 'one\n', stderr: '' });
    expect(await connection.run('echo two')).toEqual({ rc: 0, stdout: 'two\n', stderr: '' });
    expect(connection.sessionsStarted).toBe(1);
    expect(connection.opened).toHaveLength(3);
  });

  it('gives up a session that a leftover background process writes into', async () => {
    const connection = shell();
    const gate = join(dir, 'late-gate');
    expect(await connection.run(`(while [ ! -e ${gate} ]; do sleep 0.02; done; echo late) &`)).toMatchObject({ rc: 0, stdout: '' });
    expect(connection.running).toBe(1);
    writeFileSync(gate, '');
    // The idle session sees output nobody asked for and is stopped.
    await expect.poll(() => connection.running, { timeout: 5000 }).toBe(0);
    expect(await connection.run('echo clean')).toEqual({ rc: 0, stdout: 'clean\n', stderr: '' });
    expect(connection.sessionsStarted).toBe(2);
  });
});
