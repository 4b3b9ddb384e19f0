import { globFact } from '../../facts/glob.js';
import { posix } from 'node:path';
import type { Module, ModuleContext } from '../types.js';
import { planCommand, type CommandFacts } from './plan.js';
import { commandSchema, shellSchema, type CommandArgs } from './schema.js';

// `creates`/`removes` are globs relative to `chdir`, as Python's glob after os.chdir.
async function gather(args: CommandArgs, ctx: ModuleContext): Promise<CommandFacts> {
  const resolve = (pattern: string): string => (args.chdir && !pattern.startsWith('/') ? posix.join(args.chdir, pattern) : pattern);
  const facts: CommandFacts = {};
  if (args.creates !== undefined) [facts.creates] = await ctx.facts.read([globFact(resolve(args.creates))]);
  if (args.removes !== undefined) [facts.removes] = await ctx.facts.read([globFact(resolve(args.removes))]);
  return facts;
}

export const commandModule: Module<CommandArgs, CommandFacts> = {
  name: 'ansible.builtin.command',
  aliases: ['command'],
  schema: commandSchema,
  freeForm: '_raw_params',
  description: 'Run a command on the host without a shell (no pipes, redirects or variables).',
  gather,
  plan: (args, facts, ctx) => planCommand(args, facts, ctx, false),
};

export const shellModule: Module<CommandArgs, CommandFacts> = {
  name: 'ansible.builtin.shell',
  aliases: ['shell'],
  schema: shellSchema,
  freeForm: '_raw_params',
  description: 'Run a command line through /bin/sh (or `executable`) on the host.',
  gather,
  plan: (args, facts, ctx) => planCommand(args, facts, ctx, true),
};
