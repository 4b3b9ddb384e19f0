import { Option, type Command } from 'commander';
import { OptionsError, type ExitCode } from '../errors.js';
import type { ApplyOptions } from '../runner/apply-options.js';

// `claw-provision apply [PLAYBOOK]`: ansible-playbook's flags turned into typed ApplyOptions.
// The run itself (loading, SSH, modules) is imported only when the command runs. With two
// long names, commander names the option after the LAST one (hence '--key-file, --private-key');
// test/cli/apply-fixes.test.ts checks every alias arrives under the name read below.

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const commaList = (value: string, previous: string[]): string[] => [...previous, ...value.split(',').map((t) => t.trim()).filter(Boolean)];
const count = (_value: string, previous: number): number => previous + 1;

/**
 * A third spelling of an option (commander takes at most a short and two long flags): hidden
 * from help, stored under the main option's attribute, so repeats still collect in order.
 */
function aliasOf(flags: string, attribute: string, parse?: (value: string, previous: string[]) => string[]): Option {
  const option = new Option(flags).hideHelp();
  option.attributeName = () => attribute;
  return parse ? option.argParser(parse) : option;
}

export function define(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('apply')
    .alias('playbook')
    .description('run a playbook against the inventory (ansible-playbook compatible)')
    .argument('[playbook]', 'playbook file', 'playbook.yml')
    .option('-i, --inventory <source>', 'inventory file, directory or comma list (repeatable; also --inventory-file)', collect, [])
    .addOption(aliasOf('--inventory-file <source>', 'inventory', collect))
    .option('-l, --limit <pattern>', 'further limit selected hosts to this pattern')
    .option('-t, --tags <tags>', 'only run plays and tasks tagged with these (repeatable, comma list)', commaList, [])
    .option('--skip-tags <tags>', 'skip plays and tasks tagged with these (repeatable, comma list)', commaList, [])
    .option('-C, --check', 'change nothing; report what would change')
    .option('-D, --diff', 'show the differences in changed files')
    .option('-e, --extra-vars <vars>', 'key=value pairs, YAML/JSON, or @file (repeatable)', collect, [])
    .option('-f, --forks <n>', 'hosts worked on in parallel', '10')
    .option('-u, --user <user>', 'connect as this user when the inventory does not say')
    .option('--key-file, --private-key <file>', 'SSH private key file')
    .option('-k, --ask-pass', 'ask for the SSH password')
    .option('-K, --ask-become-pass', 'ask for the sudo password')
    .option('--become-pass-file, --become-password-file <file>', 'read the sudo password from this file (first line)')
    .option('--vault-pass-file, --vault-password-file <file>', 'vault password file (repeatable)', collect, [])
    .option('--vault-id <id>', 'vault identity LABEL@SOURCE (repeatable)', collect, [])
    .option('-J, --ask-vault-pass', 'ask for the vault password (also --ask-vault-password)')
    .addOption(aliasOf('--ask-vault-password', 'askVaultPass'))
    .option('--start-at-task <name>', 'start the playbook at the task with this name')
    .option('--step', 'confirm each task before running it')
    .option('--list-tasks', 'list the tasks that would run, then exit')
    .option('--list-tags', 'list all available tags, then exit')
    .option('--list-hosts', 'list the hosts each play would run on, then exit')
    .option('--syntax-check', 'check the playbook syntax, then exit')
    .option('--force-handlers', 'run notified handlers even when a task fails')
    .option('--json [file]', 'write a machine-readable report to FILE (or stdout)')
    .option('--detailed-exitcode', 'with --check: exit 80 when changes are pending, 0 when none')
    .option('-v, --verbose', 'more output (-vvv for connection details)', count, 0)
    .addOption(new Option('--host-key-policy <policy>', 'unknown SSH host keys: refuse or record').choices(['strict', 'accept-new']).default('strict'))
    .action(async (playbook: string, flags: Record<string, unknown>) => {
      const options = toApplyOptions(playbook, flags);
      const { applyCommand } = await import('../runner/apply-command.js');
      done(await applyCommand(options));
    });
}

export function toApplyOptions(playbook: string, flags: Record<string, unknown>): ApplyOptions {
  const forks = Number(flags.forks);
  if (!Number.isInteger(forks) || forks < 1) {
    throw new OptionsError(`--forks must be a whole number of at least 1, got '${String(flags.forks)}'`, { hint: 'e.g. --forks 10' });
  }
  if (flags.detailedExitcode && !flags.check) {
    throw new OptionsError('--detailed-exitcode only applies with --check', { hint: 'add -C/--check' });
  }
  const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    playbook,
    inventories: flags.inventory as string[],
    limit: str(flags.limit),
    tags: flags.tags as string[],
    skipTags: flags.skipTags as string[],
    check: Boolean(flags.check),
    diff: Boolean(flags.diff),
    extraVars: flags.extraVars as string[],
    forks,
    user: str(flags.user),
    privateKey: str(flags.privateKey),
    askPass: Boolean(flags.askPass),
    askBecomePass: Boolean(flags.askBecomePass),
    becomePasswordFile: str(flags.becomePasswordFile),
    vaultPasswordFiles: flags.vaultPasswordFile as string[],
    vaultIds: flags.vaultId as string[],
    askVaultPass: Boolean(flags.askVaultPass),
    startAtTask: str(flags.startAtTask),
    step: Boolean(flags.step),
    list: flags.listTasks ? 'tasks' : flags.listTags ? 'tags' : flags.listHosts ? 'hosts' : undefined,
    syntaxCheck: Boolean(flags.syntaxCheck),
    forceHandlers: Boolean(flags.forceHandlers),
    json: flags.json === true ? true : str(flags.json),
    detailedExitcode: Boolean(flags.detailedExitcode),
    verbosity: Number(flags.verbose ?? 0),
    hostKeyPolicy: flags.hostKeyPolicy === 'accept-new' ? 'accept-new' : 'strict',
  };
}
