import { statFact } from '../../facts/stat.js';
import type { Module } from '../types.js';
import { checksumFact, downloaderFact } from './facts.js';
import { parseChecksum, planGetUrl, targetPath, type GetUrlFacts } from './plan.js';
import { getUrlSchema, type GetUrlArgs } from './schema.js';

export const getUrlModule: Module<GetUrlArgs, GetUrlFacts> = {
  name: 'ansible.builtin.get_url',
  aliases: ['get_url'],
  schema: getUrlSchema,
  description: 'Download a file on the host over HTTP(S)/FTP (curl), verify its checksum, and install it atomically.',
  async gather(args, ctx) {
    const [dest, tool] = await ctx.facts.read([statFact(args.dest, { checksum: false, follow: true }), downloaderFact] as const);
    const path = targetPath(args, dest.isdir === true);
    const parsed = parseChecksum(args.checksum);
    const algorithm = typeof parsed === 'object' ? parsed.algorithm : 'sha1';
    const [target, targetSum] = await ctx.facts.read([statFact(path, { checksum: false, follow: true }), checksumFact(path, algorithm)] as const);
    return { dest, target, targetSum, tool };
  },
  plan: (args, facts) => planGetUrl(args, facts),
};
