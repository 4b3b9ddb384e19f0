import { shellQuote } from '../../facts/quote.js';
import type { Plan, Step } from '../types.js';
import { gitEnvPrefix } from './env.js';
import { isSha, type GitFacts } from './facts.js';
import type { GitArgs } from './schema.js';

// ansible.builtin.git: the target commit is known before anything runs (ls-remote, or the SHA
// itself), so "changed" is HEAD != target and check mode predicts `after` without fetching.

type Kind = 'head' | 'branch' | 'tag' | 'sha';

interface Target {
  sha: string;
  kind: Kind;
}

export function resolveTarget(args: GitArgs, facts: GitFacts): Target | string {
  if (isSha(args.version)) return { sha: args.version.toLowerCase(), kind: 'sha' };
  if (facts.lsRemoteError !== undefined) return `Failed to read the remote repository ${args.repo}: ${facts.lsRemoteError.trim()}`;
  const refs = facts.remoteRefs;
  const find = (ref: string) => refs.find((entry) => entry.ref === ref)?.sha;
  const v = args.version;
  if (v === 'HEAD') {
    const sha = find('HEAD');
    return sha ? { sha, kind: 'head' } : `Failed to find HEAD of the remote repository ${args.repo} (is it empty?)`;
  }
  const branch = find(`refs/heads/${v}`);
  if (branch) return { sha: branch, kind: 'branch' };
  const tag = find(`refs/tags/${v}^{}`) ?? find(`refs/tags/${v}`);
  if (tag) return { sha: tag, kind: 'tag' };
  return `Cannot find version ${v} (no branch, tag or full SHA of that name) in ${args.repo}`;
}

export function planGit(args: GitArgs, facts: GitFacts): Plan {
  if (!facts.exists) return planClone(args, facts);
  const before = facts.head ?? null;
  const urlChanged = facts.remoteUrl !== args.repo;
  if (!args.update) return { steps: [], result: { before, after: before, remote_url_changed: false } };
  if (facts.localMods.length > 0 && !args.force) {
    return { steps: [], result: { before, after: before }, fail: `Local modifications exist in the destination: ${args.dest} (force=no).` };
  }
  const target = resolveTarget(args, facts);
  if (typeof target === 'string') return { steps: [], result: { before }, fail: target };
  const git = gitCommand(args);
  const steps: Step[] = [];
  if (urlChanged) steps.push(exec(`${git} remote set-url ${shellQuote(args.remote)} ${shellQuote(args.repo)}`));
  if (before !== target.sha) {
    steps.push(exec(fetchCommand(args, git)), exec(checkoutCommand(args, git, target)));
  } else if (facts.localMods.length > 0) {
    steps.push(exec(`${git} reset --hard HEAD`));
  }
  const result = { before, after: target.sha, remote_url_changed: urlChanged, ...(facts.localMods.length > 0 ? { msg: 'Local modifications exist.' } : {}) };
  return { steps, result, diff: before !== target.sha ? [shaDiff(args, before, target.sha)] : [] };
}

function planClone(args: GitArgs, facts: GitFacts): Plan {
  const target = resolveTarget(args, facts);
  if (!args.clone) {
    // Ansible reports the remote's commit without touching the host.
    return { steps: [], result: { before: null, after: typeof target === 'string' ? null : target.sha } };
  }
  if (typeof target === 'string') return { steps: [], result: { before: null }, fail: target };
  const words = [gitEnvPrefix(args) + shellQuote(args.executable ?? 'git'), 'clone', '--origin', shellQuote(args.remote)];
  if (args.depth !== undefined && target.kind !== 'sha') words.push('--depth', String(args.depth));
  if (args.single_branch && target.kind !== 'sha') words.push('--single-branch');
  if (target.kind === 'branch' || target.kind === 'tag') words.push('--branch', shellQuote(args.version));
  words.push('--', shellQuote(args.repo), shellQuote(args.dest));
  const steps: Step[] = [exec(words.join(' '))];
  if (target.kind === 'sha') steps.push(exec(checkoutCommand(args, gitCommand(args), target)));
  return { steps, result: { before: null, after: target.sha }, diff: [shaDiff(args, null, target.sha)] };
}

const exec = (command: string): Step => ({ kind: 'exec', command });

const gitCommand = (args: GitArgs): string => `${gitEnvPrefix(args)}${shellQuote(args.executable ?? 'git')} -C ${shellQuote(args.dest)}`;

function fetchCommand(args: GitArgs, git: string): string {
  const depth = args.depth !== undefined ? ` --depth ${args.depth}` : '';
  const remote = shellQuote(args.remote);
  return `${git} fetch${depth} --tags --force ${remote} ${shellQuote(`+refs/heads/*:refs/remotes/${args.remote}/*`)}`;
}

function checkoutCommand(args: GitArgs, git: string, target: Target): string {
  if (target.kind === 'branch') return `${git} checkout --force -B ${shellQuote(args.version)} ${shellQuote(`${args.remote}/${args.version}`)}`;
  if (target.kind === 'head') return `${git} reset --hard ${target.sha}`;
  return `${git} checkout --force --detach ${target.sha}`;
}

function shaDiff(args: GitArgs, before: string | null, after: string) {
  return { before: before ? `${before}\n` : '', after: `${after}\n`, before_header: args.dest, after_header: `${args.dest} (${args.version})` };
}
