import { randomBytes } from 'node:crypto';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import type { RunOptions } from '../../src/connection/types.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// Shell sessions over a real OpenSSH server: many commands share one exec channel (one
// sshd session process, one login shell) and give byte for byte what a channel per command
// gives. Channels are counted at ssh2's Client#exec, which every channel goes through.

let sshd: TestSshd;
let oneSession: TestSshd;

beforeAll(async () => {
  [sshd, oneSession] = await Promise.all([startSshd(), startSshd({ nopasswd: true, config: ['MaxSessions 1'] })]);
});

afterAll(async () => {
  await Promise.all([sshd?.stop(), oneSession?.stop()]);
});

async function countingChannels<T>(work: () => Promise<T>): Promise<{ result: T; channels: number }> {
  const exec = vi.spyOn(Client.prototype, 'exec');
  try {
    const result = await work();
    return { result, channels: exec.mock.calls.length };
  } finally {
    exec.mockRestore();
  }
}

type Step = (conn: SshConnection, home: string) => Promise<unknown>;

const BLOB = randomBytes(300_000);

function shown(raw: { rc: number; stdout: Buffer; stderr: Buffer }) {
  return { rc: raw.rc, stdout: raw.stdout.toString('base64'), stderr: raw.stderr.toString('latin1') };
}

function run(command: string, options: RunOptions = {}): Step {
  return async (conn) => shown(await conn.exec(command, options));
}

const STEPS: Step[] = [
  run('echo "out $(id -un)"; echo err >&2; exit 7'),
  run('cat; printf "%s|%s" "$GREETING" "$(pwd)"', { stdin: 'line1\nline2\n', env: { GREETING: "it's $HOME" }, cwd: '/tmp' }),
  run('cat'),
  run('true', { stdin: BLOB }),
  run("printf 'CLAW-END-%s:0\\n' 0123456789abcdef0123456789abcdef; printf CLAW-END- >&2"),
  run('exec printf "%s" replaced'),
  run('kill -TERM $$'),
  run('cd /; umask 077; export LEFT=over'),
  run('pwd; umask; echo "${LEFT-unset}"; echo "$0 $#"'),
  run('echo "$SSH_CONNECTION" | wc -w; echo "$HOME"'),
  async (conn, home) => {
    await conn.put(`${home}/session-blob`, BLOB, { mode: '0640' });
    return (await conn.get(`${home}/session-blob`)).equals(BLOB);
  },
  run('stat -c %a session-blob; rm session-blob'),
  ...Array.from({ length: 30 }, (_, i) => run(`echo step ${i}; printf '\\0\\377' >&2`)),
];

describe('shell sessions over ssh', () => {
  it('run many commands on one channel with the results of a channel per command', async () => {
    const home = `/home/${sshd.user}`;
    async function play(maxSessions?: number) {
      const conn = await openSsh(sshd.spec(), { agent: false, maxSessions });
      try {
        const results: unknown[] = [];
        for (const step of STEPS) results.push(await step(conn, home));
        return results;
      } finally {
        await conn.close();
      }
    }
    const inSession = await countingChannels(() => play());
    const perCommand = await countingChannels(() => play(0));
    expect(inSession.result).toEqual(perCommand.result);
    expect(inSession.channels).toBe(1);
    // put and get are one command each.
    expect(perCommand.channels).toBe(STEPS.length + 1);
  });

  it('gives a server that allows one session its channel back for a become command', async () => {
    const conn = await openSsh(oneSession.spec(), { agent: false });
    try {
      expect((await conn.run('echo first')).stdout).toBe('first\n');
      expect((await conn.run('id -un', { become: { method: 'sudo', user: 'root' } })).stdout).toBe('root\n');
      expect((await conn.run('echo again')).stdout).toBe('again\n');
    } finally {
      await conn.close();
    }
  });
});
