import { defineSchema } from '../common/schema.js';

// community.docker.docker_image's argument names and defaults (the subset we support).

export interface DockerBuildArgs {
  path?: string;
  dockerfile?: string;
  args?: Record<string, unknown>;
  pull?: boolean;
  nocache?: boolean;
  platform?: string;
  target?: string;
  network?: string;
}

export const BUILD_KEYS = ['path', 'dockerfile', 'args', 'pull', 'nocache', 'platform', 'target', 'network'];

export interface DockerImageArgs {
  name: string;
  tag: string;
  source?: 'build' | 'pull' | 'local';
  build?: DockerBuildArgs;
  force_source: boolean;
  force_absent: boolean;
  state: 'present' | 'absent';
}

export const dockerImageSchema = defineSchema({
  name: { type: 'string', required: true, description: 'Image repository, optionally with :tag.' },
  tag: { type: 'string', default: 'latest', description: 'Tag (a tag in `name` wins).' },
  source: { type: 'string', choices: ['build', 'pull', 'local'], description: 'Where the image comes from when missing: build, pull or local (must exist).' },
  build: { type: 'object', description: 'Build options: path, dockerfile, args, pull, nocache, platform, target, network.' },
  force_source: { type: 'boolean', default: false, description: 'Pull or build again even if the image exists (changed only when the image ID changes).' },
  force_absent: { type: 'boolean', default: false, description: 'Remove the image even when containers or other tags use it.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Whether the image exists.' },
});
