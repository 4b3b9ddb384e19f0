import { decodeContent, fileContentFact } from '../../facts/file-content.js';
import { shellQuote } from '../../facts/quote.js';
import { statFact } from '../../facts/stat.js';
import type { Fact } from '../../facts/types.js';
import { defineSchema } from '../common/schema.js';
import { fileCommonArgs } from '../file/schema.js';
import type { Module } from '../types.js';
import { planSysctl, type SysctlArgs, type SysctlFacts } from './plan.js';

const schema = defineSchema({
  name: { type: 'string', required: true, aliases: ['key'], description: 'The sysctl key, e.g. net.ipv4.ip_forward.' },
  value: { type: 'string', aliases: ['val'], description: 'Desired value (booleans become 1/0); required with state=present.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Whether the key is set in sysctl_file.' },
  reload: { type: 'boolean', default: true, description: 'Run `sysctl -p sysctl_file` after a change.' },
  sysctl_set: { type: 'boolean', default: false, description: 'Also set the running value with `sysctl -w` when it differs.' },
  ignoreerrors: { type: 'boolean', default: false, description: 'Ignore unknown keys (`sysctl -e`).' },
  sysctl_file: { type: 'string', default: '/etc/sysctl.conf', description: 'The file holding the setting.' },
  ...fileCommonArgs,
});

/** The running value (`sysctl -e -n KEY`), or null when the key cannot be read. */
export function sysctlValueFact(name: string): Fact<string | null> {
  return {
    key: `sysctl:${name}`,
    script: `LANG=C LC_ALL=C sysctl -e -n ${shellQuote(name)}; echo "rc=$?"`,
    parse: (stdout) => {
      const match = /^([\s\S]*)rc=(\d+)\n?$/.exec(stdout);
      return match && match[2] === '0' ? (match[1] ?? '') : null;
    },
  };
}

export const sysctlModule: Module<SysctlArgs, SysctlFacts> = {
  name: 'ansible.posix.sysctl',
  aliases: ['sysctl'],
  schema,
  description: 'Set a kernel parameter in a sysctl file and, optionally, in the running kernel.',
  async gather(args, ctx) {
    const [stat, file, proc] = await ctx.facts.read([
      statFact(args.sysctl_file, { checksum: false, follow: true }),
      fileContentFact(args.sysctl_file),
      sysctlValueFact(args.name.trim()),
    ]);
    return { stat, content: decodeContent(file), proc };
  },
  plan: (args, facts) => planSysctl(args, facts),
};
