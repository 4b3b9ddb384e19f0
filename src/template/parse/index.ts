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
  const missing = trailingNewlines(src) - trailingNewlines(result);
  return missing > 0 ? result + '\n'.repeat(missing) : result;
}

/** Counted in place: this runs on every rendered text, files included, and copies add up. */
function trailingNewlines(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end -= 1;
  return text.length - end;
}

/** One cache per mode, keyed by the source itself (a prefixed key would be a new string per call). */
const caches = { value: new Map<string, Node>(), file: new Map<string, Node>() };

/**
 * Parses a template source (cached). Throws Nunjucks' TemplateError with lineno/colno.
 * `escapeBackslashes`: Ansible templates variable values (not files) with backslashes inside
 * `{{ }}` string literals kept literally, so `regex_replace('\\d', ...)` needs one backslash.
 */
export function parse(src: string, escapeBackslashes = false): Node {
  const cache = escapeBackslashes ? caches.value : caches.file;
  let root = cache.get(src);
  if (!root) {
    const parser = new JinjaParser(tokenize(jinjaSource(src), escapeBackslashes));
    parser.extensions = [];
    root = parser.parseAsRoot();
    if (cache.size > 5000) cache.clear();
    cache.set(src, root);
  }
  return root;
}
