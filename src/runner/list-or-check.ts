import type { Inventory } from '../inventory/index.js';
import { listPlaybook } from '../playbook/listing.js';
import type { Playbook } from '../playbook/model.js';
import type { ApplyOptions } from './apply-options.js';

// --syntax-check / --list-hosts / --list-tasks / --list-tags: answered by the loader's
// listing (src/playbook/listing.ts) from the loaded playbook, without connecting anywhere.
// The playbook is already loaded (every load-time check passed) when this runs.

export function listOrCheck(options: ApplyOptions, playbook: Playbook, inventory: Inventory): string | undefined {
  if (options.syntaxCheck) return `\nplaybook: ${options.playbook}\n`;
  if (!options.list) return undefined;
  return listPlaybook(playbook, {
    tasks: options.list === 'tasks',
    tags: options.list === 'tags',
    hosts: options.list === 'hosts',
    inventory,
    limit: options.limit,
    selection: { tags: options.tags, skipTags: options.skipTags },
    displayName: options.playbook,
  });
}
