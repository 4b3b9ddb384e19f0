import { Option, type Command } from 'commander';
import type { ExitCode } from '../errors.js';
import type { VaultAction, VaultCommandOptions } from '../vault/commands/index.js';

// `claw-provision vault ...`: ansible-vault's subcommands and flags. The implementation
// (crypto, prompts, editor) loads only when a vault command runs.

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function passwordOptions(command: Command): Command {
  return command
    .option('--vault-id <label@source>', 'vault identity: LABEL@FILE, LABEL@prompt, or FILE (repeatable)', collect, [])
    .option('--vault-pass-file, --vault-password-file <file>', 'vault password file, or executable printing it (repeatable)', collect, [])
    .option('-J, --ask-vault-pass', 'prompt for the vault password')
    .addOption(new Option('--ask-vault-password', 'same as --ask-vault-pass').hideHelp())
    .option('-v, --verbose', 'accepted for ansible-vault compatibility', (_v: string, n: number) => n + 1, 0);
}

interface Spec {
  action: VaultAction;
  alias?: string;
  args: string;
  description: string;
  output?: boolean;
  encryptId?: boolean;
  extra?: (command: Command) => Command;
}

const specs: Spec[] = [
  { action: 'encrypt', args: '[files...]', description: 'encrypt files in place (no file or "-": stdin to stdout)', output: true, encryptId: true },
  { action: 'decrypt', args: '[files...]', description: 'decrypt files in place (no file or "-": stdin to stdout)', output: true },
  { action: 'view', args: '[files...]', description: 'print the plaintext of vault files' },
  { action: 'edit', args: '<file>', description: 'edit a vault file with $EDITOR (default vi)', encryptId: true },
  { action: 'create', args: '<file>', description: 'create a new vault file with $EDITOR', encryptId: true },
  {
    action: 'rekey',
    args: '<files...>',
    description: 're-encrypt vault files with a new password',
    encryptId: true,
    extra: (c) => c.option('--new-vault-password-file <file>', 'new vault password file').option('--new-vault-id <label@source>', 'new vault identity'),
  },
  {
    action: 'encrypt-string',
    alias: 'encrypt_string',
    args: '[strings...]',
    description: 'encrypt strings into `!vault |` YAML blocks (no string or "-": stdin)',
    output: true,
    encryptId: true,
    extra: (c) =>
      c
        .option('-p, --prompt', 'prompt for the string to encrypt')
        .option('--show-input', 'do not hide the string typed at --prompt')
        .option('-n, --name <name>', 'variable name for the next string (repeatable)', collect, [])
        .option('--stdin-name <name>', 'variable name for the string read from stdin'),
  },
];

export function define(program: Command, done: (code: ExitCode) => void): void {
  const vault = program.command('vault').description('encrypt and decrypt Ansible vault data (ansible-vault compatible)');
  for (const spec of specs) {
    let command = passwordOptions(vault.command(`${spec.action} ${spec.args}`).description(spec.description));
    if (spec.alias) command = command.alias(spec.alias);
    if (spec.output) command = command.option('--output <file>', 'output file name ("-" for stdout)');
    if (spec.encryptId) command = command.option('--encrypt-vault-id <label>', 'vault id to encrypt with (needed when several are given)');
    if (spec.extra) command = spec.extra(command);
    command.action(async (args: string[] | string, options: VaultCommandOptions & { askVaultPassword?: boolean }) => {
      const { runVaultCommand } = await import('../vault/commands/index.js');
      const merged = { ...options, askVaultPass: options.askVaultPass === true || options.askVaultPassword === true };
      done(await runVaultCommand(spec.action, Array.isArray(args) ? args : [args], merged));
    });
  }
}
