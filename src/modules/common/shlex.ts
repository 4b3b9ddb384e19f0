import { shellQuote } from '../../facts/quote.js';

// Python's shlex.split (POSIX mode, whitespace_split, no comments), as Ansible's command
// module splits its free form: only whitespace separates words; single quotes are literal;
// in double quotes a backslash escapes only " and \; outside quotes it escapes anything.
// Nothing is expanded here and | > && are plain characters. shell-quote's parser follows
// bash instead (operators, comments, ${VAR}), hence this small scanner.

export function shlexSplit(line: string): string[] {
  const words: string[] = [];
  let word = '';
  // A word has started (even if empty, as in '').
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    const next = line[i + 1] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (next === '"' || next === '\\')) word += line[++i] ?? '';
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (started) words.push(word);
      [word, started] = ['', false];
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new SyntaxError('No escaped character');
      [word, started] = [word + (line[++i] ?? ''), true];
    } else {
      started = true;
      if (ch === "'" || ch === '"') quote = ch;
      else word += ch;
    }
  }
  if (quote) throw new SyntaxError('No closing quotation');
  if (started) words.push(word);
  return words;
}

/**
 * One argv word as shell text that expands like Ansible's run_command does for a command
 * without a shell (os.path.expandvars, then expanduser): $NAME and ${NAME} become the value
 * when set and stay literal when not; a leading ~ or ~user becomes the home directory.
 */
export function expandingWord(word: string): string {
  const tilde = /^~[A-Za-z0-9._-]*(?=\/|$)/.exec(word)?.[0] ?? '';
  const parts: string[] = tilde ? [tilde] : [];
  const rest = word.slice(tilde.length);
  const pattern = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g;
  let last = 0;
  for (const match of rest.matchAll(pattern)) {
    if (match.index > last) parts.push(shellQuote(rest.slice(last, match.index)));
    const name = match[1] ?? match[2] ?? '';
    // ${NAME-word}: the value when set (even empty), else the literal reference.
    parts.push(match[1] !== undefined ? `"\${${name}-\\$${name}}"` : `"\${${name}-\\\${${name}\\}}"`);
    last = match.index + match[0].length;
  }
  if (last < rest.length || parts.length === 0) parts.push(shellQuote(rest.slice(last)));
  return parts.join('');
}
