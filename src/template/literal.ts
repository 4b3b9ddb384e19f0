import { parse, type Node } from './parse/index.js';
import { evalExpr } from './eval/expr.js';
import { Scope } from './eval/scope.js';
import type { RenderContext } from './eval/context.js';

// ansible-core 2.14 (non-native Jinja) runs ast.literal_eval on a templated string that starts
// with `[` or `{` or is `True`/`False`, so "[{{ a }}, {{ b }}]" becomes a list.

const LITERAL_NODES = new Set(['Literal', 'Array', 'Dict', 'Pair', 'Group', 'Neg', 'Pos', 'Symbol']);
const CONSTANTS = new Set(['True', 'False', 'None']);

export function literalEval(text: string): unknown {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (!text.startsWith('[') && !text.startsWith('{')) return text;
  if (/\{\{|\{%|\{#|%\}|#\}/.test(text)) return text;
  let root: Node;
  try {
    root = parse(`{{ ${text} }}`);
  } catch {
    return text;
  }
  const expr = root.children.length === 1 && root.children[0]?.children.length === 1 ? root.children[0].children[0] : undefined;
  if (!expr || !isLiteral(expr)) return text;
  return evalExpr(expr, new Scope({} as RenderContext));
}

function isLiteral(node: Node): boolean {
  if (!LITERAL_NODES.has(node.typename)) return false;
  if (node.typename === 'Symbol') return CONSTANTS.has(String(node.value));
  // Nunjucks reads lowercase true/false/none as literals; Python's literal_eval does not.
  if (node.typename === 'Literal') return typeof node.value === 'string' || typeof node.value === 'number';
  if (node.typename === 'Pair') return isLiteral(node.key) && isLiteral(node.value as Node);
  if (node.typename === 'Neg' || node.typename === 'Pos') return isLiteral(node.target);
  return (node.children ?? []).every(isLiteral);
}
