import { resolveMode } from '../common/mode.js';
import { shellQuote } from '../../facts/quote.js';
import type { DiffEntry, Plan, Step } from '../types.js';
import { dumpSources, parseSourceLine, parseSourcesFile, suggestFilename, type SourceLine } from './sources.js';
import type { AptRepositoryArgs } from './schema.js';

// ansible.builtin.apt_repository for one-line sources: present enables a matching (even
// commented-out) line anywhere or appends it to its own file; absent deletes every enabled
// copy. Only files whose normalised text changes are written; emptied files are removed.

export interface AptRepositoryFacts {
  /** path → text of /etc/apt/sources.list and sources.list.d/*.list. */
  files: Record<string, string>;
}

export function planAptRepository(args: AptRepositoryArgs, facts: AptRepositoryFacts): Plan {
  if (args.repo.startsWith('ppa:')) return { steps: [], fail: `PPA repositories are not supported (${args.repo}); give the "deb ..." line and its signing key` };
  const wanted = parseSourceLine(args.repo);
  if (!wanted.valid || !wanted.enabled) return { steps: [], fail: `Invalid repository string: ${args.repo}` };
  const parsed = new Map(Object.entries(facts.files).map(([path, text]) => [path, parseSourcesFile(text)]));
  const before = new Map([...parsed].map(([path, lines]) => [path, dumpSources(lines)]));
  const created = args.state === 'present' ? addSource(parsed, wanted.source, suggestFilename(wanted.source, args.filename)) : undefined;
  if (args.state === 'absent') removeSource(parsed, wanted.source);
  const mode = created && args.mode !== undefined ? resolveMode(args.mode, undefined, false) : undefined;
  if (mode && !mode.ok) return { steps: [], fail: mode.msg };
  const steps: Step[] = [];
  const diff: DiffEntry[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, lines] of parsed) {
    const old = before.get(path);
    const text = dumpSources(lines);
    if (old === text) continue;
    diff.push({ before: old ?? '', after: text, before_header: old === undefined ? '/dev/null' : path, after_header: text === '' ? '/dev/null' : path });
    if (text === '') {
      removed.push(path);
      steps.push({ kind: 'exec', command: `rm -f -- ${shellQuote(path)}` });
      continue;
    }
    if (old === undefined) added.push(path);
    const newMode = path === created ? (mode?.ok ? mode.mode : '0644') : undefined;
    steps.push({ kind: 'put', path, content: Buffer.from(text, 'utf8'), ...(newMode ? { mode: newMode } : {}) });
  }
  if (steps.length > 0 && args.update_cache) steps.push({ kind: 'exec', command: updateCommand(args.update_cache_retries) });
  const result = { repo: args.repo, state: args.state, sources_added: added, sources_removed: removed };
  return { steps, result, ...(diff.length > 0 ? { diff } : {}) };
}

/** Enables every line with this source; without one, appends it to `file`. Returns the file when it is new. */
function addSource(files: Map<string, SourceLine[]>, source: string, file: string): string | undefined {
  let found = false;
  for (const lines of files.values()) {
    for (const line of lines) {
      if (line.valid && line.source === source) {
        line.enabled = true;
        found = true;
      }
    }
  }
  if (found) return undefined;
  const isNew = !files.has(file);
  const lines = files.get(file) ?? [];
  lines.push({ valid: true, enabled: true, source, comment: '', raw: source });
  files.set(file, lines);
  return isNew ? file : undefined;
}

function removeSource(files: Map<string, SourceLine[]>, source: string): void {
  for (const [path, lines] of files) files.set(path, lines.filter((line) => !(line.valid && line.enabled && line.source === source)));
}

function updateCommand(retries: number): string {
  const attempts = Math.max(1, retries);
  return `i=0; until apt-get -q -o DPkg::Lock::Timeout=60 update; do i=$((i+1)); [ $i -lt ${attempts} ] || exit 1; sleep $i; done`;
}
