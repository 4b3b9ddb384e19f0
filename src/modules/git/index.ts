import type { Module } from '../types.js';
import { gitFact, type GitFacts } from './facts.js';
import { planGit } from './plan.js';
import { gitSchema, type GitArgs } from './schema.js';

export const gitModule: Module<GitArgs, GitFacts> = {
  name: 'ansible.builtin.git',
  aliases: ['git', 'ansible.legacy.git'],
  schema: gitSchema,
  description: 'Clone a git repository and keep the checkout at a branch, tag or commit.',
  async gather(args, ctx) {
    const [facts] = await ctx.facts.read([gitFact(args)]);
    return facts;
  },
  plan: (args, facts) => planGit(args, facts),
};
