import type { RenderContext } from './context.js';

// Jinja2 scoping: a for-loop body and a macro get their own scope; `set` writes to the
// innermost one, so an assignment inside a loop does not leak out of it.
export class Scope {
  private readonly own = new Map<string, unknown>();

  constructor(
    readonly ctx: RenderContext,
    readonly parent: Scope | undefined = undefined,
  ) {}

  get(name: string): unknown {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.own.has(name)) return s.own.get(name);
    }
    return this.ctx.lookupVar(name);
  }

  set(name: string, value: unknown): void {
    this.own.set(name, value);
  }

  child(): Scope {
    return new Scope(this.ctx, this);
  }

  /** The names set at this level (for `{% import %}` modules). */
  exported(): Record<string, unknown> {
    return Object.fromEntries(this.own);
  }
}

/** An error pinned to a line of a template source. */
export class LocatedError extends Error {
  constructor(
    message: string,
    readonly src: string,
    readonly lineno: number,
    readonly colno: number,
    readonly kind: 'undefined' | 'syntax' | 'error',
    /** The template file, when the failing source is a file (includes report their own file). */
    readonly file: string | undefined,
  ) {
    super(message);
  }
}
