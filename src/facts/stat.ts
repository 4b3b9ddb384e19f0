import type { Fact, StatRequest, Touch } from './types.js';
import { statBatchScript } from './stat-batch.js';

// Ansible's `stat` result, read with coreutils only (see stat-batch.ts): parseStat reads one
// `S` line of stat fields, the link target (`L`, `R`), readability (`A`) and an optional
// checksum (`C`), each on a prefixed line so a missing piece cannot shift the others.

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
  /**
   * Only whether and what the path is (type, mode, owner, link target), without size, times,
   * link count or checksum: then creating or removing an entry inside a directory at `path`
   * does not drop the cached value (a parent or ancestor that only has to exist).
   */
  kindOnly?: boolean;
}

export function statFact(path: string, options: StatOptions = {}): Fact<StatValue> {
  const checksum = options.checksum === undefined ? 'sha1' : options.checksum;
  const follow = options.follow ?? false;
  const request = { path, follow, checksum };
  const kindOnly = options.kindOnly ?? false;
  return {
    key: `stat:${follow ? 'follow:' : ''}${checksum || 'nosum'}:${kindOnly ? 'kind:' : ''}${path}`,
    // The reader runs the stats of a command together (statBatchScript) and hands each its
    // part in the line form parseStat reads; this is the same batch for this path alone.
    script: statBatchScript([request]),
    parse: kindOnly ? (stdout) => kindOf(parseStat(path, stdout, follow)) : (stdout) => parseStat(path, stdout, follow),
    paths: [path],
    stat: request,
    ...(kindOnly ? { listingIndependent: true } : {}),
  };
}

/** Drops what a change inside a directory alters (size, times, link count): see kindOnly. */
function kindOf(value: StatValue): StatValue {
  const { size: _size, mtime: _mtime, atime: _atime, ctime: _ctime, nlink: _nlink, checksum: _checksum, ...kind } = value;
  return kind;
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
