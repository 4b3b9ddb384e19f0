import { defineSchema } from '../common/schema.js';

export const aptSchema = defineSchema({
  name: {
    type: 'array',
    aliases: ['pkg', 'package'],
    description: 'Package names (list or comma-separated); `name=version` pins a version (a trailing * matches a prefix).',
  },
  state: { type: 'string', default: 'present', choices: ['present', 'absent', 'latest'], description: 'Installed, removed, or upgraded to the candidate version.' },
  update_cache: { type: 'boolean', default: false, aliases: ['update-cache'], description: 'Run `apt-get update` first (subject to cache_valid_time).' },
  cache_valid_time: { type: 'integer', default: 0, description: 'Skip the cache update when it is younger than this many seconds (implies update_cache).' },
  install_recommends: { type: 'boolean', aliases: ['install-recommends'], description: 'Install recommended packages too (default: apt configuration).' },
  purge: { type: 'boolean', default: false, description: 'With state=absent: also remove configuration files (--purge).' },
  autoremove: { type: 'boolean', default: false, description: 'With state=absent: also remove dependencies nothing needs any more (--auto-remove).' },
  dpkg_options: { type: 'string', default: 'force-confdef,force-confold', description: 'Comma-separated dpkg options, each passed as -o Dpkg::Options::=--OPTION.' },
  lock_timeout: { type: 'integer', default: 60, description: 'Seconds to wait for the dpkg lock (DPkg::Lock::Timeout).' },
});

export interface AptArgs {
  name?: string[];
  state: 'present' | 'absent' | 'latest';
  update_cache: boolean;
  cache_valid_time: number;
  install_recommends?: boolean;
  purge: boolean;
  autoremove: boolean;
  dpkg_options: string;
  lock_timeout: number;
}
