import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';
import { gitEnvPrefix } from './env.js';
import type { GitArgs } from './schema.js';

// One probe per task: the checkout's HEAD, origin URL and tracked-file changes, and what the
// remote's `version` points at (`git ls-remote`, read-only, so check mode can predict).

export interface GitFacts {
  /** False when dest has no .git. */
  exists: boolean;
  head: string | undefined;
  remoteUrl: string | undefined;
  /** `git status --porcelain` lines for tracked files. */
  localMods: string[];
  /** `git ls-remote` lines: "SHA\tref". */
  remoteRefs: Array<{ sha: string; ref: string }>;
  /** ls-remote's error text when it failed. */
  lsRemoteError: string | undefined;
}

const mark = (name: string) => `echo "@@${name}@@"`;

export function gitFact(args: GitArgs): Fact<GitFacts> {
  const git = `${gitEnvPrefix(args)}${shellQuote(args.executable ?? 'git')}`;
  const dest = shellQuote(args.dest);
  const query = isSha(args.version) ? '' : ` ${shellQuote(args.version)}`;
  const script = [
    `if [ -e ${dest}/.git ]; then`,
    `  ${mark('head')}; ${git} -C ${dest} rev-parse HEAD 2>/dev/null`,
    `  ${mark('url')}; ${git} -C ${dest} config --get remote.${shellQuote(args.remote)}.url 2>/dev/null`,
    `  ${mark('status')}; ${git} -C ${dest} status --porcelain --untracked-files=no 2>/dev/null`,
    'fi',
    `${mark('remote')}; ${git} ls-remote ${shellQuote(args.repo)}${query} 2>&1; echo "@@rc=$?@@"`,
  ].join('\n');
  return { key: `git:${args.repo}:${args.dest}:${args.version}`, script, parse: parseGitFacts };
}

export const isSha = (version: string): boolean => /^[0-9a-f]{40}$/i.test(version);

export function parseGitFacts(stdout: string): GitFacts {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const line of stdout.split('\n')) {
    const match = /^@@(\w+)@@$/.exec(line);
    if (match?.[1]) sections.set((current = match[1]), []);
    else if (current && line !== '') sections.get(current)?.push(line);
  }
  const remote = sections.get('remote') ?? [];
  const rc = /^@@rc=(\d+)@@$/.exec(remote.at(-1) ?? '')?.[1];
  const lines = remote.slice(0, -1);
  const refs = lines.map((line) => /^([0-9a-f]{40})\t(.+)$/.exec(line)).filter((m): m is RegExpExecArray => m !== null);
  return {
    exists: sections.has('head'),
    head: sections.get('head')?.[0],
    remoteUrl: sections.get('url')?.[0],
    localMods: (sections.get('status') ?? []).filter((line) => !line.startsWith('??')),
    remoteRefs: refs.map((m) => ({ sha: m[1] ?? '', ref: m[2] ?? '' })),
    lsRemoteError: rc === '0' ? undefined : lines.join('\n'),
  };
}
