import type { Module } from '../types.js';
import { groupsExistFact, userFact } from './facts.js';
import { planUser, type UserFacts } from './plan.js';
import { userSchema, type UserArgs } from './schema.js';

export const userModule: Module<UserArgs, UserFacts> = {
  name: 'ansible.builtin.user',
  aliases: ['user'],
  schema: userSchema,
  description: 'Create, change or remove a local user account (useradd/usermod/userdel; password hashes via stdin).',
  async gather(args, ctx) {
    const names = [...new Set([args.name, ...(args.group !== undefined ? [args.group] : []), ...(args.groups ?? []).map((g) => g.trim()).filter(Boolean)])];
    const [user, existingGroups] = await ctx.facts.read([userFact(args.name), groupsExistFact(names)] as const);
    return { user, existingGroups };
  },
  plan: (args, facts) => planUser(args, facts),
};
