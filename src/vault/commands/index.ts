import { EXIT, type ExitCode } from '../../errors.js';
import { createFile, editFile } from './edit.js';
import { encryptStrings, type EncryptStringOptions } from './encrypt-string.js';
import { decryptFiles, encryptFiles, rekeyFiles, viewFiles } from './files.js';
import { processIo, type VaultCliIo } from './io.js';

// The `claw-provision vault` actions, ansible-vault's commands and flags. src/cli/vault.ts
// parses argv and imports this lazily; tests call it in-process with their own io.

export type VaultAction = 'encrypt' | 'decrypt' | 'view' | 'edit' | 'create' | 'rekey' | 'encrypt-string';
export type VaultCommandOptions = EncryptStringOptions;
export type { VaultCliIo } from './io.js';

export async function runVaultCommand(action: VaultAction, args: string[], options: VaultCommandOptions, io: VaultCliIo = processIo()): Promise<ExitCode> {
  const previous = process.umask(0o077);
  try {
    await actions[action](args, options, io);
    return EXIT.OK;
  } finally {
    process.umask(previous);
  }
}

const actions: Record<VaultAction, (args: string[], options: VaultCommandOptions, io: VaultCliIo) => Promise<void>> = {
  encrypt: encryptFiles,
  decrypt: decryptFiles,
  view: viewFiles,
  edit: editFile,
  create: createFile,
  rekey: rekeyFiles,
  'encrypt-string': encryptStrings,
};
