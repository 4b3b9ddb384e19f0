import { statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { SourcePos } from '../errors.js';
import type { Vars } from '../playbook/model.js';
import { isSecret } from '../secret.js';
import { isUnsafeText } from '../yaml/unsafe.js';
import type { Templater, Tracked } from './types.js';
import type { RenderContext, Runtime } from './eval/context.js';
import { renderTemplateFile } from './eval/render.js';
import { Scope } from './eval/scope.js';
import { toTemplateError } from './errors.js';
import { makeContext } from './context.js';
import { toNative } from './native.js';
import { keepTrailingNewlines } from './parse/index.js';
import { isDict, truthy } from './py/values.js';
import { renderString } from './render-string.js';
import { VarResolver, type ReadTracker } from './resolve.js';
import { createRuntime } from './runtime.js';

export interface TemplaterOptions {
  /** Where includes, imports and controller-side lookups look after the template's own dir. */
  searchPaths?: string[];
  /** The `ansible_managed` text templates see; ansible-core 2.14's default. */
  ansibleManaged?: string;
}

const TEMPLATE_MARKERS = /\{\{|\{%|\{#/;
const BARE_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createTemplater(options: TemplaterOptions = {}): Templater {
  return new AnsibleTemplater(options);
}

class AnsibleTemplater implements Templater {
  private readonly runtime: Runtime;
  private readonly managed: string;
  private readonly host = new ControllerHost();

  constructor(options: TemplaterOptions) {
    this.runtime = createRuntime((options.searchPaths ?? []).map((p) => resolvePath(p)));
    this.managed = options.ansibleManaged ?? 'Ansible managed';
  }

  isTemplate(value: string): boolean {
    return TEMPLATE_MARKERS.test(value);
  }

  template(value: string, vars: Vars, where?: SourcePos | string): unknown {
    return this.run(where, () => toNative(this.templateValue(value, this.resolver(vars))));
  }

  templateDeep<T>(value: T, vars: Vars, where?: SourcePos | string): T {
    return this.run(where, () => toNative(this.deep(value, this.resolver(vars))) as T);
  }

  templateDeepTracked<T>(value: T, vars: Vars, where?: SourcePos | string): Tracked<T> {
    const tracker: ReadTracker = { reads: new Map(), impure: false };
    const result = this.run(where, () => toNative(this.deep(value, this.resolver(vars, tracker))) as T);
    return { value: result, reads: tracker.impure ? undefined : tracker.reads };
  }

  evaluate(expression: string, vars: Vars, where?: SourcePos | string): unknown {
    return this.run(where, () => toNative(this.evaluateWith(expression, this.resolver(vars))));
  }

  condition(expression: string | boolean, vars: Vars, where?: SourcePos | string): boolean {
    if (typeof expression === 'boolean') return expression;
    return this.run(where, () => truthy(this.evaluateWith(expression, this.resolver(vars))));
  }

  renderFile(path: string, vars: Vars): string {
    return this.run(undefined, () => this.renderFileWith(path, this.resolver(vars)));
  }

  private run<T>(where: SourcePos | string | undefined, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toTemplateError(error, where);
    }
  }

  private resolver(vars: Vars, tracker?: ReadTracker): VarResolver {
    return new VarResolver(vars, (src, r) => this.templateString(src, r), (v) => this.isTemplate(v), tracker);
  }

  private context(resolver: VarResolver, file?: string, extra?: Vars): RenderContext {
    return makeContext({
      runtime: this.runtime,
      resolver,
      file,
      extra,
      templateString: (src) => this.templateString(src, resolver),
      renderFile: (path, more) => this.renderFileWith(path, resolver, more),
    });
  }

  private templateString(src: string, resolver: VarResolver): unknown {
    return this.isTemplate(src) ? renderString(src, this.runtime, this.stringContext(resolver), resolver) : src;
  }

  /** Every string templated with one resolver (a task's arguments, the variables they use) shares one context. */
  private readonly stringContexts = new WeakMap<VarResolver, RenderContext>();

  private stringContext(resolver: VarResolver): RenderContext {
    let ctx = this.stringContexts.get(resolver);
    if (!ctx) this.stringContexts.set(resolver, (ctx = this.context(resolver)));
    return ctx;
  }

  private templateValue(value: unknown, resolver: VarResolver): unknown {
    if (isUnsafeText(value)) return value.text;
    if (isSecret(value)) return value.reveal();
    return typeof value === 'string' ? this.templateString(value, resolver) : value;
  }

  private deep(value: unknown, resolver: VarResolver): unknown {
    if (Array.isArray(value)) return value.map((v) => this.deep(v, resolver));
    if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [String(this.templateValue(k, resolver)), this.deep(v, resolver)]));
    return this.templateValue(value, resolver);
  }

  /** A bare expression (`when:`); a bare variable name holding an expression is that expression, as in Ansible. */
  private evaluateWith(expression: string, resolver: VarResolver): unknown {
    let expr = expression.trim();
    if (BARE_VAR.test(expr) && Object.prototype.hasOwnProperty.call(resolver.vars, expr)) {
      const value = resolver.get(expr);
      if (typeof value !== 'string' || value.trim() === '') return value;
      expr = value.trim();
    } else if (this.isTemplate(expr)) {
      const templated = this.templateString(expr, resolver);
      if (typeof templated !== 'string') return templated;
      expr = templated;
    }
    return this.templateString(`{{ ${expr} }}`, resolver);
  }

  private renderFileWith(path: string, resolver: VarResolver, extra?: Vars): string {
    const full = resolvePath(path);
    const template = this.runtime.loadTemplate(full);
    const templateVars: Vars = {
      template_path: path,
      template_fullpath: full,
      template_host: this.host.name,
      template_uid: this.host.fileOwner(full),
      template_run_date: new Date(),
      ansible_managed: this.managed,
      ...extra,
    };
    const scope = new Scope(this.context(resolver, full, templateVars));
    return keepTrailingNewlines(renderTemplateFile(full, scope, template), template.src);
  }
}

/** The controller's name and the owners of template files, looked up once per templater. */
class ControllerHost {
  readonly name = hostname();
  readonly #owners = new Map<string, string>();

  /** template_uid: the owner's user name when it is us, else the numeric uid (as ansible-core). */
  fileOwner(path: string): string {
    let owner = this.#owners.get(path);
    if (owner === undefined) {
      owner = ownerOf(path);
      this.#owners.set(path, owner);
    }
    return owner;
  }
}

function ownerOf(path: string): string {
  try {
    const uid = statSync(path).uid;
    return uid === process.getuid?.() ? userInfo().username : String(uid);
  } catch {
    return '';
  }
}
