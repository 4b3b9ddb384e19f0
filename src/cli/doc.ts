import type { Command } from 'commander';
import { EXIT, OptionsError, type ExitCode } from '../errors.js';

// `claw-provision doc MODULE` prints a module's arguments from its schema; `doc --list`
// lists every module and action. Loads only the module catalog.

export function define(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('doc')
    .description('show the arguments of a module (or --list all modules)')
    .argument('[module]', 'module name, FQCN or short (e.g. copy, ansible.builtin.file)')
    .option('-l, --list', 'list every module and action')
    .action(async (name: string | undefined, flags: { list?: boolean }) => {
      const [{ loadCatalog }, registry, describe, { suggestionHint }] = await Promise.all([
        import('../modules/catalog.js'),
        import('../modules/registry.js'),
        import('../modules/describe.js'),
        import('../schema/did-you-mean.js'),
      ]);
      loadCatalog();
      if (flags.list || name === undefined) {
        if (!flags.list) throw new OptionsError('doc needs a module name or --list', { hint: 'claw-provision doc copy' });
        process.stdout.write(describe.listModules(registry.allDescriptors()));
        done(EXIT.OK);
        return;
      }
      const descriptor = registry.findModule(name);
      if (!descriptor) throw new OptionsError(`unknown module '${name}'`, { hint: suggestionHint(name, registry.allModuleNames(), 'modules') });
      process.stdout.write(describe.describeModule(descriptor));
      done(EXIT.OK);
    });
}
