import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ValidationResult } from '../validate/types.js';
import { validateTree } from '../validate/validate-tree.js';

// The rendered scenario trees are validated and removed in one child process, niced like the
// tools it starts (tree-child.ts). On the engine's thread that work (starting some sixty tools,
// parsing the rendered YAML and JSON, checking Compose files, copying fail2ban's configuration,
// removing thousands of files) held up the playbooks of the scenarios still running; in a niced
// process it takes only the CPU the engine leaves. Run from the TypeScript sources (tests) there
// is no bundled child script, and it is done in this process, as before.

export interface TreeProcess {
  validate(dir: string): Promise<ValidationResult[]>;
  remove(dir: string): Promise<void>;
  /** Ends the child (once every tree is done). */
  close(): void;
}

export type TreeJob = 'validate' | 'remove';
export interface TreeRequest {
  id: number;
  job: TreeJob;
  dir: string;
}
export type TreeAnswer = { id: number; results?: ValidationResult[] } | { id: number; error: string };

/** dist/tree-child.js (scripts/build.mjs), one level above the chunk this module is bundled into. */
export const BUNDLED_TREE_CHILD = new URL('../tree-child.js', import.meta.url);

interface Waiting {
  resolve: (answer: TreeAnswer) => void;
  reject: (error: Error) => void;
}

/** Starts the child with the first job; without the child script, works in this process. */
export function treeProcess(script: URL = BUNDLED_TREE_CHILD): TreeProcess {
  if (!existsSync(fileURLToPath(script))) {
    return { validate: validateTree, remove: (dir) => rm(dir, { recursive: true, force: true }), close: () => undefined };
  }
  const child = lazyChild(fileURLToPath(script));
  return {
    validate: async (dir) => ((await child.send('validate', dir)) as { results: ValidationResult[] }).results,
    remove: async (dir) => void (await child.send('remove', dir)),
    close: () => child.close(),
  };
}

function lazyChild(script: string): { send(job: TreeJob, dir: string): Promise<TreeAnswer>; close(): void } {
  let child: ChildProcess | undefined;
  let ended: Error | undefined;
  const pending = new Map<number, Waiting>();
  let nextId = 0;
  const start = (): ChildProcess => {
    const started = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    started.on('message', (answer: TreeAnswer) => {
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if ('error' in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer);
    });
    // A child that dies fails the jobs it had and every later one (with this reason).
    const end = (error: Error): void => {
      ended ??= error;
      for (const waiting of pending.values()) waiting.reject(ended);
      pending.clear();
    };
    started.on('error', end);
    started.on('exit', (code, signal) => end(new Error(`molecule-lite's tree process ended (${signal ?? `exit code ${code}`})`)));
    return started;
  };
  const send = (job: TreeJob, dir: string): Promise<TreeAnswer> => {
    if (ended) return Promise.reject(ended);
    const running = (child ??= start());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      running.send({ id, job, dir } satisfies TreeRequest);
    });
  };
  return { send, close: () => void child?.disconnect() };
}
