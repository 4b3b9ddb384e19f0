import { tokenize } from './lexer.js';
import { JinjaParser } from './parser.js';
import type { Node } from './types.js';

// Parsing reuses Nunjucks' lexer and parser (Jinja2's syntax, positions on every node) with
// Jinja2's differences fixed (parser.ts, lexer.ts). Evaluation is ours (eval/): Nunjucks'
// compiled JavaScript has JavaScript semantics, Jinja2 has Python's.

export type { Node } from './types.js';
export { nodes } from './types.js';

export function jinjaSource(src: string): string {
  const normalized = src.replace(/\r\n?/g, '\n');
  return normalized.endsWith('\n') ? normalized.slice(0, -1) : normalized;
}

/** Ansible re-adds the trailing newlines Jinja2 dropped, up to the count the source had. */
export function keepTrailingNewlines(result: string, src: string): string {
  const count = (s: string): number => s.length - s.replace(/\n+$/, '').length;
  const missing = count(src) - count(result);
  return missing > 0 ? result + '\n'.repeat(missing) : result;
}

const cache = new Map<string, Node>();

/**
 * Parses a template source (cached). Throws Nunjucks' TemplateError with lineno/colno.
 * `escapeBackslashes`: Ansible templates variable values (not files) with backslashes inside
 * `{{ }}` string literals kept literally, so `regex_replace('\\d', ...)` needs one backslash.
 */
export function parse(src: string, escapeBackslashes = false): Node {
  const key = `${escapeBackslashes ? 'v' : 'f'}${src}`;
  let root = cache.get(key);
  if (!root) {
    const parser = new JinjaParser(tokenize(jinjaSource(src), escapeBackslashes));
    parser.extensions = [];
    root = parser.parseAsRoot();
    if (cache.size > 5000) cache.clear();
    cache.set(key, root);
  }
  return root;
}
