import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';
import type { NpmArgs } from './schema.js';

// `npm ls --json --depth=0` (and `npm outdated --json` for state=latest), read in the project
// directory. A local package (directory or .tgz) is identified by its own package.json so an
// installed copy of the same name and version counts as present.

export interface NpmDependency {
  version?: string;
  missing?: boolean;
  invalid?: boolean | string;
}

export interface NpmFacts {
  npm: boolean;
  pathExists: boolean;
  dependencies: Record<string, NpmDependency>;
  outdated: Record<string, { current?: string; wanted?: string; latest?: string }>;
  /** package.json of a local package named by `name`. */
  local?: { name?: string; version?: string };
}

export const isLocalPackage = (name: string): boolean => /^(\.{0,2}\/|file:)/.test(name) || /\.t(ar\.)?gz$/.test(name);

export function npmFact(args: NpmArgs): Fact<NpmFacts> {
  const npm = shellQuote(args.executable ?? 'npm');
  const g = args.global ? ' --global' : '';
  const cd = args.path ? `cd ${shellQuote(args.path)} 2>/dev/null && ` : '';
  const lines = [
    `if command -v ${npm} >/dev/null 2>&1; then echo '@@npm@@'; fi`,
    args.path ? `if [ -d ${shellQuote(args.path)} ]; then echo '@@path@@'; fi` : "echo '@@path@@'",
    `echo '@@ls@@'; (${cd}${npm} ls --json --depth=0${g} 2>/dev/null)`,
  ];
  if (args.state === 'latest') lines.push(`echo; echo '@@outdated@@'; (${cd}${npm} outdated --json${g} 2>/dev/null)`);
  if (args.name && isLocalPackage(args.name)) {
    const file = args.name.replace(/^file:/, '');
    const local = /\.t(ar\.)?gz$/.test(file) ? `tar -xOzf ${shellQuote(file)} package/package.json` : `cat ${shellQuote(`${file}/package.json`)}`;
    lines.push(`echo; echo '@@local@@'; (${args.path ? `cd ${shellQuote(args.path)} 2>/dev/null; ` : ''}${local} 2>/dev/null)`);
  }
  return { key: `npm:${args.path ?? ''}:${args.global}:${args.state}:${args.name ?? ''}`, script: lines.join('\n'), parse: parseNpmFacts };
}

export function parseNpmFacts(stdout: string): NpmFacts {
  const sections = new Map<string, string>();
  let current = '';
  for (const line of stdout.split('\n')) {
    const match = /^@@(\w+)@@$/.exec(line);
    if (match?.[1]) sections.set((current = match[1]), '');
    else if (current) sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
  }
  const ls = parseJson(sections.get('ls')) as { dependencies?: Record<string, NpmDependency> } | undefined;
  const local = sections.has('local') ? (parseJson(sections.get('local')) as NpmFacts['local']) : undefined;
  return {
    npm: sections.has('npm'),
    pathExists: sections.has('path'),
    dependencies: ls?.dependencies ?? {},
    outdated: (parseJson(sections.get('outdated')) as NpmFacts['outdated'] | undefined) ?? {},
    ...(local !== undefined ? { local } : {}),
  };
}

function parseJson(text: string | undefined): unknown {
  if (!text?.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
