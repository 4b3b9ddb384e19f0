import type { FilterFn } from '../eval/context.js';
import { coreFilters } from './core.js';
import { dictFilters } from './dicts.js';
import { hashFilters } from './hash.js';
import { listFilters } from './lists.js';
import { randomFilters } from './random.js';
import { regexFilters } from './regex.js';
import { serializeFilters } from './serialize.js';
import { stringFilters } from './strings.js';

// Every filter a template can use, by family. Unknown names fail when the template is parsed.
export const filters: Record<string, FilterFn> = {
  ...coreFilters,
  ...stringFilters,
  ...regexFilters,
  ...listFilters,
  ...dictFilters,
  ...serializeFilters,
  ...hashFilters,
  ...randomFilters,
};
