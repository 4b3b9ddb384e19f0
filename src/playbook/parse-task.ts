import { ParseError, type SourcePos } from '../errors.js';
import { allModuleNames, findModule, type ModuleDescriptor } from '../modules/registry.js';
import { handlerSchema, taskSchema, HANDLER_KEYWORDS, TASK_KEYWORDS, unsupportedLoop } from '../schema/index.js';
import { didYouMean } from '../schema/did-you-mean.js';
import { unknownKeywordError, validateNode } from '../schema/validate.js';
import { positionOf } from '../yaml/positions.js';
import type { Inherited } from './context.js';
import { conditionList, stringList } from './convert.js';
import type { Handler, Task } from './model.js';
import { baseFields } from './node-base.js';
import { buildArgs } from './task-args.js';
import { loopOf } from './task-loop.js';

// One task mapping → Task: exactly one action key besides the keywords, its arguments
// normalised and their names checked against the module's schema.

type Raw = Record<string, unknown>;

export function parseTask(raw: Raw, inherited: Inherited, source: SourcePos, handler = false): Task | Handler {
  const what = handler ? 'a handler' : 'a task';
  validateNode(handler ? handlerSchema : taskSchema, raw, what, source);
  const keywords: readonly string[] = handler ? HANDLER_KEYWORDS : TASK_KEYWORDS;
  const action = resolveAction(raw, keywords, what, source);
  const args = buildArgs(action.descriptor, action.value, raw.args, action.where, action.written);
  const task: Task = {
    kind: 'task',
    ...baseFields(raw, inherited, source),
    module: action.descriptor.name,
    moduleAsWritten: action.written,
    args,
    ...loopOf(raw, source),
    register: raw.register === undefined ? undefined : String(raw.register),
    notify: raw.notify === undefined ? (inherited.notify ?? []) : stringList(raw.notify),
    changedWhen: raw.changed_when === undefined ? undefined : conditionList(raw.changed_when),
    failedWhen: raw.failed_when === undefined ? undefined : conditionList(raw.failed_when),
    until: raw.until === undefined ? undefined : conditionList(raw.until)[0],
    retries: raw.retries as number | string | undefined,
    delay: raw.delay as number | string | undefined,
  };
  return handler ? { ...task, listen: stringList(raw.listen) } : task;
}

interface Action {
  descriptor: ModuleDescriptor;
  written: string;
  value: unknown;
  where: SourcePos;
}

function resolveAction(raw: Raw, keywords: readonly string[], what: string, source: SourcePos): Action {
  const extra = Object.keys(raw).filter((k) => !keywords.includes(k));
  for (const key of extra) {
    const loopProblem = unsupportedLoop(key);
    if (loopProblem) throw new ParseError('unsupported-keyword', loopProblem, { where: positionOf(raw, key) ?? source });
  }
  const modules = extra.filter((k) => findModule(k));
  const others = extra.filter((k) => !findModule(k));
  if (raw.action !== undefined) modules.unshift('action');
  if (modules.length > 1) {
    throw new ParseError('conflicting-actions', `conflicting action statements: ${modules.join(', ')}`, {
      where: positionOf(raw, modules[1]!) ?? source,
      hint: 'a task runs exactly one module; split it into several tasks',
    });
  }
  const other = others[0];
  if (other !== undefined && (modules.length === 1 || others.length > 1)) {
    throw unknownKeywordError(other, what, keywords, positionOf(raw, other) ?? source);
  }
  if (other !== undefined) throw unknownModule(other, positionOf(raw, other) ?? source, keywords);
  const key = modules[0];
  if (key === undefined) {
    throw new ParseError('no-action', `no module or action in ${what}`, { where: source, hint: 'add a module, e.g. ansible.builtin.command: ...' });
  }
  const where = positionOf(raw, key) ?? source;
  if (key === 'action') return actionKeyword(raw.action, where, keywords);
  return { descriptor: findModule(key)!, written: key, value: raw[key], where };
}

/** `action: copy src=a dest=b` or `action: {module: copy, src: a}`. */
function actionKeyword(value: unknown, where: SourcePos, keywords: readonly string[]): Action {
  if (typeof value === 'string') {
    const [name = '', ...rest] = value.trim().split(/\s+/);
    const descriptor = findModule(name);
    if (!descriptor) throw unknownModule(name, where, keywords);
    return { descriptor, written: name, value: value.trim().slice(name.length).trim() || null, where };
  }
  const { module, ...args } = value as Raw;
  const descriptor = findModule(String(module));
  if (!descriptor) throw unknownModule(String(module), where, keywords);
  return { descriptor, written: String(module), value: args, where };
}

function unknownModule(name: string, where: SourcePos, keywords: readonly string[]): ParseError {
  const near = didYouMean(name, [...allModuleNames(), ...keywords]);
  return new ParseError('unknown-module', `no module or action named '${name}'`, {
    where,
    hint: near ? `did you mean '${near}'?` : "'claw-provision doc' lists the supported modules and actions",
  });
}
