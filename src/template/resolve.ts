import { TemplateError } from '../errors.js';
import { Secret } from '../secret.js';
import { UnsafeText } from '../yaml/unsafe.js';
import type { Vars } from '../playbook/model.js';
import { LazyMapping, Undefined, UndefinedError, isDict } from './py/values.js';
import { LocatedError } from './eval/scope.js';

// Variables whose values are templates (`b: "{{ a }}"`) are templated when first used, as
// Ansible does, within one top-level templating call; a variable that needs itself is a loop.

export const MISSING: unique symbol = Symbol('missing');

/**
 * What one templating read: each variable's raw value (MISSING when there was none), and
 * whether it used anything else (a lookup, `hostvars`, a random filter, the controller's
 * files), which makes the result unrepeatable. The runner reuses a result when every read
 * variable still holds the same raw value (readsHold).
 */
export interface ReadTracker {
  reads: Map<string, unknown>;
  impure: boolean;
}

export class VarResolver {
  private readonly cache = new Map<string, unknown>();
  private readonly resolving: string[] = [];

  constructor(
    readonly vars: Vars,
    private readonly templateValue: (src: string, resolver: VarResolver) => unknown,
    private readonly isTemplate: (value: string) => boolean,
    private readonly tracker?: ReadTracker,
  ) {}

  /** Something other than the variables decided the result (see ReadTracker). */
  noteImpure(): void {
    if (this.tracker) this.tracker.impure = true;
  }

  get(name: string): unknown {
    if (this.tracker && !this.tracker.reads.has(name)) this.tracker.reads.set(name, rawValue(this.vars, name));
    if (this.cache.has(name)) return this.cache.get(name);
    if (!Object.prototype.hasOwnProperty.call(this.vars, name)) return MISSING;
    const raw = this.vars[name];
    if (this.resolving.includes(name)) {
      throw new TemplateError('template-recursion', `recursive loop detected in template string: ${describe(raw)}`, {
        hint: `variable '${name}' refers to itself through ${[...this.resolving, name].join(' -> ')}`,
      });
    }
    this.resolving.push(name);
    try {
      // hostvars is one object whose entries change as other hosts run: never repeatable.
      if (name === 'hostvars') this.noteImpure();
      const value = name === 'hostvars' && isDict(raw) ? this.hostvars(raw) : this.resolve(raw);
      this.cache.set(name, value);
      return value;
    } catch (error) {
      // Like ansible-core's AnsibleJ2Vars: a variable whose template uses an undefined name is
      // itself undefined, so `x is defined` and `x | default(...)` still work on it.
      if (!isUndefinedFailure(error)) throw error;
      const undefinedValue = new Undefined(`${describe(raw)}: ${(error as Error).message}`, name);
      this.cache.set(name, undefinedValue);
      return undefinedValue;
    } finally {
      this.resolving.pop();
    }
  }

  /** hostvars[host].x is templated with that host's variables, when read (as Ansible's HostVars). */
  private hostvars(raw: Record<string, unknown>): LazyMapping {
    const resolvers = new Map<string, VarResolver>();
    const forHost = (host: string): LazyMapping => {
      let r = resolvers.get(host);
      if (!r) {
        const vars = raw[host];
        r = new VarResolver(isDict(vars) ? vars : {}, this.templateValue, this.isTemplate);
        resolvers.set(host, r);
      }
      const resolver = r;
      return new LazyMapping((k) => resolver.get(k), () => Object.keys(resolver.vars), (k) => Object.prototype.hasOwnProperty.call(resolver.vars, k));
    };
    return new LazyMapping(forHost, () => Object.keys(raw), (h) => Object.prototype.hasOwnProperty.call(raw, h));
  }

  /** Reveals secrets, unwraps `!unsafe` text untemplated, and templates strings deeply. */
  resolve(raw: unknown): unknown {
    if (typeof raw === 'string') return this.isTemplate(raw) ? this.templateValue(raw, this) : raw;
    if (raw instanceof Secret) return raw.reveal();
    if (raw instanceof UnsafeText) return raw.text;
    if (Array.isArray(raw)) return raw.map((item) => this.resolve(item));
    if (isDict(raw)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) out[this.isTemplate(k) ? String(this.templateValue(k, this)) : k] = this.resolve(v);
      return out;
    }
    return raw;
  }
}

function rawValue(vars: Vars, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : MISSING;
}

/** True when templating with `vars` would read exactly what the tracked templating read. */
export function readsHold(reads: ReadonlyMap<string, unknown>, vars: Vars): boolean {
  for (const [name, raw] of reads) {
    if (rawValue(vars, name) !== raw) return false;
  }
  return true;
}

function isUndefinedFailure(error: unknown): boolean {
  return error instanceof UndefinedError || (error instanceof LocatedError && error.kind === 'undefined');
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
