import { createHash } from 'node:crypto';
import { shellQuote } from '../../facts/quote.js';
import type { ModuleResult, Plan, Step, StepOutput } from '../types.js';
import { CONTEXT_LABEL, imageRef, type DockerImageFacts } from './facts.js';
import { BUILD_KEYS, type DockerBuildArgs, type DockerImageArgs } from './schema.js';

// community.docker.docker_image, idempotent by image ID; a built image carries a label with the
// hash of its context + Dockerfile + build args, so an unchanged context is never rebuilt.
// A forced pull/build of an existing image is changed only if the image ID moved.

const INSPECT_ID = (ref: string) => `docker image inspect --format '{{.Id}}' ${shellQuote(ref)}`;

export function planDockerImage(args: DockerImageArgs, facts: DockerImageFacts): Plan {
  const bad = Object.keys(args.build ?? {}).filter((key) => !BUILD_KEYS.includes(key));
  if (bad.length > 0) return { steps: [], fail: `Unsupported parameters for (docker_image) module: ${bad.map((key) => `build.${key}`).join(', ')}` };
  if (!facts.docker) return { steps: [], fail: 'Cannot find the docker executable on the host (install Docker Engine first)' };
  const { ref } = imageRef(args.name, args.tag);
  if (args.state === 'absent') return planAbsent(args, facts, ref);
  const image = facts.id ? { Id: facts.id } : null;
  if (args.source === 'build') return planBuild(args, facts, ref, image);
  if (facts.id && !args.force_source) return { steps: [], result: { image, actions: [] } };
  if (args.source === 'local' || args.source === undefined) {
    if (facts.id) return { steps: [], result: { image, actions: [] } };
    return { steps: [], fail: args.source === 'local' ? `Cannot find the image ${ref} locally.` : 'Cannot find image: source is not set (use source: pull, build or local)' };
  }
  const steps: Step[] = [{ kind: 'exec', command: `docker pull ${shellQuote(ref)}` }, { kind: 'exec', command: INSPECT_ID(ref) }];
  return { steps, result: { image, actions: [`Pulled image ${ref}`] }, collect: (outputs) => afterwards(facts.id, outputs) };
}

function planAbsent(args: DockerImageArgs, facts: DockerImageFacts, ref: string): Plan {
  if (!facts.id) return { steps: [], result: { image: null, actions: [] } };
  const force = args.force_absent ? ' --force' : '';
  return { steps: [{ kind: 'exec', command: `docker image rm${force} ${shellQuote(ref)}` }], result: { image: null, actions: [`Removed image ${ref}`] } };
}

function planBuild(args: DockerImageArgs, facts: DockerImageFacts, ref: string, image: { Id: string } | null): Plan {
  const build = args.build ?? {};
  if (!build.path) return { steps: [], fail: 'state is present but all of the following are missing: build.path' };
  if (facts.contextHash === undefined) return { steps: [], fail: `Error building ${ref}: build path ${build.path} does not exist on the host` };
  const hash = contextHash(facts.contextHash, build);
  if (facts.id && facts.label === hash && !args.force_source) return { steps: [], result: { image, actions: [] } };
  const words = ['docker', 'build', '-t', shellQuote(ref)];
  if (build.dockerfile) words.push('-f', shellQuote(build.dockerfile.startsWith('/') ? build.dockerfile : `${build.path}/${build.dockerfile}`));
  if (build.pull) words.push('--pull');
  if (build.nocache) words.push('--no-cache');
  if (build.platform) words.push('--platform', shellQuote(build.platform));
  if (build.target) words.push('--target', shellQuote(build.target));
  if (build.network) words.push('--network', shellQuote(build.network));
  for (const [key, value] of Object.entries(build.args ?? {})) words.push('--build-arg', shellQuote(`${key}=${String(value)}`));
  words.push('--label', shellQuote(`${CONTEXT_LABEL}=${hash}`), shellQuote(build.path));
  const steps: Step[] = [{ kind: 'exec', command: words.join(' ') }, { kind: 'exec', command: INSPECT_ID(ref) }];
  // Same context rebuilt by force: only a new image ID is a change.
  const sameContext = facts.id !== undefined && facts.label === hash;
  return {
    steps,
    result: { image, actions: [`Built image ${ref} from ${build.path}`] },
    collect: (outputs) => afterwards(sameContext ? facts.id : undefined, outputs),
  };
}

/** The label value: context files plus everything else that shapes the image. */
export function contextHash(files: string, build: DockerBuildArgs): string {
  const args = Object.entries(build.args ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const inputs = { files, dockerfile: build.dockerfile ?? 'Dockerfile', args, target: build.target ?? '', platform: build.platform ?? '' };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

function afterwards(previousId: string | undefined, outputs: StepOutput[]): Partial<ModuleResult> {
  const id = outputs[1]?.stdout.trim();
  if (!id) return {};
  const fields: Partial<ModuleResult> = { image: { Id: id } };
  if (previousId !== undefined && id === previousId) return { ...fields, changed: false, actions: [] };
  return fields;
}
