import { randomBytes } from 'node:crypto';
import { signalStatus, type Channel } from './channel.js';
import { TrailerScanner, type TrailerScan } from './session-frame.js';
import { SESSION_READY, TRAILER_PREFIX, sessionFrame } from './session-script.js';

// One long-lived /bin/sh on one channel (session-script.ts), running one command at a time.
// Each command gets a Channel of its own that behaves like a channel opened for it: stdin
// written then ended, output as it arrives, the exit status. The session is given up (and
// stays given up) when it dies, when a command is killed (timeout: what it left running must
// stop), or when output arrives that belongs to no command (a leftover background process).

/** A shell that has not said it is ready by then is not going to be usable. */
const START_TIMEOUT_MS = 20_000;

type State = 'starting' | 'idle' | 'busy' | 'dead';

export class ShellSession {
  /** Nonces are this random key and a count: unique per request, unknown to the commands. */
  readonly #key = randomBytes(12).toString('hex');
  #requests = 0;
  #state: State = 'starting';
  #request: SessionRequest | undefined;
  #banner = '';
  #ready!: (ok: boolean) => void;
  /** Resolves true once the shell is ready for requests, false if it never will be. */
  readonly ready = new Promise<boolean>((resolve) => (this.#ready = resolve));

  constructor(private readonly channel: Channel) {
    const timer = setTimeout(() => this.discard(), START_TIMEOUT_MS);
    void this.ready.then(() => clearTimeout(timer));
    channel.onStdout((chunk) => this.#stdout(chunk));
    channel.onStderr((chunk) => this.#stderr(chunk));
    channel.exit.then(
      (status) => this.#ended(status, undefined),
      (error: unknown) => this.#ended(undefined, error),
    );
  }

  get idle(): boolean {
    return this.#state === 'idle';
  }

  get dead(): boolean {
    return this.#state === 'dead';
  }

  /** Starts `command` (a /bin/sh command line); the session must be idle. */
  open(command: string): Channel {
    if (this.#state !== 'idle') throw new Error(`internal: shell session is ${this.#state}`);
    this.#state = 'busy';
    this.#requests += 1;
    this.#request = new SessionRequest(this, `${this.#key}${this.#requests.toString(16)}`, Buffer.from(command));
    return this.#request;
  }

  /** Ends an idle session's input, so its shell exits and the channel is freed. */
  close(): void {
    this.#state = 'dead';
    this.channel.end();
  }

  /** Stops the shell and everything it started (as far as the transport can). */
  discard(): void {
    if (this.#state === 'dead') return;
    const wasStarting = this.#state === 'starting';
    this.#state = 'dead';
    this.channel.kill();
    if (wasStarting) this.#ready(false);
  }

  send(frame: Buffer): void {
    this.channel.write(frame);
  }

  /** Called by the request once both trailers arrived. */
  finished(request: SessionRequest, extra: boolean): void {
    if (this.#request !== request) return;
    this.#request = undefined;
    if (extra) this.discard();
    else if (this.#state === 'busy') this.#state = 'idle';
  }

  #stdout(chunk: Buffer): void {
    if (this.#request) return this.#request.stdout(chunk);
    if (this.#state !== 'starting') return this.discard();
    // Anything a login shell prints before our shell runs is not for us.
    this.#banner += chunk.toString('latin1');
    const at = this.#banner.indexOf(`${SESSION_READY}\n`);
    if (at < 0) return;
    if (at + SESSION_READY.length + 1 < this.#banner.length) return this.discard();
    this.#banner = '';
    this.#state = 'idle';
    this.#ready(true);
  }

  #stderr(chunk: Buffer): void {
    if (this.#request) this.#request.stderr(chunk);
    else if (this.#state === 'idle') this.discard();
  }

  #ended(status: number | undefined, error: unknown): void {
    const wasStarting = this.#state === 'starting';
    this.#state = 'dead';
    if (wasStarting) this.#ready(false);
    const request = this.#request;
    this.#request = undefined;
    request?.ended(status, error);
  }
}

/** One command inside a session, seen as a Channel by the executor. */
class SessionRequest implements Channel {
  readonly #stdin: Buffer[] = [];
  readonly #stdoutListeners: Array<(chunk: Buffer) => void> = [];
  readonly #stderrListeners: Array<(chunk: Buffer) => void> = [];
  readonly #stdoutScan: TrailerScanner;
  readonly #stderrScan: TrailerScanner;
  #status: number | undefined;
  #stderrDone = false;
  #extra = false;
  #settle!: { resolve: (rc: number) => void; reject: (error: unknown) => void };
  readonly exit = new Promise<number>((resolve, reject) => (this.#settle = { resolve, reject }));

  constructor(
    private readonly session: ShellSession,
    private readonly nonce: string,
    private readonly command: Buffer,
  ) {
    const marker = Buffer.from(`${TRAILER_PREFIX}${nonce}:`);
    this.#stdoutScan = new TrailerScanner(marker, (chunk) => this.#stdoutListeners.forEach((listener) => listener(chunk)));
    this.#stderrScan = new TrailerScanner(marker, (chunk) => this.#stderrListeners.forEach((listener) => listener(chunk)));
  }

  write(data: Buffer): void {
    this.#stdin.push(data);
  }

  /** The request goes out whole: its header needs the stdin length. */
  end(): void {
    this.session.send(sessionFrame(this.nonce, this.command, Buffer.concat(this.#stdin)));
  }

  onStdout(listener: (chunk: Buffer) => void): void {
    this.#stdoutListeners.push(listener);
  }

  onStderr(listener: (chunk: Buffer) => void): void {
    this.#stderrListeners.push(listener);
  }

  kill(): void {
    this.session.finished(this, true);
    this.#settle.resolve(signalStatus('KILL'));
  }

  stdout(chunk: Buffer): void {
    // After its trailer, a stream carries only output nobody asked for.
    if (this.#status !== undefined) return void (this.#extra = true);
    const scan = this.#stdoutScan.push(chunk);
    if (!scan) return;
    const status = /^\d+$/.exec(scan.tail);
    this.#status = status ? Number(status[0]) : 255;
    this.#trailer(scan, status === null);
  }

  stderr(chunk: Buffer): void {
    if (this.#stderrDone) return void (this.#extra = true);
    const scan = this.#stderrScan.push(chunk);
    if (!scan) return;
    this.#stderrDone = true;
    this.#trailer(scan, scan.tail !== '');
  }

  /** The session died under this request: report what came, as a channel that closed would. */
  ended(status: number | undefined, error: unknown): void {
    this.#stdoutScan.flush();
    this.#stderrScan.flush();
    if (status === undefined) this.#settle.reject(error);
    else this.#settle.resolve(status);
  }

  #trailer(scan: TrailerScan, malformed: boolean): void {
    this.#extra ||= malformed || scan.extra.length > 0;
    if (this.#status === undefined || !this.#stderrDone) return;
    this.session.finished(this, this.#extra);
    this.#settle.resolve(this.#status);
  }
}
