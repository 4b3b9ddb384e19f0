import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from './types.js';

// Scenarios live where Molecule puts them: roles/<role>/molecule/<scenario>/ and, for
// project-level ones, molecule-lite/<scenario>/.

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

async function scenarioAt(dir: string, role: string | undefined, name: string): Promise<Scenario | undefined> {
  const converge = join(dir, 'converge.yml');
  if (!(await exists(converge))) return undefined;
  const optional = async (file: string): Promise<string | undefined> => ((await exists(join(dir, file))) ? join(dir, file) : undefined);
  return { id: `${role ?? 'project'}/${name}`, role, name, dir, converge, verify: await optional('verify.yml'), cleanup: await optional('cleanup.yml') };
}

export interface ScenarioFilter {
  role?: string | undefined;
  scenario?: string | undefined;
}

export async function discoverScenarios(root: string, filter: ScenarioFilter = {}): Promise<Scenario[]> {
  const found: Array<Scenario | undefined> = [];
  for (const role of await subdirs(join(root, 'roles'))) {
    if (filter.role && filter.role !== role) continue;
    for (const name of await subdirs(join(root, 'roles', role, 'molecule'))) found.push(await scenarioAt(join(root, 'roles', role, 'molecule', name), role, name));
  }
  if (!filter.role || filter.role === 'project') {
    for (const name of await subdirs(join(root, 'molecule-lite'))) found.push(await scenarioAt(join(root, 'molecule-lite', name), undefined, name));
  }
  return found.filter((s): s is Scenario => s !== undefined && (!filter.scenario || s.name === filter.scenario));
}
