import { defineSchema } from '../common/schema.js';

// community.general.npm's argument names and defaults (the subset we support).

export interface NpmArgs {
  name?: string;
  path?: string;
  version?: string;
  global: boolean;
  executable?: string;
  ignore_scripts: boolean;
  unsafe_perm: boolean;
  production: boolean;
  registry?: string;
  state: 'present' | 'absent' | 'latest';
}

export const npmSchema = defineSchema({
  name: { type: 'string', description: 'Package name, or a path to a local package directory or .tgz; without it, the dependencies of package.json in `path`.' },
  path: { type: 'string', description: 'Directory of the project (required unless global).' },
  version: { type: 'string', description: 'Exact version to install.' },
  global: { type: 'boolean', default: false, description: 'Install globally (npm -g).' },
  executable: { type: 'string', description: 'Path of the npm executable.' },
  ignore_scripts: { type: 'boolean', default: false, description: 'Do not run package scripts.' },
  unsafe_perm: { type: 'boolean', default: false, description: 'Run scripts as root (npm --unsafe-perm).' },
  production: { type: 'boolean', default: false, description: 'Skip devDependencies.' },
  registry: { type: 'string', description: 'Registry URL.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent', 'latest'], description: 'present, absent, or latest (update when outdated).' },
});
