import { shellQuote } from '../../facts/quote.js';
import type { Fact } from '../../facts/types.js';
import type { DockerComposeArgs } from './schema.js';

// What Compose itself says: the desired per-service config hashes (`config --hash '*'`, the
// same value Compose stores in each container's com.docker.compose.config-hash label) and the
// project's containers (`ps --all --format json`).

export interface ComposeContainer {
  Name: string;
  Service: string;
  State: string;
  /** The container's config-hash label. */
  hash: string;
}

export interface DockerComposeFacts {
  /** False when `docker compose` is not available. */
  compose: boolean;
  /** service → config hash; undefined when the configuration does not load. */
  hashes: Record<string, string> | undefined;
  /** `config` error output. */
  configError: string;
  containers: ComposeContainer[];
}

export function composeBase(args: DockerComposeArgs): string {
  const words = ['docker', 'compose', '--ansi', 'never', '--project-directory', shellQuote(args.project_src)];
  if (args.project_name) words.push('--project-name', shellQuote(args.project_name));
  for (const file of args.files ?? []) words.push('--file', shellQuote(file));
  for (const file of args.env_files ?? []) words.push('--env-file', shellQuote(file));
  for (const profile of args.profiles ?? []) words.push('--profile', shellQuote(profile));
  return words.join(' ');
}

export function dockerComposeFact(args: DockerComposeArgs): Fact<DockerComposeFacts> {
  const base = composeBase(args);
  // Relative --file paths are resolved from the working directory, so run from project_src.
  const cd = `cd ${shellQuote(args.project_src)} 2>/dev/null || true`;
  const script = [
    `if docker compose version >/dev/null 2>&1; then echo '@@compose@@'; fi`,
    `(${cd}; echo '@@config@@'; ${base} config --hash '*' 2>&1; echo "@@rc=$?@@")`,
    `(${cd}; echo '@@ps@@'; ${base} ps --all --format json 2>/dev/null)`,
  ].join('\n');
  return { key: `docker-compose:${base}`, script, parse: parseComposeFacts };
}

export function parseComposeFacts(stdout: string): DockerComposeFacts {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const line of stdout.split('\n')) {
    const match = /^@@(\w+)@@$/.exec(line);
    if (match?.[1]) sections.set((current = match[1]), []);
    else if (current && line.trim() !== '') sections.get(current)?.push(line);
  }
  const config = sections.get('config') ?? [];
  const ok = config.at(-1) === '@@rc=0@@';
  const lines = config.filter((line) => !/^@@rc=\d+@@$/.test(line));
  const hashes = ok ? Object.fromEntries(lines.map((line) => line.trim().split(/\s+/)).filter((p) => p.length === 2)) : undefined;
  return { compose: sections.has('compose'), hashes, configError: ok ? '' : lines.join('\n'), containers: parsePs(sections.get('ps') ?? []) };
}

/** Compose prints one JSON object per line (v2.21+) or one JSON array (older). */
function parsePs(lines: string[]): ComposeContainer[] {
  const raw: Array<Record<string, unknown>> = [];
  for (const line of lines) {
    try {
      const value = JSON.parse(line) as unknown;
      if (Array.isArray(value)) raw.push(...(value as Array<Record<string, unknown>>));
      else if (value && typeof value === 'object') raw.push(value as Record<string, unknown>);
    } catch {
      // Warnings mixed into the output are not containers.
    }
  }
  return raw.map((entry) => ({
    Name: String(entry['Name'] ?? ''),
    Service: String(entry['Service'] ?? ''),
    State: String(entry['State'] ?? ''),
    hash: labelValue(entry['Labels'], 'com.docker.compose.config-hash'),
  }));
}

function labelValue(labels: unknown, key: string): string {
  if (labels && typeof labels === 'object') return String((labels as Record<string, unknown>)[key] ?? '');
  const match = String(labels ?? '').split(',').find((pair) => pair.startsWith(`${key}=`));
  return match ? match.slice(key.length + 1) : '';
}
