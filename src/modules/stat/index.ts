import { statFact, type StatValue } from '../../facts/stat.js';
import { defineSchema } from '../common/schema.js';
import type { Module } from '../types.js';

// Read-only: everything comes from the stat fact, nothing to run.

interface StatArgs {
  path: string;
  follow: boolean;
  get_checksum: boolean;
  checksum_algorithm: 'sha1' | 'sha256';
}

const schema = defineSchema({
  path: { type: 'string', required: true, aliases: ['dest', 'name'], description: 'The path to describe.' },
  follow: { type: 'boolean', default: false, description: 'Describe the target of a symlink instead of the link.' },
  get_checksum: { type: 'boolean', default: true, description: 'Compute the checksum of a regular file.' },
  checksum_algorithm: {
    type: 'string',
    default: 'sha1',
    choices: ['sha1', 'sha256'],
    aliases: ['checksum', 'checksum_algo'],
    description: 'Algorithm of `stat.checksum`.',
  },
  get_mime: { type: 'boolean', default: true, aliases: ['mime', 'mime_type', 'mime-type'], description: 'Accepted for compatibility; mime types are not reported.' },
  get_attributes: { type: 'boolean', default: true, aliases: ['attr', 'attributes'], description: 'Accepted for compatibility; attributes are not reported.' },
});

export const statModule: Module<StatArgs, StatValue> = {
  name: 'ansible.builtin.stat',
  aliases: ['stat'],
  schema,
  description: 'Report whether a path exists and its type, mode, owner, size and checksum.',
  async gather(args, ctx) {
    const [value] = await ctx.facts.read([statFact(args.path, { follow: args.follow, checksum: args.get_checksum ? args.checksum_algorithm : false })]);
    return value;
  },
  plan(_args, facts) {
    if (!facts.exists) return { steps: [], result: { stat: { exists: false } } };
    const { type: _type, readable, realpath: _realpath, ...rest } = facts;
    return { steps: [], result: { stat: { ...rest, readable: readable === true, ...permissionFlags(facts.mode ?? '0000') } } };
  },
};

/** Ansible's rusr/wusr/.../isuid booleans, derived from the mode bits. */
function permissionFlags(mode: string): Record<string, boolean> {
  const bits = parseInt(mode, 8);
  const names = ['xoth', 'woth', 'roth', 'xgrp', 'wgrp', 'rgrp', 'xusr', 'wusr', 'rusr'];
  const flags = Object.fromEntries(names.map((name, index) => [name, (bits & (1 << index)) !== 0]));
  return { ...flags, isuid: (bits & 0o4000) !== 0, isgid: (bits & 0o2000) !== 0 };
}
