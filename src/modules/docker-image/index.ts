import type { Module } from '../types.js';
import { dockerImageFact, imageRef, type DockerImageFacts } from './facts.js';
import { planDockerImage } from './plan.js';
import { dockerImageSchema, type DockerImageArgs } from './schema.js';

// Needs Docker Engine on the target; this module only drives the docker CLI there.
export const dockerImageModule: Module<DockerImageArgs, DockerImageFacts> = {
  name: 'community.docker.docker_image',
  aliases: ['docker_image'],
  schema: dockerImageSchema,
  description: 'Pull, build (rebuilt only when the context changes) or remove a Docker image.',
  async gather(args, ctx) {
    const buildPath = args.source === 'build' && args.state === 'present' ? args.build?.path : undefined;
    const [facts] = await ctx.facts.read([dockerImageFact(imageRef(args.name, args.tag).ref, buildPath)]);
    return facts;
  },
  plan: (args, facts) => planDockerImage(args, facts),
};
