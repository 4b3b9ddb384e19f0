import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { LintedYaml, LintProject } from './types.js';
import { parseForLint } from './yaml-tree.js';

// Decides what each file is from where it sits, the way Ansible itself would load it.

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage', '.claw-provision']);

async function walk(dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(path, out);
    } else out.push(path);
  }
}

export function roleOf(file: string): LintedYaml['role'] | 'template' | undefined {
  const parts = file.split(sep);
  const name = parts[parts.length - 1] ?? '';
  if (name.endsWith('.j2')) return 'template';
  if (!/\.(ya?ml|example)$/.test(name) && !(parts.includes('group_vars') || parts.includes('host_vars'))) return undefined;
  if (name.endsWith('.example') && !/\.ya?ml\.example$/.test(name)) return undefined;
  if (parts.includes('group_vars') || parts.includes('host_vars')) return 'vars';
  if (parts[0] === 'inventory') return 'inventory';
  const roleIndex = parts.indexOf('roles');
  if (roleIndex >= 0 && parts.length > roleIndex + 2) {
    const area = parts[roleIndex + 2];
    if (area === 'tasks') return 'tasks';
    if (area === 'handlers') return 'handlers';
    if (area === 'defaults' || area === 'vars') return 'vars';
    if (area === 'meta') return 'meta';
    if (area === 'molecule') return name === 'molecule.yml' ? 'other' : 'playbook';
    return 'other';
  }
  if (parts[0] === 'molecule-lite') return name === 'molecule.yml' ? 'other' : 'playbook';
  if (parts.length === 1) return 'playbook';
  return 'other';
}

export async function collectProject(root: string, excludePaths: string[] = []): Promise<LintProject> {
  const excluded = picomatch(excludePaths.length ? excludePaths.flatMap((p) => [p, `${p}/**`]) : ['\0']);
  const files: string[] = [];
  await walk(root, files);
  const project: LintProject = { root, yaml: [], templates: [] };
  for (const path of files.sort()) {
    const file = relative(root, path);
    if (excluded(file)) continue;
    const role = roleOf(file);
    if (!role || role === 'other' && !file.startsWith('roles')) continue;
    const text = await readFile(path, 'utf8');
    if (role === 'template') project.templates.push({ file, text });
    else if (!text.trimStart().startsWith('$ANSIBLE_VAULT;')) project.yaml.push(parseForLint(file, text, role));
  }
  return project;
}
