import type { RenderContext, Runtime } from './eval/context.js';
import { evalExpr } from './eval/expr.js';
import { locate, renderNodes } from './eval/render.js';
import { Scope } from './eval/scope.js';
import { literalEval } from './literal.js';
import { keepTrailingNewlines, type Node } from './parse/index.js';
import { defined } from './py/values.js';
import type { VarResolver } from './resolve.js';
import { filterName, parseChecked } from './runtime.js';

// Templating one string with ansible-core 2.14's Templar semantics (variables, task args).

/** C.STRING_TYPE_FILTERS: their text result is never turned back into a list/dict. */
const STRING_FILTERS = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'ppretty', 'json']);

function singleExpression(root: Node): Node | undefined {
  const only = root.children.length === 1 ? root.children[0] : undefined;
  if (!only || only.typename !== 'Output' || only.children.length !== 1) return undefined;
  const expr = only.children[0];
  return expr && expr.typename !== 'TemplateData' ? expr : undefined;
}

function evaluateNode(node: Node, scope: Scope, src: string): unknown {
  try {
    return defined(evalExpr(node, scope));
  } catch (error) {
    throw locate(error, node, { src, file: undefined });
  }
}

/** A lone `{{ expr }}` keeps its native value; other text renders to a string. */
export function renderString(src: string, runtime: Runtime, ctx: RenderContext, resolver: VarResolver): unknown {
  const root = parseChecked(src, undefined, runtime);
  const scope = new Scope(ctx);
  const single = singleExpression(root);
  let value: unknown;
  if (single) {
    value = evaluateNode(single, scope, src);
    // Text from to_json & co. stays text; `{{ None }}` renders empty, except a bare variable
    // reference, which ansible-core returns as the variable's value.
    if (single.typename === 'Filter' && STRING_FILTERS.has(filterName(String(single.name.value)))) return value;
    if (value === null) return single.typename === 'Symbol' && Object.prototype.hasOwnProperty.call(resolver.vars, String(single.value)) ? null : '';
    // Jinja2 dropped the source's final newline; ansible-core re-adds trailing newlines to a text
    // result (`"{{ word }}\n"` → "one\n") but returns other values as they are.
    if (typeof value === 'string') value = keepTrailingNewlines(value, src);
  } else {
    const out: string[] = [];
    renderNodes(root, scope, out, { src, file: undefined });
    value = keepTrailingNewlines(out.join(''), src);
  }
  // ansible-core 2.14 turns text that reads as a Python list/dict/bool literal into that value.
  return typeof value === 'string' ? literalEval(value) : value;
}
