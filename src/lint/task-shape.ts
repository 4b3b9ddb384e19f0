import { isMap, type Node, type YAMLMap } from 'yaml';
import { mapGet, mapKeys, scalarText } from './yaml-tree.js';

// Which key of a task mapping is its module, and its free-form / argument values.

const TASK_KEYWORDS = new Set([
  'name', 'when', 'loop', 'loop_control', 'register', 'notify', 'listen', 'changed_when', 'failed_when',
  'until', 'retries', 'delay', 'ignore_errors', 'ignore_unreachable', 'tags', 'become', 'become_user',
  'become_method', 'become_flags', 'delegate_to', 'delegate_facts', 'run_once', 'no_log', 'check_mode',
  'diff', 'environment', 'args', 'vars', 'any_errors_fatal', 'block', 'rescue', 'always', 'connection',
  'remote_user', 'timeout', 'throttle', 'module_defaults', 'collections', 'debugger', 'async', 'poll',
  'local_action', 'action', 'port',
]);

export interface TaskShape {
  module: string | undefined;
  moduleKey: Node | undefined;
  /** The module's value node: a free-form string or an argument mapping. */
  value: Node | undefined;
  /** Argument value by name, looking in the module mapping, then `args:`. */
  arg(name: string): Node | undefined;
  has(keyword: string): boolean;
}

export function taskShape(task: YAMLMap): TaskShape {
  const keys = mapKeys(task);
  const module = keys.find((key) => !TASK_KEYWORDS.has(key) && !key.startsWith('with_'));
  const value = module === undefined ? undefined : mapGet(task, module);
  const args = mapGet(task, 'args');
  return {
    module,
    moduleKey: module === undefined ? undefined : task.items.find((pair) => scalarText(pair.key as Node) === module)?.key as Node,
    value,
    arg(name) {
      return (isMap(value) ? mapGet(value, name) : undefined) ?? (isMap(args) ? mapGet(args, name) : undefined);
    },
    has: (keyword) => keys.includes(keyword),
  };
}

/** Short module name: `ansible.builtin.shell` → `shell`. */
export function shortName(module: string): string {
  return module.split('.').pop() ?? module;
}

/** The command text of a command/shell task (free-form, `cmd:` or `_raw_params`). */
export function commandText(shape: TaskShape): string | undefined {
  const free = scalarText(shape.value);
  if (free !== undefined) return free;
  return scalarText(shape.arg('cmd')) ?? scalarText(shape.arg('_raw_params'));
}
