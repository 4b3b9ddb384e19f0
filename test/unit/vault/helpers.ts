import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VaultCliIo } from '../../../src/vault/commands/index.js';

// A scratch directory and an in-memory io for running vault commands in-process.

export function scratch(prefix: string): { dir: string; file: (name: string, content: string | Buffer, mode?: number) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, content, mode = 0o600) => {
      const path = join(dir, name);
      writeFileSync(path, content, { mode });
      return path;
    },
  };
}

export interface MemoryIo extends VaultCliIo {
  out: () => Buffer;
  err: () => string;
}

export function memoryIo(stdin: string | Buffer = '', answers: string[] = []): MemoryIo {
  const out: Buffer[] = [];
  let err = '';
  return {
    readStdin: async () => Buffer.from(stdin),
    stdout: (data) => void out.push(Buffer.from(data)),
    stderr: (text) => void (err += text),
    prompt: async () => answers.shift() ?? '',
    env: {},
    stdoutIsTty: false,
    out: () => Buffer.concat(out),
    err: () => err,
  };
}
