import type { Fact, StatRequest, Touch } from './types.js';
import { shellQuote } from './quote.js';

// Ansible's `stat` result, read with coreutils only: one `stat -c` line, the link target and
// an optional checksum, each on a prefixed line so a missing piece cannot shift the others.

export type FileType = 'file' | 'directory' | 'link' | 'other';

export interface StatValue {
  exists: boolean;
  path: string;
  type?: FileType;
  /** Permission bits as Ansible prints them: "0644". */
  mode?: string;
  uid?: number;
  gid?: number;
  pw_name?: string;
  gr_name?: string;
  size?: number;
  mtime?: number;
  atime?: number;
  ctime?: number;
  inode?: number;
  nlink?: number;
  isdir?: boolean;
  isreg?: boolean;
  islnk?: boolean;
  lnk_target?: string;
  lnk_source?: string;
  checksum?: string;
  /** True when the probing user could read the file (checksums need it). */
  readable?: boolean;
  /** Where a symlink at `path` finally resolves, also when followed (copy's `follow`). */
  realpath?: string;
}

export interface StatOptions {
  checksum?: StatRequest['checksum'];
  /** Follow a symlink and describe its target (Ansible's `follow`). */
  follow?: boolean;
}

/** `stat -c` fields, in the order parseStat reads them. */
export const STAT_FORMAT = '%f|%u|%g|%s|%.9Y|%.9X|%.9Z|%i|%h|%U|%G';

export function statFact(path: string, options: StatOptions = {}): Fact<StatValue> {
  const algorithm = options.checksum === undefined ? 'sha1' : options.checksum;
  const follow = options.follow ?? false;
  // The path once, in a variable: the snippet runs in its own subshell, and a batch of many
  // stats stays small.
  const p = '"$p"';
  const statCmd = follow ? 'stat -L' : 'stat';
  const test = follow ? `[ -e ${p} ]` : `{ [ -e ${p} ] || [ -L ${p} ]; }`;
  const sum = algorithm ? `if [ -f ${p} ] && [ -r ${p} ]; then printf 'C %s\\n' "$(${algorithm}sum < ${p} | cut -d' ' -f1)"; fi` : ':';
  const script = [
    `p=${shellQuote(path)}`,
    `if ${test}; then`,
    `  printf 'S %s\\n' "$(${statCmd} -c '${STAT_FORMAT}' -- ${p})"`,
    `  if [ -L ${p} ]; then printf 'L %s\\n' "$(readlink -- ${p})"; printf 'R %s\\n' "$(readlink -f -- ${p})"; fi`,
    `  [ -r ${p} ] && echo 'A'`,
    `  ${sum}`,
    'else echo N; fi',
  ].join('\n');
  return {
    key: `stat:${follow ? 'follow:' : ''}${algorithm || 'nosum'}:${path}`,
    script,
    parse: (stdout) => parseStat(path, stdout, follow),
    paths: [path],
    stat: { path, follow, checksum: algorithm },
  };
}

export function parseStat(path: string, stdout: string, follow = false): StatValue {
  const lines = stdout.split('\n');
  const statLine = lines.find((line) => line.startsWith('S '));
  if (!statLine) return { exists: false, path };
  const [rawMode = '0', uid, gid, size, mtime, atime, ctime, inode, nlink, owner, group] = statLine.slice(2).split('|');
  const bits = parseInt(rawMode, 16);
  const type = fileType(bits);
  const value: StatValue = {
    exists: true,
    path,
    type,
    mode: (bits & 0o7777).toString(8).padStart(4, '0'),
    uid: Number(uid),
    gid: Number(gid),
    pw_name: owner ?? '',
    gr_name: group ?? '',
    size: Number(size),
    mtime: Number(mtime),
    atime: Number(atime),
    ctime: Number(ctime),
    inode: Number(inode),
    nlink: Number(nlink),
    isdir: type === 'directory',
    isreg: type === 'file',
    islnk: type === 'link',
    readable: lines.includes('A'),
  };
  for (const line of lines) {
    if (line.startsWith('L ') && !follow) value.lnk_target = line.slice(2);
    if (line.startsWith('R ')) value.realpath = line.slice(2);
    if (line.startsWith('R ') && !follow) value.lnk_source = line.slice(2);
    if (line.startsWith('C ')) value.checksum = line.slice(2);
  }
  return value;
}

function fileType(bits: number): FileType {
  switch (bits & 0o170000) {
    case 0o100000:
      return 'file';
    case 0o040000:
      return 'directory';
    case 0o120000:
      return 'link';
    default:
      return 'other';
  }
}

/**
 * How a change at `path` reaches cached facts, given the path's stat before the change (see
 * Touch). Undefined for a regular file with more hard links: a change to it shows under
 * names no path comparison finds, so all facts must go.
 */
export function touchAt(path: string, before: StatValue): Touch | undefined {
  if (before.isreg && (before.nlink ?? 1) > 1) return undefined;
  return { path, recursive: before.exists && before.isreg !== true };
}

/** The touches, or undefined (drop everything) when one of them cannot be scoped. */
export function allTouches(touches: ReadonlyArray<Touch | undefined>): Touch[] | undefined {
  return touches.every((touch) => touch !== undefined) ? (touches as Touch[]) : undefined;
}
