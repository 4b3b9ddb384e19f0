import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { LookupFn, RenderContext } from '../eval/context.js';
import { pyStr } from '../py/repr.js';
import { Undefined, defined, isDict } from '../py/values.js';

// Controller-side lookups. They read the controller's files and environment, never the target.

/** Ansible's lookup search: the current role, then the search paths (each with files/ or templates/), then cwd. */
function findFile(ctx: RenderContext, name: string, subdir: string): string | undefined {
  if (isAbsolute(name)) return existsSync(name) ? name : undefined;
  const rolePath = ctx.lookupVar('role_path');
  const bases = [...(typeof rolePath === 'string' ? [rolePath] : []), ...ctx.runtime.searchPaths, process.cwd()];
  for (const base of bases) {
    for (const candidate of [resolve(base, subdir, name), resolve(base, name)]) if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function terms(values: unknown[]): string[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v) => pyStr(defined(v)));
}

export const lookups: Record<string, LookupFn> = {
  file: (ctx, values, kwargs) =>
    terms(values).map((name) => {
      const path = findFile(ctx, name, 'files');
      if (!path) throw new Error(`could not locate file in lookup: ${name}`);
      const text = readFileSync(path, 'utf8');
      // Ansible strips trailing whitespace unless rstrip=False (and leading with lstrip=True).
      const r = kwargs.rstrip === false ? text : text.trimEnd();
      return kwargs.lstrip === true ? r.trimStart() : r;
    }),
  env: (_ctx, values, kwargs) => terms(values).map((name) => process.env[name] ?? (kwargs.default === undefined ? '' : pyStr(kwargs.default))),
  template: (ctx, values, kwargs) =>
    terms(values).map((name) => {
      const path = findFile(ctx, name, 'templates');
      if (!path) throw new Error(`could not locate file in lookup: ${name}`);
      return ctx.renderFile(path, isDict(kwargs.template_vars) ? kwargs.template_vars : undefined);
    }),
  first_found: (ctx, values, kwargs) => {
    const specs = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
    const files: string[] = [];
    const paths: string[] = [];
    for (const spec of specs) {
      if (isDict(spec)) {
        files.push(...terms([spec.files ?? []]));
        paths.push(...terms([spec.paths ?? []]));
      } else files.push(pyStr(defined(spec)));
    }
    for (const file of files) {
      const found = paths.length ? paths.map((p) => resolve(p, file)).find((p) => existsSync(p)) : findFile(ctx, file, 'files');
      if (found) return [found];
    }
    if (kwargs.skip === true) return [];
    throw new Error('No file was found when using first_found.');
  },
  pipe: (_ctx, values) => terms(values).map((cmd) => execFileSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' }).replace(/\n+$/, '')),
  vars: (ctx, values, kwargs) =>
    terms(values).map((name) => {
      const value = ctx.lookupVar(name);
      if (value instanceof Undefined) {
        if (kwargs.default !== undefined) return kwargs.default;
        throw new Error(`No variable found with this name: ${name}`);
      }
      return value;
    }),
  varnames: (ctx, values) => {
    const patterns = terms(values).map((p) => new RegExp(p));
    return ctx.varNames().filter((n) => patterns.some((re) => re.test(n)));
  },
  items: (_ctx, values) => values.flatMap((v) => (Array.isArray(v) ? v : [v])),
  list: (_ctx, values) => values,
  indexed_items: (_ctx, values) => values.flatMap((v) => (Array.isArray(v) ? v : [v])).map((v, i) => [i, v]),
  dict: (_ctx, values) => values.flatMap((v) => Object.entries(defined(v) as object).map(([key, value]) => ({ key, value }))),
  lines: (_ctx, values) => terms(values).flatMap((cmd) => execFileSync('/bin/sh', ['-c', cmd], { encoding: 'utf8' }).split('\n').filter((l, i, a) => i < a.length - 1 || l !== '')),
};
