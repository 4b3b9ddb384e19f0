import type { Module } from '../types.js';
import { aptCacheTimeFact, aptCandidateFact, dpkgStatusFact } from './facts.js';
import { parseRequests, planApt, type AptFacts } from './plan.js';
import { aptSchema, type AptArgs } from './schema.js';

export const aptModule: Module<AptArgs, AptFacts> = {
  name: 'ansible.builtin.apt',
  aliases: ['apt'],
  schema: aptSchema,
  description: 'Install, upgrade or remove Debian packages with apt-get (one dpkg-query reads their state).',
  async gather(args, ctx) {
    const names = [...new Set(parseRequests(args.name).map((r) => r.name))];
    const cache = args.update_cache || args.cache_valid_time > 0 ? [aptCacheTimeFact] : [];
    if (names.length === 0) {
      const [time] = cache.length > 0 ? await ctx.facts.read([aptCacheTimeFact]) : [undefined];
      return { packages: {}, candidates: {}, ...(time ? { cache: time } : {}) };
    }
    const [packages, candidates, time] = await ctx.facts.read([
      dpkgStatusFact(names),
      args.state === 'absent' ? emptyFact : aptCandidateFact(names),
      cache.length > 0 ? aptCacheTimeFact : noTimeFact,
    ] as const);
    return { packages, candidates, ...(time ? { cache: time } : {}) };
  },
  plan: (args, facts) => planApt(args, facts),
};

const emptyFact = { key: 'none:candidates', script: ':', parse: (): Record<string, string> => ({}) };
const noTimeFact = { key: 'none:cache-time', script: ':', parse: (): undefined => undefined };
