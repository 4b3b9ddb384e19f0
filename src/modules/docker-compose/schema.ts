import { defineSchema } from '../common/schema.js';

// community.docker.docker_compose_v2's argument names and defaults (the subset we support).

export interface DockerComposeArgs {
  project_src: string;
  project_name?: string;
  files?: string[];
  env_files?: string[];
  profiles?: string[];
  state: 'present' | 'absent' | 'stopped' | 'restarted';
  services?: string[];
  dependencies: boolean;
  pull: 'always' | 'missing' | 'never' | 'policy';
  build: 'always' | 'never' | 'policy';
  recreate: 'always' | 'never' | 'auto';
  remove_orphans: boolean;
  remove_volumes: boolean;
  remove_images?: 'all' | 'local';
  wait: boolean;
  wait_timeout?: number;
}

export const dockerComposeSchema = defineSchema({
  project_src: { type: 'string', required: true, description: 'Directory holding the Compose files.' },
  project_name: { type: 'string', description: 'Project name (default: the directory name).' },
  files: { type: 'array', items: 'string', description: 'Compose files, relative to project_src.' },
  env_files: { type: 'array', items: 'string', description: 'Environment files for interpolation.' },
  profiles: { type: 'array', items: 'string', description: 'Profiles to enable.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent', 'stopped', 'restarted'], description: 'present = up to date and running; absent = down; stopped; restarted.' },
  services: { type: 'array', items: 'string', description: 'Only these services (default: all).' },
  dependencies: { type: 'boolean', default: true, description: 'Also start the services they depend on.' },
  pull: { type: 'string', default: 'policy', choices: ['always', 'missing', 'never', 'policy'], description: 'Image pull policy passed to `up --pull` (policy = the file\'s pull_policy).' },
  build: { type: 'string', default: 'policy', choices: ['always', 'never', 'policy'], description: 'always = `up --build`, never = `--no-build`.' },
  recreate: { type: 'string', default: 'auto', choices: ['always', 'never', 'auto'], description: 'auto recreates containers whose configuration changed.' },
  remove_orphans: { type: 'boolean', default: false, description: 'Remove containers of services no longer in the files.' },
  remove_volumes: { type: 'boolean', default: false, description: 'With state=absent, also remove volumes.' },
  remove_images: { type: 'string', choices: ['all', 'local'], description: 'With state=absent, also remove images.' },
  wait: { type: 'boolean', default: false, description: 'Wait until services are running/healthy (`up --wait`).' },
  wait_timeout: { type: 'integer', description: 'Seconds for `--wait`.' },
});
