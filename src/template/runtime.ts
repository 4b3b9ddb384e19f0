import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FilterFn, LookupFn, Runtime, TestFn } from './eval/context.js';
import { LocatedError } from './eval/scope.js';
import { syntaxError } from './errors.js';
import { filters } from './filters/index.js';
import { lookups } from './lookups/index.js';
import { parse, type Node } from './parse/index.js';
import { tests } from './tests/index.js';

// The registry of filters, tests and lookups plus template file loading for one Templater.

export function createRuntime(searchPaths: string[]): Runtime {
  return {
    filters: new Map<string, FilterFn>(Object.entries(filters)),
    tests: new Map<string, TestFn>(Object.entries(tests)),
    lookups: new Map<string, LookupFn>(Object.entries(lookups)),
    searchPaths,
    resolveTemplate(name, fromFile) {
      const bases = [...(fromFile ? [dirname(fromFile)] : []), ...searchPaths];
      const candidates = isAbsolute(name) ? [name] : bases.flatMap((b) => [resolve(b, name), resolve(b, 'templates', name)]);
      const found = candidates.find((c) => existsSync(c));
      if (!found) throw new LocatedError(`template not found: '${name}' (searched ${bases.join(', ') || 'nowhere'})`, '', 0, 0, 'error', undefined);
      return found;
    },
    loadTemplate(path) {
      // Read on every render (the parse is cached by content): a file rewritten during the
      // run must render as it is now, and file timestamps are too coarse to tell.
      const src = readFileSync(path, 'utf8');
      return { src, root: parseChecked(src, path, this) };
    },
  };
}

/** Parses and checks every filter and test name up front, as Jinja2 does at compile time. */
export function parseChecked(src: string, file: string | undefined, runtime: Runtime): Node {
  let root: Node;
  try {
    root = parse(src, file === undefined);
  } catch (error) {
    throw syntaxError(error, src, file);
  }
  checkNames(root, src, file, runtime);
  return root;
}

const checked = new WeakSet<Node>();

function checkNames(node: Node, src: string, file: string | undefined, runtime: Runtime): void {
  if (checked.has(node)) return;
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const nn = n as Node;
    if (nn.typename === 'Filter') {
      const name = filterName(String(nn.name.value));
      if (!runtime.filters.has(name)) throw new LocatedError(`template syntax error: no filter named '${nn.name.value}'`, src, nn.lineno, nn.colno, 'syntax', file);
    }
    if (nn.typename === 'Is') {
      const name = filterName(String(nn.right.name.value));
      if (!runtime.tests.has(name)) throw new LocatedError(`template syntax error: no test named '${nn.right.name.value}'`, src, nn.lineno, nn.colno, 'syntax', file);
    }
    for (const value of Object.values(nn)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object' && 'typename' in value) walk(value);
    }
  };
  walk(node);
  checked.add(node);
}

/** FQCN filters and tests (`ansible.builtin.to_json`) are the builtin ones. */
export function filterName(name: string): string {
  return name.replace(/^ansible\.(builtin|legacy|utils|netcommon)\./, '').replace(/^community\.general\./, '');
}
