import { defineSchema } from '../common/schema.js';

export const aptRepositorySchema = defineSchema({
  repo: { type: 'string', required: true, description: 'A one-line source: "deb [options] URI suite [components]" (ppa: is not supported).' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Whether the source is listed (absent removes it from every file).' },
  filename: { type: 'string', description: 'File name in /etc/apt/sources.list.d without ".list" (derived from the URI by default).' },
  mode: { type: 'mode', description: 'Mode of a newly created .list file (default 0644).' },
  update_cache: { type: 'boolean', default: true, aliases: ['update-cache'], description: 'Run `apt-get update` after a change.' },
  update_cache_retries: { type: 'integer', default: 5, description: 'Attempts of the cache update.' },
  validate_certs: { type: 'boolean', default: true, description: 'Accepted for compatibility (only used for PPAs, which are not supported).' },
  install_python_apt: { type: 'boolean', default: true, description: 'Accepted for compatibility; no Python is needed on the host.' },
});

export interface AptRepositoryArgs {
  repo: string;
  state: 'present' | 'absent';
  filename?: string;
  mode?: string | number;
  update_cache: boolean;
  update_cache_retries: number;
  validate_certs: boolean;
  install_python_apt: boolean;
}
