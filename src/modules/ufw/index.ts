import type { Module } from '../types.js';
import { ufwFact, type UfwFacts } from './facts.js';
import { planUfw } from './plan.js';
import { ufwSchema, type UfwArgs } from './schema.js';

export const ufwModule: Module<UfwArgs, UfwFacts> = {
  name: 'community.general.ufw',
  aliases: ['ufw', 'community.general.system.ufw'],
  schema: ufwSchema,
  description: 'Manage the ufw firewall: rules, default policies, logging and state (refuses to enable it if that would cut the current SSH session).',
  async gather(_args, ctx) {
    const [facts] = await ctx.facts.read([ufwFact]);
    return facts;
  },
  plan: (args, facts) => planUfw(args, facts),
};
