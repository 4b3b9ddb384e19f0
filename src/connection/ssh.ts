import type { Client, ClientChannel } from 'ssh2';
import { UnreachableError } from '../errors.js';
import { signalStatus, type Channel } from './channel.js';
import { ChannelLimit } from './channel-limit.js';
import { ShellConnection } from './shell-connection.js';
import { connectSsh, type ConnectOptions } from './ssh-connect.js';
import type { ConnectionSpec } from './types.js';

// One SSH connection per host for the whole run; commands run in its shell sessions (see
// ShellConnection) or each on an exec channel of its own, up to the server's MaxSessions
// channels at once (the rest queue; a session holds one channel while it lives).

/** Re-opens of a refused channel, 5 ms doubling: about 2.5 s in all. */
const OPEN_RETRIES = 9;

export interface SshOptions extends ConnectOptions {
  /** Shell sessions kept open per connection (0: one channel per command). */
  maxSessions?: number;
}

export async function openSsh(spec: ConnectionSpec, options: SshOptions = {}): Promise<SshConnection> {
  const client = await connectSsh(spec, options);
  return new SshConnection(spec, client, options.maxChannels ?? 10, options.maxSessions);
}

export class SshConnection extends ShellConnection {
  readonly #client: Client;
  readonly #limit: ChannelLimit;
  #lost: Error | undefined;
  #closed = false;

  constructor(
    readonly spec: ConnectionSpec,
    client: Client,
    maxChannels: number,
    maxSessions?: number,
  ) {
    super(spec.name, spec.user, maxSessions);
    this.#client = client;
    this.#limit = new ChannelLimit(maxChannels);
    client.on('error', (error: Error) => (this.#lost ??= error));
    client.on('close', () => (this.#lost ??= new Error('connection closed')));
  }

  /** False once the connection dropped or was closed (the pool then reconnects). */
  get alive(): boolean {
    return !this.#closed && this.#lost === undefined;
  }

  protected readonly openChannel = async (command: string): Promise<Channel> => {
    await this.#limit.acquire();
    try {
      return await this.#openWithRetry(command);
    } catch (error) {
      this.#limit.release();
      throw error instanceof UnreachableError ? error : this.#channelError(error);
    }
  };

  /**
   * sshd frees a session slot only after reaping its process, so a channel opened right after
   * another closed can be refused ("open failed") even below MaxSessions. Nothing has run
   * then, so trying again is safe; a command that started is never re-sent. A server allowing
   * fewer sessions than we count on gets an idle shell session's channel back.
   */
  async #openWithRetry(command: string): Promise<Channel> {
    for (let attempt = 0; ; attempt++) {
      this.#assertAlive();
      try {
        return await this.#exec(command);
      } catch (error) {
        const refused = error instanceof Error && /Channel open failure/.test(error.message);
        if (!refused || attempt >= OPEN_RETRIES) throw error;
        this.releaseIdleSession();
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt));
      }
    }
  }

  #exec(command: string): Promise<Channel> {
    return new Promise<Channel>((resolve, reject) => {
      // Adapt inside the callback: exit-status can arrive in the same packet batch as the
      // exec reply, and an 'exit' listener attached a microtask later would miss it.
      this.#client.exec(command, (error, stream) => (error ? reject(error) : resolve(this.#adapt(stream))));
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#client.end();
  }

  #adapt(stream: ClientChannel): Channel {
    let status: number | undefined;
    let settle: { resolve: (rc: number) => void; reject: (error: Error) => void } | undefined;
    const exit = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
    stream.on('exit', (code: number | null, signal?: string) => {
      status = code ?? (signal ? signalStatus(signal) : undefined);
    });
    stream.on('close', () => {
      this.#limit.release();
      if (status !== undefined) settle?.resolve(status);
      else settle?.reject(this.#lostError(this.#lost ?? new Error('channel closed without an exit status')));
    });
    // A command that exits without reading stdin must not turn our late writes into errors.
    stream.on('error', () => undefined);
    // When the command already finished (exit and close can arrive with the exec reply), a
    // write or end would only build a stream error that nobody reads: at 50 hosts that was
    // 2% of the run's CPU in the profile (bench/NOTES.md). Skip them instead.
    const open = (): boolean => !stream.destroyed && !stream.writableEnded;
    skipRedundantEnd(stream);
    return {
      write: (data) => void (open() && stream.write(data)),
      end: () => void (open() && stream.end()),
      onStdout: (listener) => void stream.on('data', listener),
      onStderr: (listener) => void stream.stderr.on('data', listener),
      exit,
      kill: () => {
        // sshd signals only the session's shell and keeps the channel until every process
        // holding its pipes exits, so do not wait for the close: report the kill now.
        settle?.resolve(signalStatus('KILL'));
        stream.signal('KILL');
        stream.close();
      },
    };
  }

  #assertAlive(): void {
    if (this.#closed) throw new UnreachableError('connection-closed', `${this.host}: connection already closed`);
    if (this.#lost) throw this.#lostError(this.#lost);
  }

  #channelError(cause: unknown): UnreachableError {
    if (this.#lost) return this.#lostError(this.#lost);
    return new UnreachableError('channel-failed', `${this.host}: cannot open an SSH channel: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: 'the server may allow fewer sessions per connection (sshd MaxSessions) than the connection uses',
      cause,
    });
  }

  #lostError(cause: unknown): UnreachableError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new UnreachableError('connection-lost', `${this.host} (${this.spec.address}:${this.spec.port}): SSH connection lost: ${reason}`, {
      hint: 'the host may have rebooted or dropped the connection; the command was not retried',
      cause,
    });
  }
}

/**
 * ssh2's Channel#destroy is `end()` then `close()`, and the stream's autoDestroy calls it for
 * every channel once both sides ended: that `end()` on a finished stream makes Node build an
 * ERR_STREAM_ALREADY_FINISHED (stack trace included) nobody reads, ~3% of a 50-host run's
 * CPU. After stdin finished only the close is left to do, so do just that.
 */
function skipRedundantEnd(stream: ClientChannel): void {
  const destroy = stream.destroy.bind(stream);
  stream.destroy = () => {
    if (!stream.writableFinished) return destroy();
    stream.close();
    return stream;
  };
}
