import { describe, expect, it } from 'vitest';
import { parseSudoFlavour, sudoInvocation } from '../../../src/connection/become.js';
import type { Channel } from '../../../src/connection/channel.js';
import { BecomeError } from '../../../src/connection/errors.js';
import { execute } from '../../../src/connection/execute.js';

// The sudo handshake against a scripted channel: the tests play sudo's part.

class ScriptedChannel implements Channel {
  readonly written: string[] = [];
  ended = false;
  killed = false;
  #stdout: Array<(chunk: Buffer) => void> = [];
  #stderr: Array<(chunk: Buffer) => void> = [];
  #exit!: (rc: number) => void;
  readonly exit = new Promise<number>((resolve) => (this.#exit = resolve));

  constructor(private readonly onWrite: (channel: ScriptedChannel, data: string) => void = () => undefined) {}

  write(data: Buffer): void {
    this.written.push(data.toString());
    this.onWrite(this, data.toString());
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
    this.#exit(137);
  }
  out(text: string): void {
    for (const l of this.#stdout) l(Buffer.from(text));
  }
  err(text: string): void {
    for (const l of this.#stderr) l(Buffer.from(text));
  }
  done(rc: number): void {
    this.#exit(rc);
  }
}

const sudo1913 = parseSudoFlavour('Sudo version 1.9.15p5\nusage: sudo ... -p, --prompt=prompt\n  -H, --set-home   set HOME\n');
const become = (password?: string) => ({ method: 'sudo' as const, user: 'root', password });

async function start(channel: ScriptedChannel, password: string | undefined, stdin?: string) {
  const script = Buffer.from('id -u');
  const sudo = sudoInvocation(become(password), sudo1913, script.length);
  const pending = execute(async () => channel, { host: 'web1', user: 'deploy', exec: sudo.exec, script, sudo, stdin: stdin === undefined ? undefined : Buffer.from(stdin) });
  await new Promise((resolve) => setImmediate(resolve));
  return { pending, sudo };
}

describe('sudo flavour', () => {
  it('detects sudo-rs without -p/-H and leaves those flags out', () => {
    const rs = parseSudoFlavour('sudo-rs 0.2.3\nusage: sudo [-knS] [-u user]\n  -S, --stdin   read password from standard input\n');
    expect(rs).toEqual({ name: 'sudo-rs', prompt: false, setHome: false });
    const inv = sudoInvocation(become('pw'), rs, 10);
    expect(inv.exec).toMatch(/^exec sudo -S -u root \/bin\/sh -c /);
    expect(inv.promptPattern.test('[sudo: authenticate] Password: ')).toBe(true);
  });

  it('uses -H -S -p for Ubuntu sudo, -n without a password, and never puts the password in argv', () => {
    const inv = sudoInvocation(become('hunter22'), sudo1913, 10);
    expect(inv.exec).toMatch(/^exec sudo -H -S -p '\[claw-sudo-[0-9a-f]{16}\] password:' -u root \/bin\/sh -c '/);
    expect(inv.exec).not.toContain('hunter22');
    expect(sudoInvocation(become(), sudo1913, 10).exec).toMatch(/^exec sudo -H -n -u root /);
  });
});

describe('sudo handshake', () => {
  it('answers the prompt, waits for the marker split over chunks, then sends script and stdin', async () => {
    const channel = new ScriptedChannel();
    const { pending, sudo } = await start(channel, 'pw', 'user-input');
    expect(channel.written).toEqual([]);
    channel.err('[claw-sudo-x] lecture\n');
    channel.err(sudo.exec.match(/\[claw-sudo-[0-9a-f]+\] password:/)?.[0] ?? '');
    expect(channel.written).toEqual(['pw\n']);
    channel.out(sudo.successMarker.slice(0, 5));
    expect(channel.written).toHaveLength(1);
    channel.out(`${sudo.successMarker.slice(5)}\n0\n`);
    expect(channel.written).toEqual(['pw\n', 'id -u', 'user-input']);
    expect(channel.ended).toBe(true);
    channel.err('warning\n');
    channel.done(0);
    expect(await pending).toEqual({ rc: 0, stdout: Buffer.from('0\n'), stderr: Buffer.from('warning\n') });
  });

  it('does not send the password when sudo does not ask (NOPASSWD)', async () => {
    const channel = new ScriptedChannel();
    const { pending, sudo } = await start(channel, 'pw');
    channel.out(`${sudo.successMarker}\n`);
    channel.done(0);
    await pending;
    expect(channel.written).toEqual(['id -u']);
  });

  it('a second prompt means a wrong password: stop and report it', async () => {
    const channel = new ScriptedChannel();
    const { pending, sudo } = await start(channel, 'bad');
    const prompt = sudo.exec.match(/\[claw-sudo-[0-9a-f]+\] password:/)?.[0] ?? '';
    channel.err(prompt);
    channel.err(`Sorry, try again.\n${prompt}`);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BecomeError);
    expect(error).toMatchObject({ code: 'become-password', message: 'incorrect sudo password for deploy on web1', exitCode: 2 });
    expect(channel.killed).toBe(true);
    expect(channel.written).toEqual(['bad\n']);
  });

  it('reports sudo refusing before the command ran', async () => {
    const channel = new ScriptedChannel();
    const { pending } = await start(channel, undefined);
    channel.err('sudo: a password is required\n');
    channel.done(1);
    await expect(pending).rejects.toThrow(/sudo on web1 requires a password for deploy/);
    const other = new ScriptedChannel();
    const second = await start(other, 'pw');
    other.err('deploy is not in the sudoers file.\n');
    other.done(1);
    await expect(second.pending).rejects.toThrow(/deploy may not sudo to root on web1: deploy is not in the sudoers file/);
  });
});
