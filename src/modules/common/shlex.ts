import { parse } from 'shell-quote';

// Python's shlex.split as Ansible's command module uses it: quotes and backslashes are
// honoured, but nothing is expanded ($VAR stays literal) and operators (|, >, &&) are plain
// words, because command never goes through a shell.

export function shlexSplit(line: string): string[] {
  const words = parse(line, (name: string) => `$${name}`);
  return words.map((word) => {
    if (typeof word === 'string') return word;
    if ('comment' in word) return `#${word.comment}`;
    if (word.op === 'glob') return word.pattern;
    return word.op;
  });
}
