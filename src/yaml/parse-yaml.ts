import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import { ParseError, type SourcePos } from '../errors.js';
import { Secret } from '../secret.js';
import { decryptVaultText } from '../vault/index.js';
import { recordPositions, type NodePositions } from './positions.js';
import { ansibleTags } from './schema-tags.js';
import { UnsafeText } from './unsafe.js';

// YAML text → plain JS values with positions recorded in the side table (positions.ts).
// We walk the document AST ourselves rather than calling toJS() so every container gets
// its positions, duplicate keys can be reported with both places, and tags become values.

interface Walk {
  file: string;
  lines: LineCounter;
  doc: Document.Parsed;
  /** Anchored nodes already converted, so aliases share one value as in PyYAML. */
  done: Map<Node, unknown>;
}

/** Parses one YAML document (Ansible semantics: YAML 1.1, unique keys). Empty text → null. */
export function parseYaml(text: string, file: string): unknown {
  const { doc, lines } = parsed(text, file);
  // An unknown tag (!!python/object, a typo of !vault) is a warning to the library; Ansible refuses it.
  const first = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (first) throw syntaxError(first, file, text);
  if (!doc.contents) return null;
  return convert(doc.contents as Node, { file, lines, doc, done: new Map() });
}

/**
 * The library's document for a text, kept for the next load of the same file with the same text
 * (molecule-lite loads the same vars, defaults and task files in every run of every scenario).
 * Only the document is shared, and convert() only reads it: the values are built afresh each
 * time, so no load sees another's changes. Bounded by the cached text's size, oldest out first.
 */
const documents = new Map<string, { doc: Document.Parsed; lines: LineCounter }>();
const CACHED_TEXT_LIMIT = 2_000_000;
let cachedText = 0;

function parsed(text: string, file: string): { doc: Document.Parsed; lines: LineCounter } {
  const key = `${file}\0${text}`;
  const known = documents.get(key);
  if (known) return known;
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', schema: 'yaml-1.1', customTags: ansibleTags, uniqueKeys: false, merge: true, prettyErrors: true, lineCounter: lines });
  documents.set(key, { doc, lines });
  cachedText += key.length;
  while (cachedText > CACHED_TEXT_LIMIT) {
    const oldest = documents.keys().next().value!;
    documents.delete(oldest);
    cachedText -= oldest.length;
  }
  return { doc, lines };
}

function syntaxError(error: YAMLError, file: string, text: string): ParseError {
  const lines = text.split(/\r?\n/);
  let pos = error.linePos?.[0] ?? { line: 1, col: 1 };
  // Errors found at end of input (an unclosed quote or bracket) point at the last written line.
  while (pos.line > 1 && (lines[pos.line - 1] ?? '').trim() === '') pos = { line: pos.line - 1, col: (lines[pos.line - 2] ?? '').length + 1 };
  const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const jinja = /:\s+\{\{/.test(lines[pos.line - 1] ?? '');
  return new ParseError('yaml-syntax', `YAML syntax error: ${reason}\n${snippet(text, pos.line, pos.col)}`, {
    where: { file, line: pos.line, col: pos.col },
    hint: jinja ? 'a value starting with "{{" must be quoted: key: "{{ var }}"' : 'check the indentation and quoting around this line',
  });
}

export function snippet(text: string, line: number, col: number): string {
  const source = text.split(/\r?\n/)[line - 1] ?? '';
  return `    ${source}\n    ${' '.repeat(Math.max(0, col - 1))}^`;
}

function posOf(node: Node, walk: Walk): SourcePos {
  const { line, col } = walk.lines.linePos(node.range?.[0] ?? 0);
  return { file: walk.file, line, col };
}

function convert(node: Node, walk: Walk): unknown {
  if (isAlias(node)) {
    const target = node.resolve(walk.doc);
    return target ? convert(target as Node, walk) : null;
  }
  const cached = walk.done.get(node);
  if (cached !== undefined) return cached;
  let value: unknown;
  if (isMap(node)) value = convertMap(node, walk);
  else if (isSeq(node)) value = convertSeq(node, walk);
  else if (isScalar(node)) value = convertScalar(node, walk);
  else value = null;
  if (node.anchor) walk.done.set(node, value);
  return value;
}

function convertScalar(node: Node & { value: unknown; tag?: string | undefined }, walk: Walk): unknown {
  if (node.tag === '!vault') {
    const where = posOf(node, walk);
    const origin = `${where.file}:${where.line}:${where.col}`;
    const ciphertext = String(node.value);
    return new Secret(() => decryptVaultText(ciphertext, origin).toString('utf8'), origin);
  }
  if (node.tag === '!unsafe') return new UnsafeText(String(node.value ?? ''));
  return typeof node.value === 'symbol' ? '<<' : node.value;
}

function convertSeq(node: Node & { items: unknown[] }, walk: Walk): unknown[] {
  const out: unknown[] = [];
  const positions: NodePositions = { self: posOf(node, walk), keys: new Map(), values: new Map() };
  if (node.anchor) walk.done.set(node, out);
  node.items.forEach((item, index) => {
    positions.values.set(index, posOf(item as Node, walk));
    out.push(convert(item as Node, walk));
  });
  recordPositions(out, positions);
  return out;
}

function convertMap(node: Node & { items: Array<{ key: unknown; value: unknown }> }, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const positions: NodePositions = { self: posOf(node, walk), keys: new Map(), values: new Map() };
  if (node.anchor) walk.done.set(node, out);
  const merged: Array<Record<string, unknown>> = [];
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    if (keyNode && isScalar(keyNode) && typeof keyNode.value === 'symbol') {
      merged.push(...mergeSources(valueNode, walk));
      continue;
    }
    const key = keyNode ? String(convert(keyNode, walk)) : '';
    const keyPos = keyNode ? posOf(keyNode, walk) : positions.self;
    const seen = positions.keys.get(key);
    if (seen && Object.hasOwn(out, key)) {
      throw new ParseError('duplicate-key', `duplicate key '${key}' (first defined at line ${seen.line})`, {
        where: keyPos,
        hint: 'a mapping may name each key once; remove or rename one of them',
      });
    }
    positions.keys.set(key, keyPos);
    positions.values.set(key, valueNode ? posOf(valueNode, walk) : keyPos);
    define(out, key, valueNode ? convert(valueNode, walk) : null);
  }
  // Merge keys (`<<: *base`) never override keys written in the mapping itself.
  for (const source of merged) {
    for (const [key, value] of Object.entries(source)) if (!Object.hasOwn(out, key)) define(out, key, value);
  }
  recordPositions(out, positions);
  return out;
}

function mergeSources(valueNode: Node | null, walk: Walk): Array<Record<string, unknown>> {
  const value = valueNode ? convert(valueNode, walk) : null;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
