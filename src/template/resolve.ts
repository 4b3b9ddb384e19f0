import { TemplateError } from '../errors.js';
import { Secret } from '../secret.js';
import { UnsafeText } from '../yaml/unsafe.js';
import type { Vars } from '../playbook/model.js';
import { isDict } from './py/values.js';

// Variables whose values are templates (`b: "{{ a }}"`) are templated when first used, as
// Ansible does, within one top-level templating call; a variable that needs itself is a loop.

export const MISSING: unique symbol = Symbol('missing');

export class VarResolver {
  private readonly cache = new Map<string, unknown>();
  private readonly resolving: string[] = [];

  constructor(
    readonly vars: Vars,
    private readonly templateValue: (src: string, resolver: VarResolver) => unknown,
    private readonly isTemplate: (value: string) => boolean,
  ) {}

  get(name: string): unknown {
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
      const value = this.resolve(raw);
      this.cache.set(name, value);
      return value;
    } finally {
      this.resolving.pop();
    }
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

function describe(raw: unknown): string {
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
