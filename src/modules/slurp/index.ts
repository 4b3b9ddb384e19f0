import { fileContentFact, type FileContentValue } from '../../facts/file-content.js';
import { statFact, type StatValue } from '../../facts/stat.js';
import { defineSchema } from '../common/schema.js';
import type { Module } from '../types.js';

// Reads a file into the result, base64-encoded, exactly as Ansible's slurp.

interface SlurpArgs {
  src: string;
}

interface SlurpFacts {
  stat: StatValue;
  file: FileContentValue;
}

const schema = defineSchema({
  src: { type: 'string', required: true, aliases: ['path'], description: 'The file to read.' },
});

export const slurpModule: Module<SlurpArgs, SlurpFacts> = {
  name: 'ansible.builtin.slurp',
  aliases: ['slurp'],
  schema,
  description: 'Read a file from the host and return its content base64-encoded.',
  async gather(args, ctx) {
    const [stat, file] = await ctx.facts.read([statFact(args.src, { follow: true, checksum: false }), fileContentFact(args.src)]);
    return { stat, file };
  },
  plan(args, facts) {
    if (!facts.stat.exists) return { steps: [], fail: `file not found: ${args.src}` };
    if (facts.stat.isdir) return { steps: [], fail: `source is a directory and must be a file: ${args.src}` };
    if (!facts.stat.readable || facts.file.content === undefined) return { steps: [], fail: `file is not readable: ${args.src}` };
    return { steps: [], result: { content: facts.file.content, encoding: 'base64', source: args.src } };
  },
};
