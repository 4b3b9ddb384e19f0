import { posix } from 'node:path';
import { fileContentFact, type FileContentValue } from '../../facts/file-content.js';
import { statFact, type StatValue } from '../../facts/stat.js';
import type { ModuleContext } from '../types.js';
import type { WriteArgs } from './schema.js';

export interface WriteFacts {
  /** The final destination: DEST, or DEST/<basename> when DEST is a directory. */
  path: string;
  dest: StatValue;
  /** The directory the file goes into. */
  parent: StatValue;
  /** The current content, read only for --diff. */
  before?: FileContentValue;
}

/** DEST may be a directory (then the file goes inside it under the source's basename). */
export async function gatherWrite(args: WriteArgs, basename: string | undefined, ctx: ModuleContext): Promise<WriteFacts> {
  let path = args.dest.endsWith('/') && basename ? posix.join(args.dest, basename) : args.dest;
  let [dest] = await ctx.facts.read([statFact(path, { follow: args.follow })]);
  if (dest.isdir && basename) {
    path = posix.join(path, basename);
    [dest] = await ctx.facts.read([statFact(path, { follow: args.follow })]);
  }
  if (args.follow && dest.realpath) {
    // follow: write through the link to the file it points at, as Ansible does.
    path = dest.realpath;
    [dest] = await ctx.facts.read([statFact(path, { follow: true })]);
  }
  const [parent] = await ctx.facts.read([statFact(posix.dirname(path), { checksum: false, follow: true })]);
  const facts: WriteFacts = { path, dest, parent };
  if (ctx.diff && dest.isreg) [facts.before] = await ctx.facts.read([fileContentFact(path)]);
  return facts;
}
