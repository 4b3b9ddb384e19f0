import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/connection/channel.js';
import { ShellSession } from '../../../src/connection/session.js';
import { SESSION_READY } from '../../../src/connection/session-script.js';

// ShellSession against a scripted channel: the test plays the host's shell, so the order of
// bytes on the two streams, a dying session and stray output are exact.

class ScriptedShell implements Channel {
  readonly written: Buffer[] = [];
  ended = false;
  killed = false;
  #stdout: Array<(chunk: Buffer) => void> = [];
  #stderr: Array<(chunk: Buffer) => void> = [];
  #settle!: { resolve: (rc: number) => void; reject: (error: unknown) => void };
  readonly exit = new Promise<number>((resolve, reject) => (this.#settle = { resolve, reject }));

  write(data: Buffer): void {
    this.written.push(data);
  }
  end(): void {
    this.ended = true;
  }
  onStdout(listener: (chunk: Buffer) => void): void {
    this.#stdout.push(listener);
  }
  onStderr(listener: (chunk: Buffer) => void): void {
    this.#stderr.push(listener);
  }
  kill(): void {
    this.killed = true;
  }
  out(text: string): void {
    for (const listener of this.#stdout) listener(Buffer.from(text, 'latin1'));
  }
  err(text: string): void {
    for (const listener of this.#stderr) listener(Buffer.from(text, 'latin1'));
  }
  die(rc: number | Error): void {
    if (typeof rc === 'number') this.#settle.resolve(rc);
    else this.#settle.reject(rc);
  }
  /** The nonce of the last request sent (its header's first field). */
  lastNonce(): string {
    return this.written.at(-1)?.toString('latin1').split(' ')[0] ?? '';
  }
}

async function readySession(banner = '') {
  const shell = new ScriptedShell();
  const session = new ShellSession(shell);
  shell.out(`${banner}${SESSION_READY}\n`);
  expect(await session.ready).toBe(true);
  return { shell, session };
}

function collect(channel: Channel) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  channel.onStdout((chunk) => out.push(chunk));
  channel.onStderr((chunk) => err.push(chunk));
  return { out: () => Buffer.concat(out).toString('latin1'), err: () => Buffer.concat(err).toString('latin1') };
}

describe('ShellSession', () => {
  it('sends the whole request at end(): header, command, stdin', async () => {
    const { shell, session } = await readySession('motd from a login shell\n');
    const channel = session.open('cat\necho done');
    channel.write(Buffer.from('ab'));
    channel.write(Buffer.from([0, 255]));
    expect(shell.written).toHaveLength(0);
    channel.end();
    const frame = shell.written[0]?.toString('latin1') ?? '';
    expect(frame).toBe(`${shell.lastNonce()} 2 15 0 4\ncat\necho done.\nab\u0000\u00ff`);
  });

  it('ends a request at its own trailer on both streams, in either order, and is then idle', async () => {
    const { shell, session } = await readySession();
    const channel = session.open('x');
    const output = collect(channel);
    channel.end();
    const nonce = shell.lastNonce();
    shell.err(`warn\nCLAW-END-${nonce}`);
    shell.out(`CLAW-END-other:0\nCLAW-END-${nonce}:`);
    expect(session.idle).toBe(false);
    shell.err(':\n');
    shell.out('3\n');
    expect(await channel.exit).toBe(3);
    expect(output.out()).toBe('CLAW-END-other:0\n');
    expect(output.err()).toBe('warn\n');
    expect(session.idle).toBe(true);
  });

  it('gives up the session when output follows a trailer, and when output comes while idle', async () => {
    const { shell, session } = await readySession();
    const channel = session.open('x');
    channel.end();
    const nonce = shell.lastNonce();
    shell.out(`CLAW-END-${nonce}:0\n`);
    shell.out('late background output\n');
    shell.err(`CLAW-END-${nonce}:\n`);
    expect(await channel.exit).toBe(0);
    expect(session.dead).toBe(true);
    expect(shell.killed).toBe(true);

    const second = await readySession();
    second.session.open('y').end();
    const nonce2 = second.shell.lastNonce();
    second.shell.out(`CLAW-END-${nonce2}:0\n`);
    second.shell.err(`CLAW-END-${nonce2}:\n`);
    expect(second.session.idle).toBe(true);
    second.shell.err('stray\n');
    expect(second.session.dead).toBe(true);
  });

  it('reports a session that died under a command as that channel would: its status, or its error', async () => {
    const { shell, session } = await readySession();
    const channel = session.open('x');
    const output = collect(channel);
    channel.end();
    shell.out('partial CLAW');
    shell.die(143);
    expect(await channel.exit).toBe(143);
    expect(output.out()).toBe('partial CLAW');
    expect(session.dead).toBe(true);

    const lost = await readySession();
    const pending = lost.session.open('x');
    pending.end();
    lost.shell.die(new Error('connection lost'));
    await expect(pending.exit).rejects.toThrow('connection lost');
  });

  it('is not ready when the shell ends or prints more than the ready line', async () => {
    const ended = new ScriptedShell();
    const session = new ShellSession(ended);
    ended.die(127);
    expect(await session.ready).toBe(false);

    const chatty = new ScriptedShell();
    const other = new ShellSession(chatty);
    chatty.out(`${SESSION_READY}\nsurprise`);
    expect(await other.ready).toBe(false);
    expect(chatty.killed).toBe(true);
  });

  it('stops the session when a command is killed (timeout)', async () => {
    const { shell, session } = await readySession();
    const channel = session.open('sleep 30');
    channel.end();
    channel.kill();
    expect(await channel.exit).toBe(137);
    expect(shell.killed).toBe(true);
    expect(session.dead).toBe(true);
  });
});
