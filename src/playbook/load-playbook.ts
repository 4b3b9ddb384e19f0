import { dirname, resolve } from 'node:path';
import { ParseError, type SourcePos } from '../errors.js';
import { loadCatalog } from '../modules/catalog.js';
import { loadYamlFile } from '../yaml/load-yaml-file.js';
import { positionOf } from '../yaml/positions.js';
import { loadPlay } from './load-play.js';
import type { Play, Playbook } from './model.js';

// A playbook file → Playbook: plays in order, `import_playbook` inlined (static).

export async function loadPlaybook(file: string): Promise<Playbook> {
  loadCatalog();
  const path = resolve(file);
  return { file: path, dir: dirname(path), plays: await loadPlays(path, [], undefined) };
}

async function loadPlays(path: string, stack: string[], from: SourcePos | undefined): Promise<Play[]> {
  if (stack.includes(path)) {
    throw new ParseError('import-cycle', `playbook imports itself: ${[...stack, path].join(' -> ')}`, { where: from ?? path });
  }
  const raw = await loadYamlFile(path, { from, what: 'playbook' });
  const start = { file: path, line: 1, col: 1 };
  if (raw === null) return [];
  if (!Array.isArray(raw)) {
    throw new ParseError('bad-playbook', 'a playbook must be a list of plays', { where: positionOf(raw) ?? start, hint: 'start each play with "- hosts: ..."' });
  }
  const plays: Play[] = [];
  for (const [index, item] of raw.entries()) {
    const source = positionOf(raw, index) ?? start;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new ParseError('bad-play', 'a play must be a mapping (hosts, tasks, ...)', { where: source });
    }
    const entry = item as Record<string, unknown>;
    const importKey = Object.keys(entry).find((k) => k === 'import_playbook' || k === 'ansible.builtin.import_playbook');
    if (importKey) plays.push(...(await importPlaybook(entry, importKey, path, [...stack, path], source)));
    else plays.push(await loadPlay(entry, path, source));
  }
  return plays;
}

async function importPlaybook(entry: Record<string, unknown>, key: string, path: string, stack: string[], source: SourcePos): Promise<Play[]> {
  const extra = Object.keys(entry).find((k) => k !== key && k !== 'name');
  if (extra) {
    throw new ParseError('unsupported-keyword', `unsupported keyword '${extra}' on import_playbook`, {
      where: positionOf(entry, extra) ?? source,
      hint: 'put the keyword on the plays of the imported playbook',
    });
  }
  const target = entry[key];
  if (typeof target !== 'string' || target.includes('{{')) {
    throw new ParseError('bad-arguments', 'import_playbook needs a plain file name', { where: positionOf(entry, key) ?? source });
  }
  return loadPlays(resolve(dirname(path), target), stack, positionOf(entry, key) ?? source);
}
