// Which keywords each kind of YAML node accepts, and which Ansible keywords we know but do not
// support (those are a load-time error with a reason; nothing is silently ignored).

/** Keywords every task-like node (task, block, include, role entry) may carry. */
export const INHERITABLE_KEYWORDS = [
  'name', 'when', 'tags', 'vars', 'become', 'become_user', 'become_method',
  'check_mode', 'diff', 'ignore_errors', 'ignore_unreachable', 'no_log', 'environment',
  'delegate_to', 'run_once', 'any_errors_fatal',
] as const;

export const TASK_KEYWORDS = [
  ...INHERITABLE_KEYWORDS,
  'action', 'args', 'register', 'loop', 'loop_control', 'notify', 'changed_when', 'failed_when',
  'until', 'retries', 'delay', 'with_items', 'with_list', 'with_dict',
] as const;

export const HANDLER_KEYWORDS = [...TASK_KEYWORDS, 'listen'] as const;

export const BLOCK_KEYWORDS = [...INHERITABLE_KEYWORDS, 'block', 'rescue', 'always', 'notify'] as const;

export const PLAY_KEYWORDS = [
  'hosts', 'name', 'gather_facts', 'gather_subset', 'become', 'become_user', 'become_method',
  'connection', 'remote_user', 'port', 'serial', 'vars', 'vars_files', 'roles', 'pre_tasks',
  'tasks', 'post_tasks', 'handlers', 'tags', 'any_errors_fatal', 'environment', 'check_mode',
  'diff', 'no_log', 'ignore_errors', 'ignore_unreachable', 'strategy',
] as const;

export const ROLE_ENTRY_KEYWORDS = [...INHERITABLE_KEYWORDS, 'role'] as const;

/** Ansible keywords with no equivalent here, and why (shown as the hint). */
export const UNSUPPORTED_KEYWORDS: Readonly<Record<string, string>> = {
  vars_prompt: 'pass values with -e or a vars file instead of prompting',
  module_defaults: 'set the arguments on each task',
  async: 'tasks run synchronously; background work belongs in a service',
  poll: 'tasks run synchronously; background work belongs in a service',
  local_action: "use 'delegate_to: localhost' with the module as the task action",
  timeout: 'task timeouts are not supported',
  throttle: 'use serial on the play',
  collections: 'write fully qualified module names (ansible.builtin.copy) instead',
  debugger: 'the task debugger is not available',
  delegate_facts: 'facts of delegated hosts are not stored',
  max_fail_percentage: 'use any_errors_fatal',
  force_handlers: 'handlers of failed hosts do not run',
  order: 'hosts run in inventory order',
  fact_path: 'local facts are not gathered',
  become_flags: 'sudo is run with fixed flags',
  become_exe: 'sudo is the only become method',
  include: "use 'import_tasks' or 'include_tasks'",
  include_role: "use 'import_role' (static) instead",
  vars_from_files: 'not supported',
  apply: "put the keywords on the included tasks",
  argument_specs: 'role argument validation is not supported; check variables with an assert task',
  connection: "set 'connection' on the play or 'ansible_connection' in the inventory",
  remote_user: "set 'remote_user' on the play or 'ansible_user' in the inventory",
  port: "set 'port' on the play or 'ansible_port' in the inventory",
};

/** with_* lookups other than those converted to `loop`. */
export function unsupportedLoop(keyword: string): string | undefined {
  if (!keyword.startsWith('with_')) return undefined;
  if (keyword === 'with_items' || keyword === 'with_list' || keyword === 'with_dict') return undefined;
  return `'${keyword}' is not supported; use 'loop' with a filter (e.g. loop: "{{ x | dict2items }}")`;
}
