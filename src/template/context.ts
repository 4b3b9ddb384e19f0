import type { Vars } from '../playbook/model.js';
import { OMIT } from './types.js';
import type { RenderContext, Runtime } from './eval/context.js';
import { runLookup } from './lookups/run.js';
import { PyFunction, type Kwargs } from './py/callable.js';
import { LazyMapping, Undefined, num } from './py/values.js';
import { MISSING, type VarResolver } from './resolve.js';
import { filterName } from './runtime.js';

// The per-render context: variable lookup (extra template vars, then the play's variables,
// then Jinja/Ansible globals), and filter/test dispatch with Undefined checks.

interface ContextParts {
  runtime: Runtime;
  resolver: VarResolver;
  file: string | undefined;
  extra: Vars | undefined;
  templateString: (src: string) => unknown;
  renderFile: (path: string, extra?: Vars) => string;
}

/** Filters and tests that look at an Undefined rather than fail on it. */
const FILTERS_TAKING_UNDEFINED = new Set(['default', 'd', 'mandatory', 'type_debug']);
/** Filters, tests and globals whose result is not decided by their arguments alone (randomness, time, controller files). */
const IMPURE_FILTERS = new Set(['random', 'shuffle', 'random_uuid', 'password_hash', 'random_mac']);
const IMPURE_TESTS = new Set(['exists', 'file', 'directory', 'link', 'link_exists', 'mount', 'same_file']);
const IMPURE_GLOBALS = new Set(['vars', 'lookup', 'query', 'q', 'now']);
const TESTS_TAKING_UNDEFINED = new Set(['defined', 'undefined', 'none', 'string', 'number', 'integer', 'float', 'mapping', 'sequence', 'iterable', 'boolean', 'true', 'false', 'callable', 'sameas']);

export function makeContext(parts: ContextParts): RenderContext {
  const { runtime, resolver, extra } = parts;
  const ctx: RenderContext = {
    runtime,
    file: parts.file,
    templateString: parts.templateString,
    renderFile: parts.renderFile,
    lookupVar(name) {
      if (extra && Object.prototype.hasOwnProperty.call(extra, name)) return resolver.resolve(extra[name]);
      const value = resolver.get(name);
      if (value !== MISSING) return value;
      if (IMPURE_GLOBALS.has(name)) resolver.noteImpure();
      const global = globals(ctx)[name];
      return global !== undefined ? global : new Undefined(`'${name}' is undefined`, name);
    },
    varNames: () => {
      resolver.noteImpure();
      return [...new Set([...Object.keys(extra ?? {}), ...Object.keys(resolver.vars)])];
    },
    callFilter(name, value, args, kwargs = {}) {
      const key = filterName(name);
      const filter = runtime.filters.get(key);
      if (!filter) throw new SyntaxError(`no filter named '${name}'`);
      if (IMPURE_FILTERS.has(key)) resolver.noteImpure();
      if (value instanceof Undefined && !FILTERS_TAKING_UNDEFINED.has(key)) value.fail();
      return filter(ctx, value instanceof LazyMapping ? value.toDict() : value, args, kwargs);
    },
    callTest(name, value, args, kwargs = {}) {
      const key = filterName(name);
      const test = runtime.tests.get(key);
      if (!test) throw new SyntaxError(`no test named '${name}'`);
      if (IMPURE_TESTS.has(key)) resolver.noteImpure();
      if (value instanceof Undefined && !TESTS_TAKING_UNDEFINED.has(key)) value.fail();
      return test(ctx, value, args, kwargs);
    },
  };
  return ctx;
}

const globalsCache = new WeakMap<RenderContext, Record<string, unknown>>();

function globals(ctx: RenderContext): Record<string, unknown> {
  let g = globalsCache.get(ctx);
  if (!g) {
    g = {
      omit: OMIT,
      vars: new LazyMapping((k) => ctx.lookupVar(k), () => ctx.varNames(), (k) => !(ctx.lookupVar(k) instanceof Undefined)),
      range: new PyFunction('range', (args) => range(args.map(num))),
      lookup: new PyFunction('lookup', (args, kwargs) => runLookup(ctx, args, kwargs, false)),
      query: new PyFunction('query', (args, kwargs) => runLookup(ctx, args, kwargs, true)),
      q: new PyFunction('q', (args, kwargs) => runLookup(ctx, args, kwargs, true)),
      dict: new PyFunction('dict', (args, kwargs: Kwargs) => ({ ...(args[0] && Array.isArray(args[0]) ? Object.fromEntries(args[0] as Array<[string, unknown]>) : (args[0] as object | undefined)), ...kwargs })),
      namespace: new PyFunction('namespace', (args, kwargs: Kwargs) => ({ ...(args[0] as object | undefined), ...kwargs })),
      undef: new PyFunction('undef', (args) => new Undefined(String(args[0] ?? 'undefined via undef()'), '')),
      now: new PyFunction('now', () => new Date()),
    };
    globalsCache.set(ctx, g);
  }
  return g;
}

function range(args: number[]): number[] {
  const [start, stop, step] = args.length === 1 ? [0, args[0] ?? 0, 1] : [args[0] ?? 0, args[1] ?? 0, args[2] ?? 1];
  if (step === 0) throw new RangeError('range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  if (out.length > 100000) throw new RangeError('range too big');
  return out;
}
