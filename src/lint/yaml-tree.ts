import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Finding, LintedYaml, Severity } from './types.js';

// Small helpers over the yaml syntax tree: parse with YAML 1.1 (Ansible's PyYAML dialect),
// positions of nodes, and the task mappings of a file.

export function parseForLint(file: string, text: string, role: LintedYaml['role']): LintedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, keepSourceTokens: true, uniqueKeys: false });
  return { file, text, doc, lines, role };
}

export function finding(y: Pick<LintedYaml, 'file' | 'lines'>, node: Node | undefined, rule: string, message: string, severity: Severity = 'error'): Finding {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = y.lines.linePos(offset);
  return { file: y.file, line, col, rule, severity, message };
}

export function mapGet(map: YAMLMap, key: string): Node | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return (pair.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

export function mapKeyNode(map: YAMLMap, key: string): Scalar | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.key;
  }
  return undefined;
}

export function mapKeys(map: YAMLMap): string[] {
  return map.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
}

export function scalarText(node: Node | undefined): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

const TASK_LIST_KEYS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'block', 'rescue', 'always'];

/** Every task mapping in a playbook, task or handler file (blocks included, with `handler` flag). */
export function taskMaps(y: LintedYaml): Array<{ task: YAMLMap; handler: boolean }> {
  const found: Array<{ task: YAMLMap; handler: boolean }> = [];
  const walkList = (node: Node | undefined, handler: boolean): void => {
    if (!isSeq(node)) return;
    for (const item of node.items) {
      if (!isMap(item)) continue;
      if (!mapGet(item, 'block')) found.push({ task: item, handler });
      for (const key of ['block', 'rescue', 'always']) walkList(mapGet(item, key), handler);
    }
  };
  const root = y.doc.contents as Node | null;
  if (y.role === 'tasks' || y.role === 'handlers') walkList(root ?? undefined, y.role === 'handlers');
  if (y.role === 'playbook' && isSeq(root)) {
    for (const play of root.items) {
      if (!isMap(play)) continue;
      for (const key of TASK_LIST_KEYS.slice(0, 4)) walkList(mapGet(play, key), key === 'handlers');
    }
  }
  return found;
}

/** Visits every scalar with the key it sits under (undefined in sequences). */
export function eachScalar(y: LintedYaml, fn: (scalar: Scalar, key: string | undefined) => void): void {
  visit(y.doc, {
    Pair(_, pair) {
      if (isScalar(pair.value)) fn(pair.value, isScalar(pair.key) ? String(pair.key.value) : undefined);
    },
    Seq(_, seq) {
      for (const item of seq.items) if (isScalar(item)) fn(item, undefined);
    },
  });
}

export { isMap, isPair, isScalar, isSeq };
