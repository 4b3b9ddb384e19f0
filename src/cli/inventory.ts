import type { Command } from 'commander';
import { EXIT, OptionsError, type ExitCode } from '../errors.js';

// `claw-provision inventory list|graph|vars`: the inventory as ansible-inventory shows it,
// plus `vars HOST --explain` naming the file each value came from. Loads no SSH code.

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface InventoryFlags {
  inventory: string[];
  playbookDir?: string;
  extraVars: string[];
  vaultPasswordFile: string[];
  vaultId: string[];
  askVaultPass?: boolean;
  explain?: boolean;
}

function common(command: Command): Command {
  return command
    .option('-i, --inventory <source>', 'inventory file, directory or comma list (repeatable)', collect, [])
    .option('--playbook-dir <dir>', 'also read group_vars/ and host_vars/ next to this playbook directory')
    .option('--vault-pass-file, --vault-password-file <file>', 'vault password file (repeatable)', collect, [])
    .option('--vault-id <id>', 'vault identity LABEL@SOURCE (repeatable)', collect, [])
    .option('-J, --ask-vault-pass', 'ask for the vault password');
}

async function prepare(flags: InventoryFlags) {
  const { configureVault } = await import('../vault/index.js');
  await configureVault({ passwordFiles: flags.vaultPasswordFile, vaultIds: flags.vaultId, askVaultPass: flags.askVaultPass === true });
  const inventory = await import('../inventory/index.js');
  return { inventory, loaded: await inventory.loadInventory(flags.inventory) };
}

export function define(program: Command, done: (code: ExitCode) => void): void {
  const root = program.command('inventory').description('show the inventory, its groups and host variables (ansible-inventory compatible)');
  common(root.command('list').description('all groups and host variables as JSON (like ansible-inventory --list)')).action(async (flags: InventoryFlags) => {
    const { inventory, loaded } = await prepare(flags);
    process.stdout.write(await inventory.inventoryListJson(loaded, flags.playbookDir));
    done(EXIT.OK);
  });
  common(root.command('graph').description('the group tree (like ansible-inventory --graph)').argument('[group]', 'group to start at', 'all')).action(
    async (group: string, flags: InventoryFlags) => {
      const { inventory, loaded } = await prepare(flags);
      if (!loaded.groups.has(group)) throw new OptionsError(`no group named '${group}' in the inventory`);
      process.stdout.write(inventory.inventoryGraph(loaded, group));
      done(EXIT.OK);
    },
  );
  common(root.command('vars').description("a host's variables; --explain shows where each came from").argument('<host>', 'inventory host name'))
    .option('-e, --extra-vars <vars>', 'key=value pairs, YAML/JSON, or @file (repeatable)', collect, [])
    .option('--explain', 'show the source file and precedence level of each variable')
    .action(async (host: string, flags: InventoryFlags) => {
      const { inventory, loaded } = await prepare(flags);
      if (inventory.selectHosts(loaded, host).length !== 1 || !loaded.hosts.has(host)) {
        throw new OptionsError(`no host named '${host}' in the inventory`, { hint: 'list the hosts with: claw-provision inventory graph -i ...' });
      }
      const { parseExtraVars } = await import('../vars/extra-vars.js');
      const extra = flags.extraVars.length > 0 ? [await parseExtraVars(flags.extraVars)] : [];
      const options = { extra, explain: flags.explain === true, ...(flags.playbookDir ? { playbookDir: flags.playbookDir } : {}) };
      process.stdout.write(await inventory.explainHostVars(loaded, host, options));
      done(EXIT.OK);
    });
}
