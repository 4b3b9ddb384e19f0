import type { Module } from '../types.js';
import { planAptRepository, type AptRepositoryFacts } from './plan.js';
import { aptRepositorySchema, type AptRepositoryArgs } from './schema.js';
import { sourcesFilesFact } from './sources.js';

export const aptRepositoryModule: Module<AptRepositoryArgs, AptRepositoryFacts> = {
  name: 'ansible.builtin.apt_repository',
  aliases: ['apt_repository'],
  schema: aptRepositorySchema,
  description: 'Add or remove a one-line APT source in /etc/apt/sources.list.d (then refresh the cache).',
  async gather(_args, ctx) {
    const [files] = await ctx.facts.read([sourcesFilesFact]);
    return { files };
  },
  plan: (args, facts) => planAptRepository(args, facts),
};
