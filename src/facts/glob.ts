import { posix } from 'node:path';
import type { Fact } from './types.js';

// Paths matching a shell glob (as Python's glob.glob: no match → empty list). The pattern is
// deliberately left unquoted so the remote shell expands it; quotes are escaped only for
// characters that are not glob syntax.

export function globFact(pattern: string): Fact<string[]> {
  const escaped = pattern.replace(/[^A-Za-z0-9_\-./*?[\]!~]/g, (ch) => `\\${ch}`);
  const paths = globPaths(pattern);
  return {
    key: `glob:${pattern}`,
    script: `for f in ${escaped}; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\\n' "$f"; fi; done`,
    parse: (stdout) => stdout.split('\n').filter((line) => line !== ''),
    ...(paths ? { paths } : {}),
  };
}

/**
 * What the matches depend on: a literal path itself, or the one directory whose entries a
 * pattern in the last component lists. Wildcards higher up (or `~`, which the shell expands)
 * may reach anywhere, so such a glob is dropped by any change.
 */
function globPaths(pattern: string): string[] | undefined {
  const wild = /[*?[]/;
  if (pattern.includes('~')) return undefined;
  if (!wild.test(pattern)) return [pattern];
  const dir = posix.dirname(pattern);
  return wild.test(dir) ? undefined : [dir];
}
