import { quote } from 'shell-quote';
import { containsSecret } from '../secret.js';
import { SUDO_PROBE, parseSudoFlavour, stdinScript, sudoInvocation, type SudoFlavour } from './become.js';
import type { OpenChannel } from './channel.js';
import { TransferError } from './errors.js';
import { execute, type ExecRequest, type RawResult } from './execute.js';
import { putScript } from './put-script.js';
import { SessionPool } from './session-pool.js';
import type { Become, Connection, PutOptions, RunOptions, RunResult } from './types.js';

// run/put/get for any transport that can start a shell command (ssh channel, local process).
// Commands run under /bin/sh. A command line holding a registered secret, and every become
// command, travels on stdin instead of argv, where `ps` on the host would show it.
// Commands without become run in a long-lived shell session when one is free (session.ts):
// a channel per command costs the host a session process and a login shell each time (over
// sshd on 127.0.0.1, `true` took 2.2 ms of host CPU that way, 1.0 ms in a session) and the
// controller a channel or a fork. Otherwise, and for become (sudo talks with us on the
// command's stdin), each command has a channel of its own.

export abstract class ShellConnection implements Connection {
  #sudoFlavour: Promise<SudoFlavour> | undefined;
  readonly #sessions: SessionPool;

  constructor(
    readonly host: string,
    /** The login user, for messages. */
    protected readonly user: string,
    /** Shell sessions kept open (0: a channel per command). */
    maxSessions?: number,
  ) {
    this.#sessions = new SessionPool((command) => this.openChannel(command), maxSessions);
  }

  protected abstract readonly openChannel: OpenChannel;
  abstract close(): Promise<void>;

  async run(command: string, options: RunOptions = {}): Promise<RunResult> {
    const raw = await this.exec(command, options);
    return { rc: raw.rc, stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8') };
  }

  /** Like run, with the output as bytes (get, binary content). */
  async exec(command: string, options: RunOptions = {}): Promise<RawResult> {
    const script = Buffer.from(withEnvironment(command, options));
    const stdin = options.stdin === undefined ? undefined : Buffer.from(options.stdin);
    const base = { host: this.host, user: this.user, stdin, timeoutMs: options.timeoutMs, onOutput: options.onOutput };
    if (options.become) return execute(this.openChannel, await this.#becomeRequest(script, options.become, base));
    // `exec`: the login shell (sshd runs `$SHELL -c`) gives way to /bin/sh instead of forking it.
    const inSessionOrChannel: OpenChannel = async (command) =>
      (await this.#sessions.open(command)) ?? this.openChannel(`exec /bin/sh -c ${quote([command])}`);
    if (containsSecret(script.toString('utf8'))) return execute(inSessionOrChannel, { ...base, exec: stdinScript(script.length), script });
    return execute(inSessionOrChannel, { ...base, exec: script.toString('utf8') });
  }

  async put(path: string, content: Buffer, options: PutOptions = {}): Promise<void> {
    const result = await this.run(putScript(path, content.length, options), { stdin: content, become: options.become });
    if (result.rc !== 0) {
      throw new TransferError('put-failed', `cannot write ${path} on ${this.host}: ${result.stderr.trim() || `exit ${result.rc}`}`, {
        hint: options.become ? 'check the directory exists' : 'check the directory exists and is writable, or use become',
      });
    }
  }

  async get(path: string, options: { become?: Become | undefined } = {}): Promise<Buffer> {
    const result = await this.exec(`cat -- ${quote([path])}`, { become: options.become });
    if (result.rc !== 0) {
      throw new TransferError('get-failed', `cannot read ${path} on ${this.host}: ${result.stderr.toString('utf8').trim() || `exit ${result.rc}`}`);
    }
    return result.stdout;
  }

  async #becomeRequest(script: Buffer, become: Become, base: Omit<ExecRequest, 'exec'>): Promise<ExecRequest> {
    const sudo = sudoInvocation(become, await this.sudoFlavour(), script.length);
    return { ...base, exec: sudo.exec, script, sudo };
  }

  /** Closes an idle session so its channel can serve another command; false if there is none. */
  protected releaseIdleSession(): boolean {
    return this.#sessions.releaseIdle();
  }

  /** Which sudo the host has, probed once per connection. */
  protected sudoFlavour(): Promise<SudoFlavour> {
    this.#sudoFlavour ??= execute(this.openChannel, { host: this.host, user: this.user, exec: SUDO_PROBE }).then((raw) =>
      parseSudoFlavour(raw.stdout.toString('utf8')),
    );
    return this.#sudoFlavour;
  }
}

/** `cd` and `export` lines in front of the command, so env values stay inside the script. */
function withEnvironment(command: string, options: RunOptions): string {
  const lines: string[] = [];
  if (options.cwd !== undefined) lines.push(`cd ${quote([options.cwd])} || exit 1`);
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid environment variable name: ${name}`);
    lines.push(`export ${name}=${quote([value])}`);
  }
  return [...lines, command].join('\n');
}
