import type { Command } from 'commander';
import { EXIT, type ExitCode } from '../errors.js';

// `claw-provision render ROLE|TEMPLATE --host HOST [--out DIR]`: a role's templates rendered
// with the host's variables (inventory, group_vars, host_vars, role defaults/vars, -e), no
// connection. Rendered files are written 0600: they may hold vault secrets.

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface RenderFlags {
  host: string;
  out?: string;
  inventory: string[];
  playbookDir: string;
  extraVars: string[];
  vaultPasswordFile: string[];
  vaultId: string[];
  askVaultPass?: boolean;
}

export function define(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('render')
    .description("render a role's templates (or one template file) with a host's variables, without connecting")
    .argument('<target>', 'role name or directory, or a template file')
    .requiredOption('--host <host>', 'inventory host whose variables to use')
    .option('--out <dir>', 'write rendered files here (mirrors templates/, .j2 dropped); without it a single template prints to stdout')
    .option('-i, --inventory <source>', 'inventory file, directory or comma list (repeatable)', collect, [])
    .option('--playbook-dir <dir>', 'where roles/, group_vars/ and host_vars/ are looked up', '.')
    .option('-e, --extra-vars <vars>', 'key=value pairs, YAML/JSON, or @file (repeatable)', collect, [])
    .option('--vault-pass-file, --vault-password-file <file>', 'vault password file (repeatable)', collect, [])
    .option('--vault-id <id>', 'vault identity LABEL@SOURCE (repeatable)', collect, [])
    .option('-J, --ask-vault-pass', 'ask for the vault password')
    .action(async (target: string, flags: RenderFlags) => {
      const { configureVault } = await import('../vault/index.js');
      await configureVault({ passwordFiles: flags.vaultPasswordFile, vaultIds: flags.vaultId, askVaultPass: flags.askVaultPass === true });
      const { renderTarget } = await import('../template/render-target.js');
      const files = await renderTarget({ target, host: flags.host, inventory: flags.inventory, playbookDir: flags.playbookDir, extraVars: flags.extraVars, out: flags.out });
      for (const file of files) {
        if (file.dest === undefined) process.stdout.write(file.content);
        else process.stdout.write(`rendered ${file.template} -> ${file.dest}\n`);
      }
      done(EXIT.OK);
    });
}
