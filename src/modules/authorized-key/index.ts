import { posix } from 'node:path';
import { decodeContent, fileContentFact } from '../../facts/file-content.js';
import { statFact } from '../../facts/stat.js';
import type { Module } from '../types.js';
import { userFact } from '../user/facts.js';
import { keyFilePath, planAuthorizedKey, type AuthorizedKeyFacts } from './plan.js';
import { authorizedKeySchema, type AuthorizedKeyArgs } from './schema.js';

export const authorizedKeyModule: Module<AuthorizedKeyArgs, AuthorizedKeyFacts> = {
  name: 'ansible.posix.authorized_key',
  aliases: ['authorized_key', 'ansible.builtin.authorized_key'],
  schema: authorizedKeySchema,
  description: "Add or remove SSH public keys in a user's authorized_keys file (0600, directory 0700).",
  async gather(args, ctx) {
    const [user] = await ctx.facts.read([userFact(args.user)]);
    if (!user) return { user, content: undefined, dir: { exists: false, path: '' } };
    const path = keyFilePath(args, user);
    const [file, dir] = await ctx.facts.read([fileContentFact(path), statFact(posix.dirname(path), { checksum: false, follow: true, kindOnly: true })] as const);
    return { user, content: decodeContent(file), dir };
  },
  plan: (args, facts) => planAuthorizedKey(args, facts),
};
