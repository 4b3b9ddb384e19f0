import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parse } from 'yaml';
import { mergeCompose } from './compose-merge.js';
import { composeProblems } from './compose-schema.js';
import type { ValidationResult } from './types.js';

// A Compose project is a base file plus the overlays next to it (docker-compose.<name>.yml):
// the base alone and the base with every overlay merged must both satisfy the specification.

const BASE = /^(docker-)?compose\.ya?ml$/;
const OVERLAY = /^(docker-)?compose\.[^/]+\.ya?ml$/;

export function isComposeFile(path: string): boolean {
  const name = basename(path);
  return BASE.test(name) || OVERLAY.test(name);
}

export async function validateComposeProjects(files: string[]): Promise<ValidationResult[]> {
  const byDir = new Map<string, string[]>();
  for (const file of files.filter(isComposeFile)) byDir.set(dirname(file), [...(byDir.get(dirname(file)) ?? []), file]);
  const results: ValidationResult[] = [];
  for (const group of byDir.values()) {
    const base = group.filter((f) => BASE.test(basename(f)));
    const overlays = group.filter((f) => !BASE.test(basename(f))).sort();
    const documents = await Promise.all([...base, ...overlays].map(async (f) => parse(await readFile(f, 'utf8')) as unknown));
    const sets: Array<{ label: string; docs: unknown[] }> = [{ label: [...base, ...overlays].join(' + '), docs: documents }];
    if (base.length && overlays.length) sets.unshift({ label: base.join(' + '), docs: documents.slice(0, base.length) });
    for (const set of sets) {
      const problems = await composeProblems(mergeCompose(set.docs));
      results.push({ file: set.label, validator: 'compose schema', status: problems.length ? 'failed' : 'ok', detail: problems.join('\n') });
    }
  }
  return results;
}
