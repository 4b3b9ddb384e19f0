import type { SourcePos } from '../errors.js';
import type { Vars } from '../playbook/model.js';

// The template engine as the rest of the code sees it. Nunjucks plus a Jinja2/Ansible
// compatibility layer live behind this interface (src/template/).

export interface Templater {
  /**
   * Templates a string with Ansible's semantics. A string that is exactly one `{{ expr }}`
   * returns the expression's native value (list, dict, bool, number); anything else returns
   * a string. Variables whose values are themselves templates are resolved lazily on access.
   * Throws TemplateError (undefined variable, syntax) naming `where`, the variable and a snippet.
   */
  template(value: string, vars: Vars, where?: SourcePos | string): unknown;
  /** Templates every string inside lists/dicts, leaving other values alone. */
  templateDeep<T>(value: T, vars: Vars, where?: SourcePos | string): T;
  /**
   * templateDeep, also telling which variables it read (name → raw value, as readsHold in
   * resolve.ts checks them); `reads` is undefined when the result depends on more than the
   * variables (lookups, hostvars, random filters, controller files) and must not be reused.
   */
  templateDeepTracked<T>(value: T, vars: Vars, where?: SourcePos | string): Tracked<T>;
  /** Evaluates a bare Jinja expression (`when:`, `changed_when:`, `that:`), returning its value. */
  evaluate(expression: string, vars: Vars, where?: SourcePos | string): unknown;
  /** Evaluates a condition with Jinja truthiness. */
  condition(expression: string | boolean, vars: Vars, where?: SourcePos | string): boolean;
  /** Renders a template file (the `template` module, `lookup('template')`). */
  renderFile(path: string, vars: Vars): string;
  /** True when the string contains Jinja syntax. */
  isTemplate(value: string): boolean;
}

export interface Tracked<T> {
  value: T;
  reads: ReadonlyMap<string, unknown> | undefined;
}

/**
 * Marker Ansible's `omit` variable renders to; an argument whose value is exactly this is dropped.
 * Exposed to templates as the variable `omit`.
 */
export const OMIT = '__omit_place_holder__claw_provision__';
