import { PyFunction } from '../py/callable.js';
import { Undefined, iterate, truthy } from '../py/values.js';
import type { Node } from '../parse/index.js';
import { evalExpr } from './expr.js';
import type { Scope } from './scope.js';

// `{% for %}` with Jinja2's loop variable, tuple unpacking (`for k, v in d.items()`),
// the loop filter (`for x in xs if x`), and `{% else %}` for an empty loop.

type BodyRenderer = (body: Node, scope: Scope, out: string[]) => void;

export function renderFor(n: Node, scope: Scope, out: string[], render: BodyRenderer): void {
  // Nunjucks parses `xs if cond` (no else) as an inline-if; in a for tag it is Jinja2's loop filter.
  const filtered = n.arr.typename === 'InlineIf' && !n.arr.else_;
  let items = iterate(evalExpr(filtered ? n.arr.body : n.arr, scope));
  if (filtered) {
    items = items.filter((item) => {
      const s = scope.child();
      bind(n.name, item, s);
      return truthy(evalExpr(n.arr.cond, s));
    });
  }
  if (items.length === 0) {
    if (n.else_) render(n.else_, scope, out);
    return;
  }
  items.forEach((item, i) => {
    const s = scope.child();
    bind(n.name, item, s);
    s.set('loop', loopInfo(items, i));
    render(n.body, s, out);
  });
}

function bind(target: Node, item: unknown, scope: Scope): void {
  if (target.typename === 'Array') {
    const values = iterate(item);
    if (values.length !== target.children.length) throw new TypeError(`cannot unpack ${values.length} values into ${target.children.length} loop variables`);
    target.children.forEach((t, i) => scope.set(String(t.value), values[i]));
  } else scope.set(String(target.value), item);
}

function loopInfo(items: unknown[], i: number): Record<string, unknown> {
  const n = items.length;
  // Only `recursive` loops (not supported) nest depth; independent nested loops are depth 1.
  const depth = 1;
  return {
    index: i + 1,
    index0: i,
    revindex: n - i,
    revindex0: n - i - 1,
    first: i === 0,
    last: i === n - 1,
    length: n,
    depth,
    depth0: depth - 1,
    previtem: i > 0 ? items[i - 1] : new Undefined('there is no previous item', 'previtem'),
    nextitem: i < n - 1 ? items[i + 1] : new Undefined('there is no next item', 'nextitem'),
    cycle: new PyFunction('cycle', (args) => args[i % args.length]),
  };
}
