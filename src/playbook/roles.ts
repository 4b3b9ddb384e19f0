import { join } from 'node:path';
import type { SourcePos } from '../errors.js';
import { roleMetaSchema } from '../schema/index.js';
import { validateNode } from '../schema/validate.js';
import { loadVarsFiles } from '../vars/load-vars-file.js';
import { loadYamlFile } from '../yaml/load-yaml-file.js';
import { positionOf } from '../yaml/positions.js';
import type { Inherited, LoadContext, PlayCollector } from './context.js';
import { loadHandlerList } from './load-tasks.js';
import { loadTasksInto } from './load-task-file.js';
import type { LoadedRole, RoleRef, TaskNode, Vars } from './model.js';
import { findMainFile, findRoleDir, findVarsFiles } from './role-files.js';
import { roleEntry } from './role-entry.js';

// Loads one role into a play: meta dependencies first, each role once per play unless its
// parameters differ (or meta says allow_duplicates), defaults/vars into play.roles, handlers
// into the play's handlers, and its tasks (returned) tagged with the role.

export interface RoleSpec {
  name: string;
  source: SourcePos;
  params: Vars;
  /** The entry's own when/tags: Ansible runs a role again when these differ. */
  when?: unknown;
  tags?: unknown;
  /** when/tags/become... of the role entry, applied to every task of the role. */
  inherited: Inherited;
  tasksFrom?: string | undefined;
  varsFrom?: string | undefined;
  defaultsFrom?: string | undefined;
  handlersFrom?: string | undefined;
}

export async function loadRole(spec: RoleSpec, play: PlayCollector, stack: string[]): Promise<TaskNode[]> {
  const path = findRoleDir(spec.name, play.playbookDir, spec.source);
  const meta = await readMeta(path);
  // "Ansible only executes each role once, unless the parameters, tags, or when clause differ."
  const key = JSON.stringify([path, spec.params, spec.when ?? null, spec.tags ?? null, spec.tasksFrom ?? 'main']);
  if (play.seenRoles.has(key) && !meta.allowDuplicates) return [];
  play.seenRoles.add(key);
  const tasks: TaskNode[] = [];
  for (const dep of meta.dependencies) {
    const depSpec = roleEntry(dep.value, dep.source, spec.inherited);
    tasks.push(...(await loadRole(depSpec, play, stack)));
  }
  const ref: RoleRef = { name: spec.name, path, ...(Object.keys(spec.params).length > 0 ? { params: spec.params } : {}) };
  play.roles.push(await loadRoleVars(ref, spec));
  const ctx: LoadContext = { file: path, baseDir: join(path, 'tasks'), inherited: { ...spec.inherited, role: ref }, stack, play };
  const handlersFile = findMainFile(join(path, 'handlers'), spec.handlersFrom ?? 'main');
  if (handlersFile) play.roleHandlers.push(...(await loadHandlerList(await loadYamlFile(handlersFile), { ...ctx, file: handlersFile }, { file: handlersFile, line: 1, col: 1 })));
  const tasksFile = findMainFile(join(path, 'tasks'), spec.tasksFrom ?? 'main');
  // A missing tasks_from file is an error (reported by the load); a role without tasks/main is fine.
  const file = tasksFile ?? (spec.tasksFrom ? join(path, 'tasks', spec.tasksFrom) : undefined);
  if (file) tasks.push(...(await loadTasksInto(file, ctx, spec.source)));
  return tasks;
}

async function loadRoleVars(ref: RoleRef, spec: RoleSpec): Promise<LoadedRole> {
  const defaultsFiles = findVarsFiles(join(ref.path, 'defaults'), spec.defaultsFrom ?? 'main');
  const varsFiles = findVarsFiles(join(ref.path, 'vars'), spec.varsFrom ?? 'main');
  return {
    ...ref,
    source: spec.source,
    defaults: await loadVarsFiles(defaultsFiles),
    roleVars: await loadVarsFiles(varsFiles),
    defaultsFile: defaultsFiles[0],
    varsFile: varsFiles[0],
  };
}

interface RoleMeta {
  allowDuplicates: boolean;
  dependencies: Array<{ value: unknown; source: SourcePos }>;
}

async function readMeta(path: string): Promise<RoleMeta> {
  const file = findMainFile(join(path, 'meta'));
  if (!file) return { allowDuplicates: false, dependencies: [] };
  const raw = await loadYamlFile(file);
  const start = { file, line: 1, col: 1 };
  validateNode(roleMetaSchema, raw, 'role meta/main.yml', start);
  const meta = (raw ?? {}) as { allow_duplicates?: boolean; dependencies?: unknown[] | null };
  const deps = meta.dependencies ?? [];
  return {
    allowDuplicates: meta.allow_duplicates === true,
    dependencies: deps.map((value, index) => ({ value, source: positionOf(deps, index) ?? start })),
  };
}
