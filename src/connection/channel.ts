// What the shared executor needs from a transport: one running command with its three
// streams. An SSH exec channel and a local child process both fit.

export interface Channel {
  write(data: Buffer): void;
  /** Closes the command's stdin (EOF). */
  end(): void;
  onStdout(listener: (chunk: Buffer) => void): void;
  onStderr(listener: (chunk: Buffer) => void): void;
  /** Resolves with the exit status once all output has been delivered (signal → 128+n). */
  readonly exit: Promise<number>;
  /** Stops the command (timeout, refused become). */
  kill(): void;
}

export type OpenChannel = (command: string) => Promise<Channel>;

/** Exit statuses for signals, as sh reports them. */
const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, PIPE: 13, ALRM: 14, TERM: 15 };

export function signalStatus(signal: string): number {
  return 128 + (SIGNALS[signal.replace(/^SIG/, '')] ?? 0);
}
