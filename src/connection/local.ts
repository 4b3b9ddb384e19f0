import { userInfo } from 'node:os';
import { execa, type ResultPromise } from 'execa';
import type { Channel } from './channel.js';
import { signalStatus } from './channel.js';
import { ShellConnection } from './shell-connection.js';

// ansible_connection: local and delegate_to: localhost. The same contract as ssh, with a
// local /bin/sh per command; become, secret-safe argv and the atomic put script are shared
// (ShellConnection), so local and remote behave alike byte for byte.

export class LocalConnection extends ShellConnection {
  readonly #children = new Set<ResultPromise>();

  constructor(host = 'localhost') {
    super(host, userInfo().username);
  }

  protected readonly openChannel = async (command: string): Promise<Channel> => {
    // Own process group, so a timeout can stop the whole pipeline, not only the shell
    // (a surviving grandchild would keep the output pipes, and the wait, open).
    const child = execa('/bin/sh', ['-c', command], { buffer: false, reject: false, stdin: 'pipe', detached: true });
    this.#children.add(child);
    void child.finally(() => this.#children.delete(child));
    const kill = (): void => killGroup(child.pid);
    // A command that exits without reading its stdin closes the pipe; that is not an error.
    child.stdin?.on('error', () => undefined);
    return {
      write: (data) => void child.stdin?.write(data),
      end: () => void child.stdin?.end(),
      onStdout: (listener) => void child.stdout?.on('data', listener),
      onStderr: (listener) => void child.stderr?.on('data', listener),
      exit: child.then((result) => (result.signal ? signalStatus(result.signal) : (result.exitCode ?? 255))),
      kill,
    };
  };

  /** Stops commands still running (an interrupted run must not leave them behind). */
  async close(): Promise<void> {
    for (const child of this.#children) killGroup(child.pid);
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
