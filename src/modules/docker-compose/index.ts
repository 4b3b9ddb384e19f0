import type { Module } from '../types.js';
import { dockerComposeFact, type DockerComposeFacts } from './facts.js';
import { planDockerCompose } from './plan.js';
import { dockerComposeSchema, type DockerComposeArgs } from './schema.js';

// Needs Docker Engine and the compose plugin on the target; this module only drives the CLI.
export const dockerComposeModule: Module<DockerComposeArgs, DockerComposeFacts> = {
  name: 'community.docker.docker_compose_v2',
  aliases: ['docker_compose_v2'],
  schema: dockerComposeSchema,
  description: 'Bring a Docker Compose project up (only services whose config changed), stop, restart or remove it.',
  async gather(args, ctx) {
    const [facts] = await ctx.facts.read([dockerComposeFact(args)]);
    return facts;
  },
  plan: (args, facts) => planDockerCompose(args, facts),
};
