import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { ParseError, type SourcePos } from '../errors.js';
import { suggestionHint } from '../schema/did-you-mean.js';

// Where roles live and which file of a role directory is "main".

/** roles/ next to the playbook, then ANSIBLE_ROLES_PATH, then the playbook dir itself. */
export function roleSearchPath(playbookDir: string): string[] {
  const fromEnv = (process.env.ANSIBLE_ROLES_PATH ?? '').split(delimiter).filter((p) => p.length > 0);
  return [join(playbookDir, 'roles'), ...fromEnv.map((p) => resolve(playbookDir, p)), playbookDir];
}

export function findRoleDir(name: string, playbookDir: string, where: SourcePos): string {
  const candidates = name.includes('/') || isAbsolute(name) ? [resolve(playbookDir, name)] : roleSearchPath(playbookDir).map((dir) => join(dir, name));
  const found = candidates.find((c) => existsSync(c) && statSync(c).isDirectory());
  if (found) return found;
  const known = roleSearchPath(playbookDir).flatMap(listDirs);
  throw new ParseError('role-not-found', `role '${name}' not found`, {
    where,
    hint: `${suggestionHint(name, known, 'roles')} (searched ${roleSearchPath(playbookDir).join(', ')})`,
  });
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    return [];
  }
}

/** `<dir>/<base>` with Ansible's extensions; undefined when the role has none. */
export function findMainFile(dir: string, base = 'main'): string | undefined {
  for (const ext of ['.yml', '.yaml', '.json', '']) {
    const path = join(dir, base + ext);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

/** vars/defaults may also be a `main/` directory of files (sorted, recursive). */
export function findVarsFiles(dir: string, base = 'main'): string[] {
  const file = findMainFile(dir, base);
  if (file) return [file];
  const sub = join(dir, base);
  return existsSync(sub) && statSync(sub).isDirectory() ? filesUnder(sub) : [];
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name.endsWith('~')) continue;
    const path = join(dir, entry.name);
    const ext = /\.[^.]*$/.exec(entry.name)?.[0] ?? '';
    if (entry.isDirectory() && !ext) out.push(...filesUnder(path));
    else if (entry.isFile() && ['', '.yml', '.yaml', '.json'].includes(ext)) out.push(path);
  }
  return out;
}
