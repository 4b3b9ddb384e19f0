import { shellQuote } from '../../facts/quote.js';
import type { Plan, Step } from '../types.js';
import type { NpmFacts } from './facts.js';
import { isLocalPackage } from './facts.js';
import type { NpmArgs } from './schema.js';

// community.general.npm: a package counts as installed when `npm ls` lists it without
// missing/invalid (and at `version` when one is asked); latest also updates what is outdated.

export function planNpm(args: NpmArgs, facts: NpmFacts): Plan {
  if (!args.path && !args.global) return { steps: [], fail: 'path must be specified when not using global' };
  if (args.state === 'absent' && !args.name) return { steps: [], fail: 'uninstalling a package is only available for named packages' };
  if (!facts.npm) return { steps: [], fail: `Failed to find required executable "${args.executable ?? 'npm'}" in paths` };
  const local = args.name !== undefined && isLocalPackage(args.name);
  if (local && !facts.local?.name) return { steps: [], fail: `Cannot read package.json of the local package ${args.name ?? ''}` };
  const name = local ? (facts.local?.name ?? '') : args.name;
  const version = local ? facts.local?.version : args.version;
  const deps = facts.dependencies;
  const ok = (dep: string) => deps[dep] !== undefined && !deps[dep]?.missing && !deps[dep]?.invalid;
  const missing = name ? !ok(name) || (version !== undefined && deps[name]?.version !== version) : Object.keys(deps).some((dep) => !ok(dep));
  const steps: Step[] = [];
  if (args.state === 'absent') {
    if (name && deps[name] !== undefined) steps.push(npmStep(args, ['uninstall'], name));
  } else {
    if (missing) steps.push(npmStep(args, ['install'], packageSpec(args)));
    const outdated = name ? facts.outdated[name] !== undefined : Object.keys(facts.outdated).length > 0;
    if (args.state === 'latest' && !missing && outdated) steps.push(npmStep(args, ['update'], name));
  }
  // Ansible creates a missing project directory before installing into it.
  if (steps.length > 0 && !args.global && args.path && !facts.pathExists) steps.unshift({ kind: 'exec', command: `mkdir -p -- ${shellQuote(args.path)}` });
  return { steps };
}

function packageSpec(args: NpmArgs): string | undefined {
  if (!args.name) return undefined;
  return args.version && !isLocalPackage(args.name) ? `${args.name}@${args.version}` : args.name;
}

/** The words in the order Ansible's module builds them, run in the project directory. */
function npmStep(args: NpmArgs, command: string[], target: string | undefined): Step {
  const words = [shellQuote(args.executable ?? 'npm'), ...command];
  if (args.global) words.push('--global');
  if (args.production && command[0] !== 'uninstall') words.push('--production');
  if (args.ignore_scripts) words.push('--ignore-scripts');
  if (args.unsafe_perm) words.push('--unsafe-perm');
  if (target) words.push(shellQuote(target));
  if (args.registry) words.push('--registry', shellQuote(args.registry));
  return { kind: 'exec', command: words.join(' '), ...(args.path && !args.global ? { cwd: args.path } : {}) };
}
