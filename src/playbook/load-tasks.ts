import { ParseError, type SourcePos } from '../errors.js';
import { blockSchema } from '../schema/index.js';
import { validateNode } from '../schema/validate.js';
import { positionOf } from '../yaml/positions.js';
import type { Inherited, LoadContext } from './context.js';
import type { Block, Handler, TaskNode } from './model.js';
import { stringList } from './convert.js';
import { baseFields, childInheritance } from './node-base.js';
import { parseTask } from './parse-task.js';
import { loadImport, importKind } from './task-imports.js';

// A list of task mappings → TaskNode[]: plain tasks, blocks, and the include/import forms.

type Raw = Record<string, unknown>;

export async function loadTaskList(list: unknown, ctx: LoadContext, where: SourcePos, handler = false): Promise<TaskNode[]> {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    throw new ParseError('bad-value', `expected a list of ${handler ? 'handlers' : 'tasks'}`, { where, hint: 'start each task with "- "' });
  }
  const out: TaskNode[] = [];
  for (const [index, item] of list.entries()) {
    const source = positionOf(list, index) ?? where;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new ParseError('bad-task', `a ${handler ? 'handler' : 'task'} must be a mapping of keywords, got ${JSON.stringify(item)}`, { where: source });
    }
    out.push(...(await loadNode(item as Raw, ctx, source, handler)));
  }
  return out;
}

async function loadNode(raw: Raw, ctx: LoadContext, source: SourcePos, handler: boolean): Promise<TaskNode[]> {
  if ('block' in raw) return [await loadBlock(raw, ctx, source, handler)];
  const kind = importKind(raw);
  if (kind) return loadImport(kind, raw, ctx, source, handler);
  return [parseTask(raw, ctx.inherited, source, handler)];
}

async function loadBlock(raw: Raw, ctx: LoadContext, source: SourcePos, handler: boolean): Promise<Block> {
  validateNode(blockSchema, raw, 'a block', source);
  const base = baseFields(raw, ctx.inherited, source);
  const inner: LoadContext = { ...ctx, inherited: childInheritance(base, false) };
  // Block vars stay on the block (the runner layers them at block_vars precedence);
  // vars inherited from an enclosing import still reach the tasks.
  inner.inherited.vars = ctx.inherited.vars;
  inner.inherited.notify = raw.notify === undefined ? ctx.inherited.notify : stringList(raw.notify);
  const part = (key: string): Promise<TaskNode[]> => loadTaskList(raw[key], inner, positionOf(raw, key) ?? source, handler);
  return { kind: 'block', ...base, vars: { ...base.vars }, block: await part('block'), rescue: await part('rescue'), always: await part('always') };
}

/** Handlers are plain tasks with `listen`; blocks in a handlers list are flattened. */
export async function loadHandlerList(list: unknown, ctx: LoadContext, where: SourcePos): Promise<Handler[]> {
  const nodes = await loadTaskList(list, ctx, where, true);
  return flattenHandlers(nodes);
}

function flattenHandlers(nodes: TaskNode[]): Handler[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'task') return [node as Handler];
    if (node.kind === 'block') return flattenHandlers([...node.block, ...node.rescue, ...node.always]);
    throw new ParseError('bad-handler', 'include_tasks is not supported in handlers', { where: node.source, hint: 'use import_tasks' });
  });
}

export type { Inherited };
