import type { Channel, OpenChannel } from './channel.js';
import { ShellSession } from './session.js';
import { SESSION_EXEC } from './session-script.js';

// A connection's shell sessions: up to `max`, started on demand, one command each at a time.
// `open` gives a command an idle session (starting one if there is room) or nothing, and
// the caller then opens a channel of its own, so no result depends on a session existing. A
// session that cannot start turns sessions off for the connection: every command then pays
// one failed attempt less.

/** Sessions per connection: a host runs a task's commands and the next task's fact reads side by side. */
export const DEFAULT_MAX_SESSIONS = 2;

export class SessionPool {
  #sessions: ShellSession[] = [];
  #starting = 0;
  #disabled: boolean;

  constructor(
    private readonly openChannel: OpenChannel,
    private readonly max: number = DEFAULT_MAX_SESSIONS,
  ) {
    this.#disabled = max <= 0;
  }

  /** A channel running `command` (a /bin/sh command line) in a session, or undefined. */
  async open(command: string): Promise<Channel | undefined> {
    this.#prune();
    let session = this.#sessions.find((candidate) => candidate.idle);
    if (!session) {
      session = await this.#start();
      // (It could have died between saying ready and now.)
      if (!session?.idle) return undefined;
      this.#sessions.push(session);
    }
    return session.open(command);
  }

  /** Closes one idle session to free its channel (the server refused a channel); false if none. */
  releaseIdle(): boolean {
    this.#prune();
    const session = this.#sessions.find((candidate) => candidate.idle);
    if (!session) return false;
    session.close();
    this.#prune();
    return true;
  }

  async #start(): Promise<ShellSession | undefined> {
    if (this.#disabled || this.#sessions.length + this.#starting >= this.max) return undefined;
    this.#starting += 1;
    try {
      const session = new ShellSession(await this.openChannel(SESSION_EXEC));
      if (await session.ready) return session;
    } catch {
      // The command's own channel reports whatever made this fail (a lost connection).
    } finally {
      this.#starting -= 1;
    }
    this.#disabled = true;
    return undefined;
  }

  #prune(): void {
    if (this.#sessions.some((session) => session.dead)) this.#sessions = this.#sessions.filter((session) => !session.dead);
  }
}
