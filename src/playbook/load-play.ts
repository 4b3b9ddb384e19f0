import { dirname } from 'node:path';
import { ParseError, type SourcePos } from '../errors.js';
import { playSchema } from '../schema/index.js';
import { validateNode } from '../schema/validate.js';
import { positionOf, valuePositionOf } from '../yaml/positions.js';
import type { Inherited, LoadContext, PlayCollector } from './context.js';
import { boolKeyword, inheritableOf, stringList, tagList, varsOf } from './convert.js';
import { loadHandlerList, loadTaskList } from './load-tasks.js';
import type { Play, TaskNode, Vars } from './model.js';
import { roleEntry } from './role-entry.js';
import { loadRole } from './roles.js';

// One play mapping → Play. Role tasks come first in `tasks`, then the play's own tasks;
// play tags are folded into every task so tag selection needs only the task.

type Raw = Record<string, unknown>;

export async function loadPlay(raw: Raw, file: string, source: SourcePos): Promise<Play> {
  validateNode(playSchema, raw, 'a play', source);
  const baseDir = dirname(file);
  const hosts = Array.isArray(raw.hosts) ? raw.hosts.map(String).join(',') : String(raw.hosts);
  const tags = tagList(raw.tags);
  const play: PlayCollector = { playbookDir: baseDir, roles: [], roleHandlers: [], seenRoles: new Set() };
  const inherited: Inherited = { when: [], tags, vars: {} };
  const ctx: LoadContext = { file, baseDir, inherited, stack: [file], play };
  const at = (key: string): SourcePos => positionOf(raw, key) ?? source;
  const roleTasks = await loadRoles(raw.roles, ctx, at('roles'));
  const preTasks = await loadTaskList(raw.pre_tasks, ctx, at('pre_tasks'));
  const tasks = [...roleTasks, ...(await loadTaskList(raw.tasks, ctx, at('tasks')))];
  const postTasks = await loadTaskList(raw.post_tasks, ctx, at('post_tasks'));
  const handlers = await loadHandlerList(raw.handlers, ctx, at('handlers'));
  return {
    source,
    ...inheritableOf(raw, source),
    name: raw.name === undefined || raw.name === null ? hosts : String(raw.name),
    hosts,
    gatherFacts: boolKeyword(raw, 'gather_facts', source) ?? true,
    gatherSubset: raw.gather_subset === undefined ? undefined : tagList(raw.gather_subset),
    connection: raw.connection === undefined ? undefined : String(raw.connection),
    remoteUser: raw.remote_user === undefined ? undefined : String(raw.remote_user),
    port: portOf(raw, source),
    serial: raw.serial === undefined || raw.serial === null ? undefined : ([] as Array<number | string>).concat(raw.serial as number | string),
    vars: playVars(raw, source),
    varsFiles: stringList(raw.vars_files),
    roles: play.roles,
    preTasks,
    tasks,
    postTasks,
    // ansible-core 2.14 appends role handlers after the play's own.
    handlers: [...handlers, ...play.roleHandlers],
    tags,
    when: [],
    baseDir,
  };
}

async function loadRoles(list: unknown, ctx: LoadContext, where: SourcePos): Promise<TaskNode[]> {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ParseError('bad-value', "'roles' must be a list", { where });
  const tasks: TaskNode[] = [];
  for (const [index, entry] of list.entries()) {
    const spec = roleEntry(entry, positionOf(list, index) ?? where, ctx.inherited);
    tasks.push(...(await loadRole(spec, ctx.play, ctx.stack)));
  }
  return tasks;
}

/** Ansible also accepts a list of mappings for play vars. */
function playVars(raw: Raw, source: SourcePos): Vars {
  if (!Array.isArray(raw.vars)) return varsOf(raw, 'vars', source);
  const out: Vars = {};
  for (const item of raw.vars) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new ParseError('bad-value', "'vars' must be a mapping or a list of mappings", { where: valuePositionOf(raw, 'vars') ?? source });
    }
    Object.assign(out, item);
  }
  return out;
}

function portOf(raw: Raw, source: SourcePos): number | undefined {
  if (raw.port === undefined || raw.port === null) return undefined;
  const port = Number(raw.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ParseError('bad-value', `'port' must be a TCP port number (got ${JSON.stringify(raw.port)})`, {
      where: valuePositionOf(raw, 'port') ?? source,
    });
  }
  return port;
}
