import { VaultError } from '../../errors.js';
import { PyFunction, type Kwargs } from '../py/callable.js';
import { pyStr } from '../py/repr.js';
import { UndefinedError, defined, isDict, iterate, truthy, tuple } from '../py/values.js';
import type { Node } from '../parse/index.js';
import { evalArgs, evalExpr, evaluators } from './expr.js';
import { renderFor } from './loop.js';
import { LocatedError, Scope } from './scope.js';

// Renders statements: output, if/elif/else, for, set, macro, include, import. Every failure
// is pinned to the statement's line in the source it came from.

export interface Source {
  src: string;
  file: string | undefined;
}

type Statement = (node: Node, scope: Scope, out: string[], source: Source) => void;

const statements: Record<string, Statement> = {
  Output: (n, s, out) => {
    for (const child of n.children) out.push(child.typename === 'TemplateData' ? String(child.value ?? '') : finalize(evalExpr(child, s)));
  },
  If: (n, s, out, src) => {
    if (truthy(evalExpr(n.cond, s))) renderNodes(n.body, s, out, src);
    else if (n.else_) renderNodes(n.else_, s, out, src);
  },
  For: (n, s, out, src) => renderFor(n, s, out, (body, scope, into) => renderNodes(body, scope, into, src)),
  Set: (n, s, _out, src) => {
    const value = n.value ? evalExpr(n.value as Node, s) : capture(n.body, s, src);
    assign(n.targets, value, s);
  },
  Macro: (n, s, _out, src) => s.set(String(n.name.value), macro(n, s, src)),
  With: (n, s, out, src) => {
    const inner = s.child();
    for (const pair of n.assignments ?? []) inner.set(String(pair.key.value), evalExpr(pair.value as Node, s));
    renderNodes(n.body, inner, out, src);
  },
  Include: (n, s, out, src) => {
    const path = include(n, s, src.file);
    if (path !== undefined) out.push(renderTemplateFile(path, s.child()));
  },
  Import: (n, s, _out, src) => {
    const module = importModule(n, s, src.file);
    s.set(String(n.target.value), module);
  },
  FromImport: (n, s, _out, src) => {
    const module = importModule(n, s, src.file);
    for (const item of n.names.children) {
      const [name, alias] = item.typename === 'Pair' ? [String(item.key.value), String((item.value as Node).value)] : [String(item.value), String(item.value)];
      if (!(name in module)) throw new UndefinedError(`the template does not export '${name}'`);
      s.set(alias, module[name]);
    }
  },
};

/** Ansible's finalize: `{{ None }}` prints nothing (inside a list it is still "None"). */
function finalize(value: unknown): string {
  return value === null ? '' : pyStr(value);
}

export function renderNodes(node: Node, scope: Scope, out: string[], source: Source): void {
  if (node.typename === 'Root' || node.typename === 'NodeList') {
    for (const child of node.children) renderNodes(child, scope, out, source);
    return;
  }
  const statement = statements[node.typename];
  try {
    if (!statement) throw new SyntaxError(`unsupported template tag '${node.typename.toLowerCase()}'`);
    statement(node, scope, out, source);
  } catch (error) {
    throw locate(error, node, source);
  }
}

export function locate(error: unknown, node: Node, source: Source): unknown {
  // A !vault value that will not decrypt is named at its own file:line with the vault's hint.
  if (!(error instanceof Error) || error instanceof VaultError) return error;
  if (error instanceof LocatedError && (error.src === source.src || error.file !== undefined)) return error;
  const kind = error instanceof LocatedError ? error.kind : error instanceof UndefinedError ? 'undefined' : error instanceof SyntaxError ? 'syntax' : 'error';
  return new LocatedError(error.message, source.src, node.lineno, node.colno, kind, source.file);
}

function capture(body: Node, scope: Scope, source: Source): string {
  const out: string[] = [];
  renderNodes(body.typename === 'Capture' ? body.body : body, scope, out, source);
  return out.join('');
}

function assign(targets: Node[], value: unknown, scope: Scope): void {
  const values = targets.length > 1 ? iterate(value) : [value];
  if (values.length !== targets.length) throw new TypeError(`cannot unpack ${values.length} values into ${targets.length} names`);
  targets.forEach((target, i) => {
    if (target.typename === 'LookupVal') {
      const obj = defined(evalExpr(target.target, scope));
      if (!isDict(obj)) throw new TypeError('can only assign attributes of a namespace');
      obj[String(evalExpr(target.val, scope))] = values[i];
    } else scope.set(String(target.value), values[i]);
  });
}

/** A macro (or a call block's caller) becomes a callable rendering its body in a fresh scope. */
function macro(n: Node, defScope: Scope, source: Source): PyFunction {
  const params: Array<{ name: string; dflt: Node | undefined }> = [];
  for (const arg of n.args.children) {
    if (arg.typename === 'KeywordArgs') for (const p of arg.children) params.push({ name: String(p.key.value), dflt: p.value as Node });
    else params.push({ name: String(arg.value), dflt: undefined });
  }
  const name = n.name ? String(n.name.value) : 'caller';
  return new PyFunction(name, (args: unknown[], kwargs: Kwargs) => {
    const scope = defScope.child();
    params.forEach((p, i) => {
      if (i < args.length) scope.set(p.name, args[i]);
      else if (p.name in kwargs) scope.set(p.name, kwargs[p.name]);
      else if (p.dflt) scope.set(p.name, evalExpr(p.dflt, scope));
      else throw new TypeError(`macro '${name}' takes parameter '${p.name}'`);
    });
    scope.set('varargs', tuple(args.slice(params.length)));
    scope.set('kwargs', Object.fromEntries(Object.entries(kwargs).filter(([k]) => !params.some((p) => p.name === k) && k !== 'caller')));
    if ('caller' in kwargs) scope.set('caller', kwargs.caller);
    return capture(n.body, scope, source);
  });
}

evaluators.Caller = (n, s) => macro(n, s, { src: '', file: undefined });
evaluators.Capture = (n, s) => capture(n, s, { src: '', file: undefined });
evaluators.KeywordArgs = (n, s) => evalArgs(n, s)[1];

function include(n: Node, scope: Scope, from: string | undefined): string | undefined {
  const names = evalExpr(n.template, scope);
  const candidates = Array.isArray(names) ? names : [names];
  for (const name of candidates) {
    try {
      return scope.ctx.runtime.resolveTemplate(pyStr(defined(name)), from);
    } catch (error) {
      if (!n.ignoreMissing && candidates.length === 1) throw error;
    }
  }
  if (n.ignoreMissing) return undefined;
  throw new UndefinedError(`none of the templates ${pyStr(candidates)} could be found`);
}

function importModule(n: Node, scope: Scope, from: string | undefined): Record<string, unknown> {
  const path = scope.ctx.runtime.resolveTemplate(pyStr(defined(evalExpr(n.template, scope))), from);
  // Jinja2 imports are rendered without the caller's locals unless `with context`.
  const moduleScope = n.withContext ? scope.child() : new Scope(scope.ctx);
  renderTemplateFile(path, moduleScope);
  return moduleScope.exported();
}

export function renderTemplateFile(path: string, scope: Scope, template = scope.ctx.runtime.loadTemplate(path)): string {
  const { src, root } = template;
  const out: string[] = [];
  renderNodes(root, scope, out, { src, file: path });
  return out.join('');
}
