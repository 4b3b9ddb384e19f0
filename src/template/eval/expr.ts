import { PyFunction, type Kwargs } from '../py/callable.js';
import { getAttr, getItem, slice } from '../py/methods.js';
import * as ops from '../py/ops.js';
import { pyStr } from '../py/repr.js';
import { PyFloat, Undefined, contains, defined, pyCompare, pyEq, truthy, tuple } from '../py/values.js';
import type { Node } from '../parse/index.js';
import type { Scope } from './scope.js';

// Evaluates Jinja2 expressions with Python semantics over the Nunjucks AST.

const constants: Record<string, unknown> = { True: true, true: true, False: false, false: false, None: null, none: null };

export type Evaluator = (node: Node, scope: Scope) => unknown;

const binary: Record<string, (a: unknown, b: unknown) => unknown> = {
  Add: ops.add,
  Sub: ops.sub,
  Mul: ops.mul,
  Div: ops.div,
  FloorDiv: ops.floorDiv,
  Mod: ops.mod,
  Pow: ops.pow,
  Concat: (a, b) => pyStr(a) + pyStr(b),
  In: (a, b) => contains(b, a),
};

export const evaluators: Record<string, Evaluator> = {
  Literal: (n) => (n.float && typeof n.value === 'number' ? new PyFloat(n.value) : n.value),
  Symbol: (n, s) => {
    const name = String(n.value);
    if (Object.prototype.hasOwnProperty.call(constants, name)) return constants[name];
    // Nunjucks' lexer reads `1e3` as a name; Jinja2 reads it as a float.
    if (/^\d+(\.\d*)?e\d+$/i.test(name)) return new PyFloat(Number(name));
    return s.get(name);
  },
  Group: (n, s) => (n.children.length === 1 && n.children[0] ? evalExpr(n.children[0], s) : tuple(n.children.map((c) => evalExpr(c, s)))),
  Array: (n, s) => n.children.map((c) => evalExpr(c, s)),
  Dict: (n, s) => Object.fromEntries(n.children.map((p) => [dictKey(evalExpr(p.key, s)), evalExpr(p.value as Node, s)])),
  LookupVal: (n, s) => (n.dot && typeof n.val.value === 'string' ? getAttr(evalExpr(n.target, s), n.val.value) : getItem(evalExpr(n.target, s), evalExpr(n.val, s))),
  Slice: (n, s) => slice(evalExpr(n.target, s), opt(n.start, s), opt(n.stop, s), opt(n.step, s)),
  FunCall: (n, s) => callValue(evalExpr(n.name, s), ...evalArgs(n.args, s), n.name),
  Filter: (n, s) => {
    const [args, kwargs] = evalArgs(n.args, s);
    return s.ctx.callFilter(String(n.name.value), args[0], args.slice(1), kwargs);
  },
  Is: (n, s) => {
    const [args, kwargs] = evalArgs(n.right.args, s);
    return s.ctx.callTest(String(n.right.name.value), evalExpr(n.left, s), args, kwargs);
  },
  Not: (n, s) => !truthy(evalExpr(n.target, s)),
  Neg: (n, s) => ops.neg(evalExpr(n.target, s)),
  Pos: (n, s) => defined(evalExpr(n.target, s)),
  And: (n, s) => {
    const left = evalExpr(n.left, s);
    return truthy(left) ? evalExpr(n.right, s) : left;
  },
  Or: (n, s) => {
    const left = evalExpr(n.left, s);
    return truthy(left) ? left : evalExpr(n.right, s);
  },
  InlineIf: (n, s) => {
    if (truthy(evalExpr(n.cond, s))) return evalExpr(n.body, s);
    if (n.else_) return evalExpr(n.else_, s);
    // Jinja2 yields an Undefined here that Ansible renders as nothing.
    return '';
  },
  Compare: (n, s) => {
    let left = evalExpr(n.expr, s);
    for (const op of n.ops) {
      const right = evalExpr(op.expr, s);
      if (!compare(op.type, left, right)) return false;
      left = right;
    }
    return true;
  },
};

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
    case '===':
      return pyEq(defined(a), defined(b));
    case '!=':
    case '!==':
      return !pyEq(defined(a), defined(b));
    case '<':
      return pyCompare(a, b) < 0;
    case '>':
      return pyCompare(a, b) > 0;
    case '<=':
      return pyCompare(a, b) <= 0;
    default:
      return pyCompare(a, b) >= 0;
  }
}

function dictKey(key: unknown): string {
  return pyStr(defined(key));
}

function opt(node: Node | null, scope: Scope): unknown {
  return node ? evalExpr(node, scope) : null;
}

export function evalExpr(node: Node, scope: Scope): unknown {
  const op = binary[node.typename];
  if (op) return op(evalExpr(node.left, scope), evalExpr(node.right, scope));
  const evaluator = evaluators[node.typename];
  if (!evaluator) throw new SyntaxError(`unsupported expression '${node.typename}'`);
  return evaluator(node, scope);
}

/** Positional and keyword arguments of a call, filter or test. */
export function evalArgs(args: Node | null, scope: Scope): [unknown[], Kwargs] {
  const positional: unknown[] = [];
  const kwargs: Kwargs = {};
  for (const child of args?.children ?? []) {
    if (child.typename === 'KeywordArgs') {
      for (const pair of child.children) kwargs[String(pair.key.value)] = evalExpr(pair.value as Node, scope);
    } else positional.push(evalExpr(child, scope));
  }
  return [positional, kwargs];
}

function callValue(fn: unknown, args: unknown[], kwargs: Kwargs, callee: Node): unknown {
  if (fn instanceof PyFunction) return fn.call(args, kwargs);
  if (fn instanceof Undefined) fn.fail();
  const name = callee.typename === 'Symbol' ? String(callee.value) : callee.typename === 'LookupVal' ? String((callee.val as Node).value) : 'value';
  throw new TypeError(`'${name}' is not callable`);
}
