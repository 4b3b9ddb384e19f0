import type { Kwargs } from '../py/callable.js';
import type { Node } from '../parse/index.js';

// What the evaluator, filters, tests and lookups share during one render.

export type FilterFn = (ctx: RenderContext, value: unknown, args: unknown[], kwargs: Kwargs) => unknown;
export type TestFn = (ctx: RenderContext, value: unknown, args: unknown[], kwargs: Kwargs) => boolean;
export type LookupFn = (ctx: RenderContext, terms: unknown[], kwargs: Kwargs) => unknown[];

export interface Runtime {
  filters: Map<string, FilterFn>;
  tests: Map<string, TestFn>;
  lookups: Map<string, LookupFn>;
  /** Finds an included/imported template: relative to the including file, then the search paths. */
  resolveTemplate(name: string, fromFile: string | undefined): string;
  /** Reads and parses a template file. */
  loadTemplate(path: string): { src: string; root: Node };
  /** Search paths for controller-side files (lookup('file'), first_found). */
  searchPaths: string[];
}

export interface RenderContext {
  runtime: Runtime;
  /** A variable by name, templated lazily; an Undefined when missing. */
  lookupVar(name: string): unknown;
  /** All variable names visible (for lookup('vars') and `vars`). */
  varNames(): string[];
  /** Templates a string with the same variables (lookup('template') uses renderFile instead). */
  templateString(src: string): unknown;
  /** Renders a template file with the same variables. */
  renderFile(path: string, extra?: Record<string, unknown>): string;
  /** The file being rendered, when there is one. */
  file: string | undefined;
  callFilter(name: string, value: unknown, args: unknown[], kwargs?: Kwargs): unknown;
  callTest(name: string, value: unknown, args: unknown[], kwargs?: Kwargs): boolean;
}
