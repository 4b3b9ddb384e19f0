import type { UnreachableError } from '../errors.js';
import { TransferError } from './errors.js';
import type { Become, Connection, PutOptions, RunOptions, RunResult } from './types.js';

// An in-memory Connection for unit tests: no process, no network. It records every call
// so tests can assert the exact commands a module or the runner issued, answers `run`
// from canned responses, and keeps `put` files in a map that `get` reads back.
//
//   const conn = new FakeConnection('web1');
//   conn.respond('id -u', { stdout: '0\n' });          // exact command
//   conn.respond(/^stat /, (cmd) => ({ rc: 1 }));       // regexp, computed reply
//   conn.setFile('/etc/hosts', '127.0.0.1 localhost\n');
//   await conn.run('id -u');                              // → { rc: 0, stdout: '0\n', stderr: '' }
//   conn.commands();                                      // → ['id -u']

export type FakeReply = Partial<RunResult> | ((command: string, options: RunOptions) => Partial<RunResult>);

export type FakeCall =
  | { kind: 'run'; command: string; options: RunOptions }
  | { kind: 'put'; path: string; content: Buffer; options: PutOptions }
  | { kind: 'get'; path: string; become: Become | undefined };

export interface FakeFile {
  content: Buffer;
  mode?: string | undefined;
  owner?: string | undefined;
  group?: string | undefined;
}

interface Rule {
  match: string | RegExp;
  reply: FakeReply;
  /** Remaining uses; undefined = unlimited. */
  times: number | undefined;
}

export class FakeConnection implements Connection {
  readonly calls: FakeCall[] = [];
  readonly files = new Map<string, FakeFile>();
  /** Reply for a command no rule matches; rc 0 with empty output unless changed. */
  fallback: FakeReply = {};
  /** When true, an unmatched command throws instead of using `fallback` (catches forgotten stubs). */
  strict = false;
  closed = false;
  /** When set, every call throws this (simulates a dead host). */
  unreachable: UnreachableError | undefined;
  readonly #rules: Rule[] = [];

  constructor(readonly host = 'fake') {}

  /** Adds a canned reply; later rules win over earlier ones. `times` limits how often it applies. */
  respond(match: string | RegExp, reply: FakeReply, times?: number): this {
    this.#rules.unshift({ match, reply, times });
    return this;
  }

  setFile(path: string, content: string | Buffer, meta: Omit<FakeFile, 'content'> = {}): this {
    this.files.set(path, { ...meta, content: Buffer.from(content) });
    return this;
  }

  /** The command lines passed to `run`, in order. */
  commands(): string[] {
    return this.calls.flatMap((call) => (call.kind === 'run' ? [call.command] : []));
  }

  /** The paths written by `put`, in order. */
  puts(): string[] {
    return this.calls.flatMap((call) => (call.kind === 'put' ? [call.path] : []));
  }

  reset(): void {
    this.calls.length = 0;
    this.files.clear();
    this.#rules.length = 0;
  }

  async run(command: string, options: RunOptions = {}): Promise<RunResult> {
    this.#check();
    this.calls.push({ kind: 'run', command, options });
    const reply = this.#replyFor(command, options);
    const result: RunResult = { rc: reply.rc ?? 0, stdout: reply.stdout ?? '', stderr: reply.stderr ?? '' };
    if (options.onOutput) emitLines(result, options.onOutput);
    return result;
  }

  async put(path: string, content: Buffer, options: PutOptions = {}): Promise<void> {
    this.#check();
    this.calls.push({ kind: 'put', path, content, options });
    this.files.set(path, { content: Buffer.from(content), mode: options.mode, owner: options.owner, group: options.group });
  }

  async get(path: string, options: { become?: Become | undefined } = {}): Promise<Buffer> {
    this.#check();
    this.calls.push({ kind: 'get', path, become: options.become });
    const file = this.files.get(path);
    if (!file) throw new TransferError('get-failed', `cannot read ${path} on ${this.host}: No such file or directory`);
    return Buffer.from(file.content);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  #check(): void {
    if (this.unreachable) throw this.unreachable;
  }

  #replyFor(command: string, options: RunOptions): Partial<RunResult> {
    const rule = this.#rules.find((r) => r.times !== 0 && matches(r.match, command));
    if (!rule) {
      if (this.strict) throw new Error(`FakeConnection(${this.host}): no canned reply for command: ${command}`);
      return resolve(this.fallback, command, options);
    }
    if (rule.times !== undefined) rule.times -= 1;
    return resolve(rule.reply, command, options);
  }
}

function matches(match: string | RegExp, command: string): boolean {
  if (typeof match === 'string') return match === command;
  match.lastIndex = 0;
  return match.test(command);
}

function resolve(reply: FakeReply, command: string, options: RunOptions): Partial<RunResult> {
  return typeof reply === 'function' ? reply(command, options) : reply;
}

function emitLines(result: RunResult, onOutput: NonNullable<RunOptions['onOutput']>): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const lines = result[stream].split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) onOutput(line, stream);
  }
}
