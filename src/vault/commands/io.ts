import { readFile } from 'node:fs/promises';
import { ClawError, EXIT } from '../../errors.js';
import { promptPassword, type PromptFn } from '../prompt.js';
import { writeFileAtomic } from '../../write-file-atomic.js';

// Everything the vault commands touch outside the file system arguments, injectable so the
// CLI tests run in-process: standard streams, the prompt, the environment.

export interface VaultCliIo {
  readStdin(): Promise<Buffer>;
  stdout(data: Buffer | string): void;
  stderr(text: string): void;
  prompt: PromptFn;
  env: NodeJS.ProcessEnv;
  stdoutIsTty: boolean;
}

export function processIo(): VaultCliIo {
  return {
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
      return Buffer.concat(chunks);
    },
    stdout: (data) => process.stdout.write(data),
    stderr: (text) => process.stderr.write(text),
    prompt: promptPassword,
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
  };
}

/** Reads a file, or stdin for "-". */
export async function readInput(path: string, io: VaultCliIo): Promise<Buffer> {
  if (path === '-') return io.readStdin();
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new ClawError('vault-read', `Unable to read source file: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}`, EXIT.ERROR, { where: path });
  });
}

/** Writes a file atomically (0600 unless `mode`), or stdout for "-". */
export async function writeOutput(path: string, data: Buffer | string, io: VaultCliIo, mode = 0o600): Promise<void> {
  if (path === '-') io.stdout(data);
  else {
    await writeFileAtomic(path, data, { mode }).catch((error: NodeJS.ErrnoException) => {
      throw new ClawError('vault-write', `Unable to write the file: ${error.code ?? error.message}`, EXIT.ERROR, { where: path });
    });
  }
}
