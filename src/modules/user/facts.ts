import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';

// An account as getent/id see it, and which of a list of groups exist.

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  comment: string;
  home: string;
  shell: string;
  /** Primary group name (id -gn). */
  group: string;
  /** Supplementary groups, primary group excluded (id -Gn). */
  groups: string[];
  /** Hash from the shadow file; undefined when it could not be read (not root). */
  hash?: string;
}

export function userFact(name: string): Fact<PasswdEntry | null> {
  const n = shellQuote(name);
  return {
    key: `user:${name}`,
    script: [
      `if ent=$(getent passwd ${n}); then printf 'P %s\\n' "$ent"`,
      `  printf 'G %s\\n' "$(id -gn ${n})"; printf 'S %s\\n' "$(id -Gn ${n})"`,
      `  if sh=$(getent shadow ${n}); then printf 'H %s\\n' "$sh"; fi`,
      'fi',
    ].join('\n'),
    parse: (stdout) => parseUser(stdout),
  };
}

function parseUser(stdout: string): PasswdEntry | null {
  const lines = new Map(stdout.split('\n').filter((l) => /^[PGSH] /.test(l)).map((l) => [l[0], l.slice(2)] as const));
  const passwd = lines.get('P');
  if (passwd === undefined) return null;
  const [name = '', , uid = '0', gid = '0', comment = '', home = '', shell = ''] = passwd.split(':');
  const group = lines.get('G') ?? '';
  const groups = (lines.get('S') ?? '').split(/\s+/).filter((g) => g && g !== group);
  const shadow = lines.get('H');
  const entry: PasswdEntry = { name, uid: Number(uid), gid: Number(gid), comment, home, shell, group, groups };
  if (shadow !== undefined) entry.hash = shadow.split(':')[1] ?? '';
  return entry;
}

/** The subset of `names` (group names or gids) that exist. */
export function groupsExistFact(names: string[]): Fact<string[]> {
  return {
    key: `groups-exist:${names.join(',')}`,
    script: `for g in ${names.map(shellQuote).join(' ')}; do getent group "$g" >/dev/null && printf '%s\\n' "$g"; done; :`,
    parse: (stdout) => stdout.split('\n').filter(Boolean),
  };
}
