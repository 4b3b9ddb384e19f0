import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { parse } from 'shell-quote';
import { ClawError, EXIT, OptionsError, VaultError } from '../../errors.js';
import { decryptEnvelope, encryptEnvelope, type VaultSecret } from '../decrypt.js';
import { readVaultInput } from './files.js';
import { writeOutput, type VaultCliIo } from './io.js';
import { encryptSecret, readSecrets, type VaultPasswordOptions } from './secrets.js';

// edit / create: the plaintext lives only in a private directory (0700, file 0600) while
// $EDITOR runs, is re-encrypted only when it changed, and the directory is removed whatever
// happens — error, editor failure or a signal.

export async function editFile(files: string[], options: VaultPasswordOptions, io: VaultCliIo): Promise<void> {
  const file = single(files, 'edit');
  const secrets = await readSecrets(options, io);
  const { plaintext, envelopeLabel, secret } = decryptEnvelope(await readVaultInput(file, io), file, secrets);
  const { mode } = await stat(file);
  await editThenSave(file, plaintext, { ...secret, label: envelopeLabel ?? 'default' }, io, mode & 0o7777);
}

export async function createFile(files: string[], options: VaultPasswordOptions, io: VaultCliIo): Promise<void> {
  const file = single(files, 'create');
  if (await stat(file).then(() => true, () => false)) {
    throw new VaultError('vault-exists', `${file} exists, please use 'edit' instead`, { where: file });
  }
  await editThenSave(file, undefined, await encryptSecret(options, io), io, 0o600);
}

function single(files: string[], action: string): string {
  const [file] = files;
  if (file === undefined || files.length !== 1 || file === '-') throw new OptionsError(`vault ${action} takes exactly one file name`);
  return file;
}

async function editThenSave(file: string, before: Buffer | undefined, secret: VaultSecret, io: VaultCliIo, mode: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claw-vault-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals): void => {
    cleanup();
    removeHandlers();
    process.kill(process.pid, signal);
  };
  // Ctrl-C belongs to the editor (vi uses it); the directory goes once the editor exits.
  const ignore = (): void => undefined;
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];
  const removeHandlers = (): void => {
    signals.forEach((signal) => process.off(signal, onSignal));
    process.off('SIGINT', ignore);
  };
  signals.forEach((signal) => process.once(signal, onSignal));
  process.on('SIGINT', ignore);
  try {
    const temp = join(dir, basename(file));
    await writeFile(temp, before ?? Buffer.alloc(0), { mode: 0o600 });
    await runEditor(temp, io.env);
    const after = await readFile(temp);
    if (before === undefined || !after.equals(before)) {
      await writeOutput(file, encryptEnvelope(after, secret.password, secret.label), io, mode);
    }
  } finally {
    removeHandlers();
    cleanup();
  }
}

async function runEditor(path: string, env: NodeJS.ProcessEnv): Promise<void> {
  const words = parse(env.EDITOR || 'vi').filter((word): word is string => typeof word === 'string');
  const [command, ...args] = words;
  if (command === undefined) throw new OptionsError(`EDITOR="${env.EDITOR ?? ''}" names no command`);
  const result = await execa(command, [...args, path], { stdio: 'inherit', reject: false, env });
  if (result.failed) {
    throw new ClawError('vault-editor', `the editor "${words.join(' ')}" failed (${result.exitCode ?? result.signal ?? result.shortMessage}); nothing was saved`, EXIT.ERROR, {
      hint: 'set EDITOR to a working editor',
    });
  }
}
