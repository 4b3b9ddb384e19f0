import { shellQuote } from './quote.js';
import type { StatRequest } from './types.js';

// All stats of one fact command in a few processes: one `stat` over every path of a kind
// (follow or not, which checksum) and one `sha1sum`/`sha256sum` over its readable files,
// instead of a subshell with stat, readlink and a checksum pipe per path (~2.7 ms of host
// CPU each). Records are NUL-separated, so any path name survives; each is answered in the
// line format statFact's parser reads, so the single-path snippet and the batch agree.

/** `stat --printf` fields, in the order parseStat reads them. */
const STAT_FORMAT = '%f|%u|%g|%s|%.9Y|%.9X|%.9Z|%i|%h|%U|%G';

interface Group {
  follow: boolean;
  checksum: StatRequest['checksum'];
  paths: string[];
}

function groupsOf(requests: readonly StatRequest[]): Group[] {
  const groups = new Map<string, Group>();
  for (const { path, follow, checksum } of requests) {
    const id = `${follow}:${checksum}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { follow, checksum, paths: [] }));
    if (!group.paths.includes(path)) group.paths.push(path);
  }
  return [...groups.values()];
}

/** The POSIX sh that stats `requests`; its output goes to parseStatBatch. */
export function statBatchScript(requests: readonly StatRequest[]): string {
  return groupsOf(requests)
    .map((group, index) => {
      const statCmd = group.follow ? 'stat -L' : 'stat';
      const lines = [
        `set -- ${group.paths.map(shellQuote).join(' ')}`,
        `printf 'G\\0%s\\0' ${index}`,
        // "/" last: its record shows the host's stat understood --printf (else every path would
        // look missing).
        `${statCmd} --printf 'S\\0%n\\0${STAT_FORMAT}\\0' -- "$@" /`,
        // Builtins only: no process per path for the common case of no symlinks.
        `for p do [ -r "$p" ] && printf 'A\\0%s\\0' "$p"; if [ -L "$p" ]; then printf 'L\\0%s\\0%s\\0R\\0%s\\0%s\\0' "$p" "$(readlink -- "$p")" "$p" "$(readlink -f -- "$p")"; fi; done`,
      ];
      if (group.checksum) {
        // Keep only readable regular files in "$@" (the loop's word list was expanded before).
        lines.push(`for p do if [ -f "$p" ] && [ -r "$p" ]; then set -- "$@" "$p"; fi; shift; done`);
        lines.push(`printf 'C\\0'`, `[ $# -gt 0 ] && ${group.checksum}sum -z -- "$@"`, `printf '\\0E\\0'`);
      }
      // A brace group, not a subshell: one fork less per group. `set --`, `shift` and `p` stay
      // inside the fact command (a process, or a subshell of a session, of its own).
      return `{\n${lines.join('\n')}\n} 2>/dev/null`;
    })
    .join('\n');
}

/**
 * Splits the batch output into what statFact's single snippet would have printed for each
 * request, keyed by `statBatchKey`; undefined when a group's stat did not run.
 */
export function parseStatBatch(requests: readonly StatRequest[], output: string): Map<string, string> | undefined {
  const groups = groupsOf(requests);
  const lines = new Map<string, string[]>();
  const add = (group: Group | undefined, path: string, line: string): void => {
    if (!group) return;
    const key = statBatchKey({ path, follow: group.follow, checksum: group.checksum });
    const list = lines.get(key);
    if (list) list.push(line);
    else lines.set(key, [line]);
  };
  const tokens = output.split('\0');
  const complete = new Set<Group>();
  let group: Group | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const tag = tokens[i];
    if (tag === 'G') group = groups[Number(tokens[++i])];
    else if (tag === 'A') add(group, tokens[++i] ?? '', 'A');
    else if (tag === 'S' || tag === 'L' || tag === 'R') {
      const path = tokens[++i] ?? '';
      if (tag === 'S' && path === '/' && group) complete.add(group);
      add(group, path, `${tag} ${tokens[++i] ?? ''}`);
    } else if (tag === 'C') {
      // `HASH  PATH` records (-z: names unescaped) until the E tag.
      for (i++; i < tokens.length && tokens[i] !== 'E'; i++) {
        const match = /^([0-9a-f]+) [ *]([\s\S]*)$/.exec(tokens[i] ?? '');
        if (match) add(group, match[2] ?? '', `C ${match[1]}`);
      }
    }
  }
  if (groups.some((each) => !complete.has(each))) return undefined;
  const answers = new Map<string, string>();
  for (const request of requests) {
    const key = statBatchKey(request);
    const found = lines.get(key) ?? [];
    // No S record: the path does not exist (the single snippet prints N).
    answers.set(key, found.some((line) => line.startsWith('S ')) ? `${found.join('\n')}\n` : 'N\n');
  }
  return answers;
}

export function statBatchKey(request: StatRequest): string {
  return `${request.follow}:${request.checksum}:${request.path}`;
}
