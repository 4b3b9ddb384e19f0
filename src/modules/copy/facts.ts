import { posix } from 'node:path';
import { fileContentFact, type FileContentValue } from '../../facts/file-content.js';
import { statFact, type StatValue } from '../../facts/stat.js';
import type { ModuleContext } from '../types.js';
import { sha1Hex } from './checksum.js';
import type { WriteArgs } from './schema.js';

export interface WriteFacts {
  /** The final destination: DEST, or DEST/<basename> when DEST is a directory. */
  path: string;
  dest: StatValue;
  /** The directory the file goes into. */
  parent: StatValue;
  /** The current content, read only for --diff and only when it differs from the new one. */
  before?: FileContentValue;
}

/**
 * DEST may be a directory (then the file goes inside it under the source's basename).
 * `data` is the new content: when the host's checksum matches it, the plan shows no content
 * diff, so the old content is not fetched.
 */
export async function gatherWrite(args: WriteArgs, basename: string | undefined, data: Buffer, ctx: ModuleContext): Promise<WriteFacts> {
  let path = args.dest.endsWith('/') && basename ? posix.join(args.dest, basename) : args.dest;
  let [dest, parent] = await readDestination(ctx, path, args.follow);
  if (dest.isdir && basename) {
    path = posix.join(path, basename);
    [dest, parent] = await readDestination(ctx, path, args.follow);
  }
  if (args.follow && dest.realpath) {
    // follow: write through the link to the file it points at, as Ansible does.
    path = dest.realpath;
    [dest, parent] = await readDestination(ctx, path, true);
  }
  const facts: WriteFacts = { path, dest, parent };
  if (ctx.diff && showsContentDiff(args, dest, data)) [facts.before] = await ctx.facts.read([fileContentFact(path)]);
  return facts;
}

/** When planWrite diffs the old content: an existing file it will replace (force) because the bytes differ. */
function showsContentDiff(args: WriteArgs, dest: StatValue, data: Buffer): boolean {
  return dest.isreg === true && args.force && dest.checksum !== sha1Hex(data);
}

/** The file's stat and its directory's (which only has to exist: kindOnly), in one round trip. */
function readDestination(ctx: ModuleContext, path: string, follow: boolean): Promise<readonly [StatValue, StatValue]> {
  return ctx.facts.read([statFact(path, { follow }), statFact(posix.dirname(path), { checksum: false, follow: true, kindOnly: true })]);
}
