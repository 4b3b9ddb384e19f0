import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../playbook/role-files.js';

// group_vars/<name> and host_vars/<name> lookups, as Ansible's host_group_vars plugin:
// a file with no extension or .yml/.yaml/.json, and/or a directory of such files (recursive,
// sorted; hidden files, backups~ and other extensions skipped).

export function varsFilesFor(baseDir: string, kind: 'group_vars' | 'host_vars', name: string): string[] {
  const stem = join(baseDir, kind, name);
  const out: string[] = [];
  for (const ext of ['', '.yml', '.yaml', '.json']) {
    const path = stem + ext;
    if (existsSync(path) && statSync(path).isFile()) out.push(path);
  }
  if (existsSync(stem) && statSync(stem).isDirectory()) out.push(...filesUnder(stem));
  return out;
}
