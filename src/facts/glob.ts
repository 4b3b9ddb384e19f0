import type { Fact } from './types.js';

// Paths matching a shell glob (as Python's glob.glob: no match → empty list). The pattern is
// deliberately left unquoted so the remote shell expands it; quotes are escaped only for
// characters that are not glob syntax.

export function globFact(pattern: string): Fact<string[]> {
  const escaped = pattern.replace(/[^A-Za-z0-9_\-./*?[\]!~]/g, (ch) => `\\${ch}`);
  return {
    key: `glob:${pattern}`,
    script: `for f in ${escaped}; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\\n' "$f"; fi; done`,
    parse: (stdout) => stdout.split('\n').filter((line) => line !== ''),
  };
}
