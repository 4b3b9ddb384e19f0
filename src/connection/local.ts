import { spawn, type ChildProcess } from 'node:child_process';
import type { Stats } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Channel } from './channel.js';
import { signalStatus } from './channel.js';
import { TransferError } from './errors.js';
import { ShellConnection } from './shell-connection.js';
import type { Become, PutOptions } from './types.js';
import { writeFileAtomic, type AtomicWriteOptions } from '../write-file-atomic.js';

// ansible_connection: local and delegate_to: localhost. The same contract as ssh, with a
// local /bin/sh per command; become, secret-safe argv and the atomic put script are shared
// (ShellConnection), so local and remote behave alike byte for byte. A plain put or get (no
// become, owner or group) is done in-process with the put script's very steps.
//
// Plain node:child_process rather than execa: a run makes hundreds of these spawns (molecule-lite
// well over a thousand) and execa's per-call option handling, env copy and promise plumbing cost
// about as much main-thread time as the fork itself, for features (buffering, errors) unused here.

const OCTAL_MODE = /^[0-7]{3,4}$/;

/** The login name does not change while we run; os.userInfo() is a synchronous passwd lookup. */
let loginName: string | undefined;

export class LocalConnection extends ShellConnection {
  readonly #children = new Set<ChildProcess>();

  /** `maxSessions`: shell sessions kept open (ShellConnection; molecule-lite shares one connection between scenarios). */
  constructor(host = 'localhost', maxSessions?: number) {
    super(host, (loginName ??= userInfo().username), maxSessions);
  }

  protected readonly openChannel = async (command: string): Promise<Channel> => processChannel(command, this.#children);

  /**
   * The put script's steps done in-process when no shell is needed (no become, owner or group;
   * `path` absent or a regular file): a private temp file beside it, mode (given, the old file's,
   * or 0666 minus the umask), owner kept, fsync, rename. Eight processes fewer per file.
   */
  override async put(path: string, content: Buffer, options: PutOptions = {}): Promise<void> {
    const simple = !options.become && options.owner === undefined && options.group === undefined && (options.mode === undefined || OCTAL_MODE.test(options.mode));
    // null: no file there yet; undefined: not for us (or lstat failed: the shell reports it as before).
    const existing = simple ? await lstat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : undefined)) : undefined;
    if (existing === undefined || (existing && !existing.isFile())) return super.put(path, content, options);
    await writeFileAtomic(path, content, atomicOptions(options.mode, existing)).catch((error: unknown) => {
      throw new TransferError('put-failed', `cannot write ${path} on ${this.host}: ${(error as Error).message}`, { hint: 'check the directory exists and is writable, or use become' });
    });
  }

  /** Reads in-process unless a become user must read it. */
  override async get(path: string, options: { become?: Become | undefined } = {}): Promise<Buffer> {
    if (options.become) return super.get(path, options);
    return readFile(path).catch((error: unknown) => {
      throw new TransferError('get-failed', `cannot read ${path} on ${this.host}: ${(error as Error).message}`);
    });
  }

  /** Stops commands still running (an interrupted run must not leave them behind). */
  async close(): Promise<void> {
    stopAll(this.#children);
  }
}

/** A local /bin/sh running `command`, as a Channel; `children` holds it until it has ended. */
export function processChannel(command: string, children: Set<ChildProcess>): Channel {
  // Own process group, so a timeout can stop the whole pipeline, not only the shell
  // (a surviving grandchild would keep the output pipes, and the wait, open).
  const child = spawn('/bin/sh', ['-c', command], { stdio: 'pipe', detached: true });
  children.add(child);
  const exit = exitStatus(child).finally(() => children.delete(child));
  // A command that exits without reading its stdin closes the pipe; that is not an error.
  child.stdin.on('error', () => undefined);
  return {
    write: (data) => void child.stdin.write(data),
    end: () => void child.stdin.end(),
    onStdout: (listener) => void child.stdout.on('data', listener),
    onStderr: (listener) => void child.stderr.on('data', listener),
    exit,
    kill: () => killGroup(child.pid),
  };
}

/** Stops every process group in `children` (commands still running when a run ends). */
export function stopAll(children: Set<ChildProcess>): void {
  for (const child of children) killGroup(child.pid);
}

/**
 * The exit status once the output pipes have closed too ('close', not 'exit': every chunk is
 * delivered first). A shell that could not start at all reports 255, as ssh does.
 */
function exitStatus(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('error', () => resolve(255));
    child.once('close', (code, signal) => resolve(signal ? signalStatus(signal) : (code ?? 255)));
  });
}

/** The put script's mode rules: the given mode, else the old file's mode and owner, else 0666 minus the umask. */
function atomicOptions(mode: string | undefined, existing: Stats | null): AtomicWriteOptions {
  if (mode !== undefined) return { mode: parseInt(mode, 8) };
  // process.umask() reads the mask the put script's `umask` would print (the shell inherits it).
  if (!existing) return { mode: 0o666 & ~process.umask() };
  return { mode: existing.mode & 0o7777, owner: { uid: existing.uid, gid: existing.gid } };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
