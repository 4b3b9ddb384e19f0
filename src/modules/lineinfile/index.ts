import { posix } from 'node:path';
import { decodeContent, fileContentFact } from '../../facts/file-content.js';
import { statFact } from '../../facts/stat.js';
import type { Module } from '../types.js';
import { planLineinfile, type LineinfileFacts } from './plan.js';
import { lineinfileSchema, type LineinfileArgs } from './schema.js';

export const lineinfileModule: Module<LineinfileArgs, LineinfileFacts> = {
  name: 'ansible.builtin.lineinfile',
  aliases: ['lineinfile'],
  schema: lineinfileSchema,
  description: 'Ensure a line is in a file (or not), replacing the line a regexp matches.',
  async gather(args, ctx) {
    const [stat, parent, file] = await ctx.facts.read([
      statFact(args.path, { checksum: false, follow: true }),
      statFact(posix.dirname(args.path), { checksum: false, follow: true, kindOnly: true }),
      fileContentFact(args.path),
    ]);
    return { stat, parent, content: decodeContent(file) ?? '' };
  },
  plan: (args, facts) => planLineinfile(args, facts),
};
