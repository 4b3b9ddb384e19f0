import { posix } from 'node:path';
import type { Fact } from '../../facts/types.js';

// apt's one-line sources files as Ansible's SourcesList sees them: each line parsed into
// (valid, enabled, source, comment); valid lines are written back normalised.

export const SOURCES_LIST = '/etc/apt/sources.list';
export const SOURCES_DIR = '/etc/apt/sources.list.d';
const TYPES = ['deb', 'deb-src'];

export interface SourceLine {
  valid: boolean;
  enabled: boolean;
  source: string;
  comment: string;
  /** The line as read (kept for invalid lines). */
  raw: string;
}

export function parseSourceLine(raw: string): SourceLine {
  let line = raw.trim();
  let enabled = true;
  let comment = '';
  if (line.startsWith('#')) {
    enabled = false;
    line = line.slice(1);
  }
  const hash = line.indexOf('#');
  if (hash > 0) {
    comment = line.slice(hash + 1).trim();
    line = line.slice(0, hash);
  }
  const chunks = line.trim().split(/\s+/).filter(Boolean);
  const valid = chunks.length > 0 && TYPES.includes(chunks[0] ?? '');
  return { valid, enabled, source: valid ? chunks.join(' ') : line.trim(), comment, raw };
}

export function dumpSources(lines: SourceLine[]): string {
  return lines.map((l) => (l.valid ? `${l.enabled ? '' : '# '}${l.source}${l.comment ? ` # ${l.comment}` : ''}\n` : `${l.raw}\n`)).join('');
}

export function parseSourcesFile(text: string): SourceLine[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(parseSourceLine);
}

/** Ansible's _suggest_filename: the URI's host and path, non-alphanumerics as "_". */
export function suggestFilename(source: string, filename: string | undefined): string {
  const name = filename ?? (() => {
    const line = source.replace(/\[[^\]]+\]/g, '').replace(/\w+:\/\//g, '');
    const parts = line.split(/\s+/).filter((part) => part && !TYPES.includes(part));
    const first = (parts[0] ?? '').includes('@') ? (parts[0] ?? '').split('@').slice(1).join('@') : (parts[0] ?? '');
    return first.replace(/[^a-zA-Z0-9]/g, ' ').split(/\s+/).filter(Boolean).join('_');
  })();
  const file = `${name}.list`;
  return file.includes('/') ? file : posix.join(SOURCES_DIR, file);
}

/** Every one-line sources file: path → text. */
export const sourcesFilesFact: Fact<Record<string, string>> = {
  key: 'apt-sources-files',
  script: `for f in ${SOURCES_LIST} ${SOURCES_DIR}/*.list; do if [ -f "$f" ]; then printf 'claw-file %s\\n' "$f"; base64 -w0 < "$f"; echo; fi; done; :`,
  parse: (stdout) => {
    const files: Record<string, string> = {};
    const lines = stdout.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const header = /^claw-file (.+)$/.exec(lines[i] ?? '');
      if (header?.[1]) files[header[1]] = Buffer.from((lines[++i] ?? '').trim(), 'base64').toString('utf8');
    }
    return files;
  },
};
