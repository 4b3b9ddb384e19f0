import { shellQuote } from '../../facts/quote.js';
import type { Plan, Step } from '../types.js';
import { composeBase, type ComposeContainer, type DockerComposeFacts } from './facts.js';
import type { DockerComposeArgs } from './schema.js';

// community.docker.docker_compose_v2: each service is compared with what runs (container
// present, running, config-hash label equal to `config --hash`), and `up` names only the
// services that need it. `actions` lists what will happen per service, like the real module.

interface Action {
  what: 'service';
  id: string;
  status: 'Creating' | 'Recreate' | 'Starting' | 'Stopping' | 'Restarting' | 'Removing';
}

export function planDockerCompose(args: DockerComposeArgs, facts: DockerComposeFacts): Plan {
  if (!facts.compose) return { steps: [], fail: 'Docker CLI with the compose plugin not found on the host (`docker compose version` failed)' };
  if (!facts.hashes) return { steps: [], fail: `Compose configuration is invalid: ${facts.configError.trim()}` };
  const unknown = (args.services ?? []).filter((service) => !(service in (facts.hashes ?? {})));
  if (unknown.length > 0) return { steps: [], fail: `no such service: ${unknown.join(', ')}` };
  const targets = args.services ?? Object.keys(facts.hashes);
  const of = (service: string) => facts.containers.filter((c) => c.Service === service);
  switch (args.state) {
    case 'absent':
      return planDown(args, facts.containers);
    case 'stopped': {
      const running = targets.filter((s) => of(s).some((c) => c.State === 'running'));
      return simple(args, 'stop', running, 'Stopping');
    }
    case 'restarted':
      return simple(args, 'restart', targets.filter((s) => of(s).length > 0), 'Restarting');
    default:
      return planUp(args, facts.hashes, targets, facts.containers);
  }
}

function serviceAction(args: DockerComposeArgs, hash: string, containers: ComposeContainer[], service: string): Action | undefined {
  if (containers.length === 0) return { what: 'service', id: service, status: 'Creating' };
  if (args.recreate === 'always' || (args.recreate === 'auto' && containers.some((c) => c.hash !== hash))) return { what: 'service', id: service, status: 'Recreate' };
  if (containers.some((c) => c.State !== 'running')) return { what: 'service', id: service, status: 'Starting' };
  return undefined;
}

function planUp(args: DockerComposeArgs, hashes: Record<string, string>, targets: string[], containers: ComposeContainer[]): Plan {
  const actions = targets
    .map((s) => serviceAction(args, hashes[s] ?? '', containers.filter((c) => c.Service === s), s))
    .filter((a): a is Action => a !== undefined);
  const orphans = args.remove_orphans ? [...new Set(containers.filter((c) => !(c.Service in hashes)).map((c) => c.Service))] : [];
  actions.push(...orphans.map((id): Action => ({ what: 'service', id, status: 'Removing' })));
  if (actions.length === 0) return { steps: [], result: { actions: [] } };
  const words = [composeBase(args), 'up', '--detach', '--no-color', '--quiet-pull'];
  if (args.pull !== 'policy') words.push('--pull', args.pull);
  if (args.build === 'always') words.push('--build');
  if (args.build === 'never') words.push('--no-build');
  if (args.recreate === 'always') words.push('--force-recreate');
  if (args.recreate === 'never') words.push('--no-recreate');
  if (!args.dependencies) words.push('--no-deps');
  if (args.remove_orphans) words.push('--remove-orphans');
  if (args.wait) words.push('--wait', ...(args.wait_timeout !== undefined ? ['--wait-timeout', String(args.wait_timeout)] : []));
  const changing = actions.filter((a) => a.status !== 'Removing').map((a) => a.id);
  // Only orphans to remove: name the (unchanged) targets so nothing else is started.
  const services = changing.length > 0 ? changing : targets;
  words.push('--', ...services.map(shellQuote));
  return { steps: [step(args, words.join(' '))], result: { actions } };
}

function planDown(args: DockerComposeArgs, containers: ComposeContainer[]): Plan {
  if (containers.length === 0) return { steps: [], result: { actions: [] } };
  const words = [composeBase(args), 'down'];
  if (args.remove_orphans) words.push('--remove-orphans');
  if (args.remove_volumes) words.push('--volumes');
  if (args.remove_images) words.push('--rmi', args.remove_images);
  const actions = [...new Set(containers.map((c) => c.Service))].map((id): Action => ({ what: 'service', id, status: 'Removing' }));
  return { steps: [step(args, words.join(' '))], result: { actions } };
}

function simple(args: DockerComposeArgs, verb: 'stop' | 'restart', services: string[], status: Action['status']): Plan {
  if (services.length === 0) return { steps: [], result: { actions: [] } };
  const command = `${composeBase(args)} ${verb} -- ${services.map(shellQuote).join(' ')}`;
  return { steps: [step(args, command)], result: { actions: services.map((id): Action => ({ what: 'service', id, status })) } };
}

const step = (args: DockerComposeArgs, command: string): Step => ({ kind: 'exec', command, cwd: args.project_src });
