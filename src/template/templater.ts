import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { SourcePos } from '../errors.js';
import type { Vars } from '../playbook/model.js';
import { isSecret } from '../secret.js';
import { isUnsafeText } from '../yaml/unsafe.js';
import type { Templater } from './types.js';
import type { RenderContext, Runtime } from './eval/context.js';
import { evalExpr } from './eval/expr.js';
import { locate, renderNodes, renderTemplateFile } from './eval/render.js';
import { Scope } from './eval/scope.js';
import { toTemplateError } from './errors.js';
import { makeContext } from './context.js';
import { literalEval } from './literal.js';
import { parseChecked, createRuntime } from './runtime.js';
import { keepTrailingNewlines, type Node } from './parse.js';
import { VarResolver } from './resolve.js';
import { toNative } from './native.js';
import { defined, isDict, truthy } from './py/values.js';

export interface TemplaterOptions {
  /** Where includes, imports and controller-side lookups look after the template's own dir. */
  searchPaths?: string[];
  /** The `ansible_managed` text templates see; ansible-core 2.14's default. */
  ansibleManaged?: string;
}

const TEMPLATE_MARKERS = /\{\{|\{%|\{#/;
const BARE_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createTemplater(options: TemplaterOptions = {}): Templater {
  const runtime = createRuntime((options.searchPaths ?? []).map((p) => resolvePath(p)));
  const managed = options.ansibleManaged ?? 'Ansible managed';
  const isTemplate = (value: string): boolean => TEMPLATE_MARKERS.test(value);

  const newResolver = (vars: Vars): VarResolver => new VarResolver(vars, (src, r) => templateWith(src, r), isTemplate);
  const context = (resolver: VarResolver, file?: string, extra?: Vars): RenderContext =>
    makeContext({ runtime, resolver, file, extra, templateString: (src) => templateWith(src, resolver), renderFile: (path, more) => renderFileWith(path, resolver, more) });

  /** Templates one string; a lone `{{ expr }}` keeps its native value. */
  function templateWith(src: string, resolver: VarResolver): unknown {
    if (!isTemplate(src)) return src;
    const root = parseChecked(src, undefined, runtime);
    const scope = new Scope(context(resolver));
    const single = singleExpression(root);
    let value: unknown;
    if (single) {
      value = evaluateNode(single, scope, src);
    } else {
      const out: string[] = [];
      renderNodes(root, scope, out, { src, file: undefined });
      value = keepTrailingNewlines(out.join(''), src);
    }
    // ansible-core 2.14 turns text that reads as a Python list/dict/bool literal into that value.
    return typeof value === 'string' ? literalEval(value) : value;
  }

  function evaluateNode(node: Node, scope: Scope, src: string): unknown {
    try {
      return defined(evalExpr(node, scope));
    } catch (error) {
      throw locate(error, node, { src, file: undefined });
    }
  }

  function renderFileWith(path: string, resolver: VarResolver, extra?: Vars): string {
    const full = resolvePath(path);
    const templateVars: Vars = {
      template_path: path,
      template_fullpath: full,
      template_host: hostname(),
      template_uid: fileOwner(full),
      template_run_date: new Date(),
      ansible_managed: managed,
      ...extra,
    };
    const scope = new Scope(context(resolver, full, templateVars));
    return keepTrailingNewlines(renderTemplateFile(full, scope), runtime.loadTemplate(full).src);
  }

  function run<T>(where: SourcePos | string | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toTemplateError(error, where);
    }
  }

  const templater: Templater = {
    isTemplate,
    template: (value, vars, where) => run(where, () => toNative(templateValue(value, newResolver(vars)))),
    templateDeep: (value, vars, where) => run(where, () => toNative(deep(value, newResolver(vars))) as typeof value),
    evaluate: (expression, vars, where) => run(where, () => toNative(evaluateWith(expression, newResolver(vars)))),
    condition: (expression, vars, where) => (typeof expression === 'boolean' ? expression : run(where, () => truthy(evaluateWith(expression, newResolver(vars))))),
    renderFile: (path, vars) => run(undefined, () => renderFileWith(path, newResolver(vars))),
  };

  function templateValue(value: unknown, resolver: VarResolver): unknown {
    if (isUnsafeText(value)) return value.text;
    if (isSecret(value)) return value.reveal();
    return typeof value === 'string' ? templateWith(value, resolver) : value;
  }

  function deep(value: unknown, resolver: VarResolver): unknown {
    if (Array.isArray(value)) return value.map((v) => deep(v, resolver));
    if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [String(templateValue(k, resolver)), deep(v, resolver)]));
    return templateValue(value, resolver);
  }

  /** A bare expression (`when:`); a bare variable name holding an expression is that expression, as in Ansible. */
  function evaluateWith(expression: string, resolver: VarResolver): unknown {
    let expr = expression.trim();
    if (BARE_VAR.test(expr) && Object.prototype.hasOwnProperty.call(resolver.vars, expr)) {
      const value = resolver.get(expr);
      if (typeof value !== 'string' || value.trim() === '') return value;
      expr = value.trim();
    } else if (isTemplate(expr)) {
      const templated = templateWith(expr, resolver);
      if (typeof templated !== 'string') return templated;
      expr = templated;
    }
    return templateWith(`{{ ${expr} }}`, resolver);
  }

  return templater;
}

function singleExpression(root: Node): Node | undefined {
  const only = root.children.length === 1 ? root.children[0] : undefined;
  if (!only || only.typename !== 'Output' || only.children.length !== 1) return undefined;
  const expr = only.children[0];
  return expr && expr.typename !== 'TemplateData' ? expr : undefined;
}

function fileOwner(path: string): string {
  try {
    const uid = statSync(path).uid;
    return uid === process.getuid?.() ? userInfo().username : String(uid);
  } catch {
    return '';
  }
}

