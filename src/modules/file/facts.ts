import { posix } from 'node:path';
import { pathJoin } from '../common/path.js';
import { statFact, type StatValue } from '../../facts/stat.js';
import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';
import type { ModuleContext } from '../types.js';
import type { FileArgs } from './schema.js';

export interface FileFacts {
  /** lstat of the path. */
  path: StatValue;
  /** stat following links (the link target). */
  target: StatValue;
  /** The link source resolved against the link's directory (state=link/hard). */
  src?: StatValue;
  /** Ancestors of the path, root first (state=directory creates the missing ones). */
  ancestors?: StatValue[];
  /** For recurse: whether anything below the directory has other attributes than wanted. */
  recurseDiffers?: boolean;
}

export async function gatherFile(args: FileArgs, ctx: ModuleContext): Promise<FileFacts> {
  const path = statFact(args.path, { checksum: false });
  const target = statFact(args.path, { checksum: false, follow: true });
  const src = args.src !== undefined ? statFact(pathJoin(posix.dirname(args.path), args.src), { checksum: false, follow: true }) : undefined;
  // Ancestors only have to exist: kindOnly keeps them cached while entries come and go inside.
  const ancestors = args.state === 'directory' ? ancestorPaths(args.path).map((p) => statFact(p, { checksum: false, follow: true, kindOnly: true })) : [];
  const recurse = args.recurse ? recurseFact(args) : undefined;
  const values = await ctx.facts.read([path, target, ...(src ? [src] : []), ...ancestors, ...(recurse ? [recurse] : [])] as Fact<unknown>[]);
  const facts: FileFacts = { path: values[0] as StatValue, target: values[1] as StatValue };
  let index = 2;
  if (src) facts.src = values[index++] as StatValue;
  if (ancestors.length > 0) facts.ancestors = values.slice(index, index + ancestors.length) as StatValue[];
  index += ancestors.length;
  if (recurse) facts.recurseDiffers = values[index] as boolean;
  return facts;
}

export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '');
  const absolute = path.startsWith('/');
  return parts.map((_part, index) => `${absolute ? '/' : ''}${parts.slice(0, index + 1).join('/')}`);
}

/** `find` prints the first entry whose owner, group or octal mode differs from what is wanted. */
function recurseFact(args: FileArgs): Fact<boolean> {
  const conditions: string[] = [];
  if (args.owner !== undefined) conditions.push(/^\d+$/.test(args.owner) ? `! -uid ${args.owner}` : `! -user ${shellQuote(args.owner)}`);
  if (args.group !== undefined) conditions.push(/^\d+$/.test(args.group) ? `! -gid ${args.group}` : `! -group ${shellQuote(args.group)}`);
  const mode = typeof args.mode === 'number' ? args.mode.toString(8) : args.mode;
  if (mode !== undefined && /^[0-7]+$/.test(mode)) conditions.push(`! -perm ${mode.padStart(4, '0')}`);
  const test = conditions.length > 0 ? `\\( ${conditions.join(' -o ')} \\)` : '-false';
  return {
    key: `recurse:${args.path}:${args.owner ?? ''}:${args.group ?? ''}:${mode ?? ''}`,
    script: `find ${shellQuote(args.path)} -mindepth 1 ${test} -print -quit`,
    parse: (stdout) => stdout.trim() !== '',
  };
}
