import type { SudoInvocation } from './become.js';
import type { Channel, OpenChannel } from './channel.js';
import { BecomeError } from './errors.js';
import { LineSplitter } from './line-splitter.js';
import type { RunOptions } from './types.js';

// Drives one command on a Channel: the sudo handshake (answer sudo's prompt with the
// password, wait for the target shell's success marker), then the script and the caller's
// stdin, then output collection. Shared by the ssh and local connections.

export interface ExecRequest {
  /** inventory_hostname and login user, for messages. */
  host: string;
  user: string;
  /** The command line `open` is given (to start, or to run in a shell session); never holds a secret. */
  exec: string;
  /** Bytes sent first once the command runs (a script read by stdinScript). */
  script?: Buffer | undefined;
  stdin?: Buffer | undefined;
  sudo?: SudoInvocation | undefined;
  timeoutMs?: number | undefined;
  onOutput?: RunOptions['onOutput'];
}

export interface RawResult {
  rc: number;
  stdout: Buffer;
  stderr: Buffer;
}

/** Exit status reported for a command stopped by RunOptions.timeoutMs (as timeout(1) does). */
export const TIMEOUT_STATUS = 124;

/** sudo answers in well under a second; silence this long means a prompt we did not recognise. */
export const BECOME_TIMEOUT_MS = 30_000;

export async function execute(open: OpenChannel, request: ExecRequest): Promise<RawResult> {
  const channel = await open(request.exec);
  const execution = new Execution(channel, request);
  execution.start();
  return execution.finish();
}

class Execution {
  readonly #stdout: Buffer[] = [];
  readonly #stderr: Buffer[] = [];
  readonly #lines: Record<'stdout' | 'stderr', LineSplitter> | undefined;
  #running = false;
  #authOut = '';
  #authErr = '';
  #authLog = '';
  #passwordSent = false;
  #failure: BecomeError | undefined;
  #timedOut = false;
  #becomeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: Channel,
    private readonly request: ExecRequest,
  ) {
    const onOutput = request.onOutput;
    this.#lines = onOutput && {
      stdout: new LineSplitter((line) => onOutput(line, 'stdout')),
      stderr: new LineSplitter((line) => onOutput(line, 'stderr')),
    };
  }

  start(): void {
    this.channel.onStdout((chunk) => (this.#running ? this.#output('stdout', chunk) : this.#authStdout(chunk)));
    this.channel.onStderr((chunk) => (this.#running ? this.#output('stderr', chunk) : this.#authStderr(chunk)));
    if (!this.request.sudo) this.#begin();
    else this.#becomeTimer = setTimeout(() => this.#becomeStalled(), BECOME_TIMEOUT_MS);
  }

  async finish(): Promise<RawResult> {
    const timer = this.request.timeoutMs === undefined ? undefined : setTimeout(() => this.#timeout(), this.request.timeoutMs);
    let rc: number;
    try {
      rc = await this.channel.exit;
    } finally {
      clearTimeout(timer);
      clearTimeout(this.#becomeTimer);
    }
    this.#lines?.stdout.flush();
    this.#lines?.stderr.flush();
    if (this.#failure) throw this.#failure;
    if (this.#timedOut) {
      this.#stderr.push(Buffer.from(`\ncommand timed out after ${this.request.timeoutMs} ms and was stopped\n`));
      rc = TIMEOUT_STATUS;
    } else if (!this.#running && this.request.sudo) {
      throw this.#becomeFailure(rc);
    }
    return { rc, stdout: Buffer.concat(this.#stdout), stderr: Buffer.concat(this.#stderr) };
  }

  #begin(): void {
    clearTimeout(this.#becomeTimer);
    this.#running = true;
    if (this.request.script) this.channel.write(this.request.script);
    if (this.request.stdin && this.request.stdin.length > 0) this.channel.write(this.request.stdin);
    this.channel.end();
  }

  #output(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    (stream === 'stdout' ? this.#stdout : this.#stderr).push(chunk);
    this.#lines?.[stream].push(chunk);
  }

  #authStdout(chunk: Buffer): void {
    const marker = `${this.request.sudo?.successMarker}\n`;
    this.#authOut += chunk.toString('latin1');
    const at = this.#authOut.indexOf(marker);
    if (at < 0) return;
    const rest = this.#authOut.slice(at + marker.length);
    this.#begin();
    if (rest !== '') this.#output('stdout', Buffer.from(rest, 'latin1'));
  }

  #authStderr(chunk: Buffer): void {
    const sudo = this.request.sudo;
    const text = chunk.toString('latin1');
    this.#authErr += text;
    this.#authLog += text;
    if (!sudo || !sudo.promptPattern.test(this.#authErr)) return;
    if (this.#passwordSent || sudo.password === undefined) {
      this.#failure = this.#incorrectPassword();
      this.channel.end();
      this.channel.kill();
      return;
    }
    this.#passwordSent = true;
    this.#authErr = '';
    this.channel.write(Buffer.from(`${sudo.password}\n`));
  }

  #becomeStalled(): void {
    const said = this.#authLog.trim();
    this.#failure = new BecomeError('become-timeout', `sudo on ${this.request.host} did not start the command within ${BECOME_TIMEOUT_MS / 1000} s${said ? `: ${said}` : ''}`, {
      hint: 'sudo may be waiting on a prompt it was not asked to print (custom PAM module, requiretty)',
    });
    this.channel.end();
    this.channel.kill();
  }

  #timeout(): void {
    this.#timedOut = true;
    this.channel.kill();
  }

  #incorrectPassword(): BecomeError {
    const { host, user } = this.request;
    return new BecomeError('become-password', `incorrect sudo password for ${user} on ${host}`, {
      hint: 'check ansible_become_password (or --ask-become-pass); it is the password of the login user, not of become_user',
    });
  }

  #becomeFailure(rc: number): BecomeError {
    const { host, user, sudo } = this.request;
    const said = this.#authLog.replace(/\s+$/, '');
    if (this.#passwordSent && /incorrect password|try again|Authentication failed/i.test(said)) return this.#incorrectPassword();
    if (/password is required/i.test(said)) {
      return new BecomeError('become-password-missing', `sudo on ${host} requires a password for ${user}`, {
        hint: 'set ansible_become_password (vault-encrypted) or allow NOPASSWD for this user',
      });
    }
    const what = /not in the sudoers|not allowed|may not run/i.test(said) ? `${user} may not sudo to ${sudo?.user}` : `sudo to ${sudo?.user} failed (exit ${rc})`;
    return new BecomeError('become-failed', `${what} on ${host}${said ? `: ${said}` : ''}`, {
      hint: 'check the sudoers rules for this user on the host',
    });
  }
}
