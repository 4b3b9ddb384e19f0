import type { Kwargs } from '../py/callable.js';
import type { RenderContext } from '../eval/context.js';
import { filterName } from '../runtime.js';

// lookup()/query() with Ansible's result shaping: lookup joins string results with commas
// unless wantlist=True; query always returns a list; errors='ignore' swallows failures.

export function runLookup(ctx: RenderContext, args: unknown[], kwargs: Kwargs, wantlist: boolean): unknown {
  const [name, ...terms] = args;
  const { wantlist: wl, errors = 'strict', ...rest } = kwargs;
  const lookup = ctx.runtime.lookups.get(filterName(String(name)));
  if (!lookup) throw new Error(`lookup plugin (${String(name)}) not found`);
  let results: unknown[];
  try {
    results = lookup(ctx, terms, rest);
  } catch (error) {
    if (errors === 'ignore') return wantlist || wl ? [] : null;
    if (errors === 'warn') return wantlist || wl ? [] : null;
    throw new Error(`An unhandled exception occurred while running the lookup plugin '${String(name)}'. Error was: ${(error as Error).message}`);
  }
  if (wantlist || wl) return results;
  if (results.every((r) => typeof r === 'string')) return results.join(',');
  return results.length === 1 ? results[0] : results;
}
