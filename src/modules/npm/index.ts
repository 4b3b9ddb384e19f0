import type { Module } from '../types.js';
import { npmFact, type NpmFacts } from './facts.js';
import { planNpm } from './plan.js';
import { npmSchema, type NpmArgs } from './schema.js';

export const npmModule: Module<NpmArgs, NpmFacts> = {
  name: 'community.general.npm',
  aliases: ['npm', 'community.general.packaging.language.npm'],
  schema: npmSchema,
  description: 'Install, update or remove Node.js packages with npm (global or in a project directory).',
  async gather(args, ctx) {
    const [facts] = await ctx.facts.read([npmFact(args)]);
    return facts;
  },
  plan: (args, facts) => planNpm(args, facts),
};
