import { stat } from 'node:fs/promises';
import { OptionsError, VaultError } from '../../errors.js';
import { decryptEnvelope, encryptEnvelope } from '../decrypt.js';
import { isVaultText } from '../envelope.js';
import { readInput, writeOutput, type VaultCliIo } from './io.js';
import { encryptSecret, newEncryptSecret, readSecrets, type VaultPasswordOptions } from './secrets.js';

// encrypt / decrypt / view / rekey over files ("-" or no file = stdin to stdout), in place
// unless --output is given. Every write is atomic and private (0600), as ansible-vault's are;
// rekey keeps the file's previous mode.

export interface FileCommandOptions extends VaultPasswordOptions {
  output?: string;
}

function inputs(files: string[], options: FileCommandOptions): string[] {
  const list = files.length === 0 ? ['-'] : files;
  if (options.output !== undefined && list.length > 1) throw new OptionsError('At most one input file may be used with the --output option');
  return list;
}

export async function encryptFiles(files: string[], options: FileCommandOptions, io: VaultCliIo): Promise<void> {
  const list = inputs(files, options);
  const secret = await encryptSecret(options, io);
  for (const file of list) {
    const plaintext = await readInput(file, io);
    if (isVaultText(plaintext.toString('latin1'))) {
      throw new VaultError('vault-already-encrypted', 'input is already encrypted', { where: file === '-' ? 'stdin' : file });
    }
    await writeOutput(options.output ?? file, encryptEnvelope(plaintext, secret.password, secret.label), io);
  }
  if (io.stdoutIsTty) io.stderr('Encryption successful\n');
}

export async function decryptFiles(files: string[], options: FileCommandOptions, io: VaultCliIo): Promise<void> {
  const list = inputs(files, options);
  const secrets = await readSecrets(options, io);
  for (const file of list) {
    const { plaintext } = decryptEnvelope(await readVaultInput(file, io), file === '-' ? 'stdin' : file, secrets);
    await writeOutput(options.output ?? file, plaintext, io);
  }
  if (io.stdoutIsTty) io.stderr('Decryption successful\n');
}

export async function viewFiles(files: string[], options: VaultPasswordOptions, io: VaultCliIo): Promise<void> {
  const secrets = await readSecrets(options, io);
  for (const file of files.length === 0 ? ['-'] : files) {
    io.stdout(decryptEnvelope(await readVaultInput(file, io), file === '-' ? 'stdin' : file, secrets).plaintext);
  }
}

export async function rekeyFiles(files: string[], options: VaultPasswordOptions, io: VaultCliIo): Promise<void> {
  if (files.length === 0) throw new OptionsError('rekey needs at least one file name');
  const secrets = await readSecrets(options, io);
  const target = await newEncryptSecret(options, io);
  for (const file of files) {
    const { mode } = await stat(file);
    const { plaintext } = decryptEnvelope(await readVaultInput(file, io), file, secrets);
    await writeOutput(file, encryptEnvelope(plaintext, target.password, target.label), io, mode & 0o7777);
  }
  if (io.stdoutIsTty) io.stderr('Rekey successful\n');
}

/** Reads vault text; a plaintext input is named as such rather than reported as a format error. */
export async function readVaultInput(file: string, io: VaultCliIo): Promise<string> {
  const text = (await readInput(file, io)).toString('utf8');
  if (!isVaultText(text)) {
    throw new VaultError('vault-not-encrypted', `input is not vault encrypted data${file === '-' ? '' : `: ${file} is not a vault encrypted file`}`, {
      where: file === '-' ? 'stdin' : file,
    });
  }
  return text;
}
