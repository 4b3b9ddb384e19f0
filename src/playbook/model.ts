import type { SourcePos } from '../errors.js';

// What the loader hands the runner: plays and task trees with every keyword validated
// and every node carrying its source position. Values that Ansible templates at run time
// (args, when, loop, ...) stay raw strings/structures here; the runner templates them.

export type Vars = Record<string, unknown>;

/** Keywords shared by plays, blocks, tasks, includes and role entries; inherited downwards. */
export interface Inheritable {
  become?: boolean | undefined;
  becomeUser?: string | undefined;
  checkMode?: boolean | undefined;
  diff?: boolean | undefined;
  ignoreErrors?: boolean | string | undefined;
  ignoreUnreachable?: boolean | undefined;
  noLog?: boolean | string | undefined;
  environment?: Record<string, unknown> | string | undefined;
  delegateTo?: string | undefined;
  runOnce?: boolean | undefined;
  anyErrorsFatal?: boolean | undefined;
}

export interface RoleRef {
  name: string;
  /** Absolute path of the role directory (role_path). */
  path: string;
  /** Role parameters from the `roles:` entry (`vars:` and extra keys): precedence level role_params. */
  params?: Vars | undefined;
}

interface NodeBase extends Inheritable {
  source: SourcePos;
  name?: string | undefined;
  /** Raw Jinja expressions, all must hold (inherited conditions already included). */
  when: string[];
  /** Own and inherited tags. */
  tags: string[];
  vars: Vars;
  role?: RoleRef | undefined;
}

export interface LoopControl {
  loopVar: string;
  indexVar?: string | undefined;
  label?: string | undefined;
  pause?: number | undefined;
  /** `extended`: the `ansible_loop` variable; `extended_allitems: false` leaves out allitems. */
  extended?: boolean | undefined;
  extendedAllitems?: boolean | undefined;
}

export interface Task extends NodeBase {
  kind: 'task';
  /** Canonical FQCN of the module or action (e.g. "ansible.builtin.copy", "ansible.builtin.set_fact"). */
  module: string;
  /** The name as written (for messages). */
  moduleAsWritten: string;
  /** Raw arguments (free-form string already split into `_raw_params` + key=value args). */
  args: Record<string, unknown>;
  loop?: unknown;
  loopControl?: LoopControl | undefined;
  register?: string | undefined;
  notify: string[];
  changedWhen?: string[] | undefined;
  failedWhen?: string[] | undefined;
  until?: string | undefined;
  retries?: number | string | undefined;
  delay?: number | string | undefined;
}

export interface Block extends NodeBase {
  kind: 'block';
  block: TaskNode[];
  rescue: TaskNode[];
  always: TaskNode[];
}

/** `include_tasks`: resolved and loaded at run time (file may be templated). */
export interface IncludeTasks extends NodeBase {
  kind: 'include_tasks';
  file: string;
  /** Directory the file is relative to (the including file's dir, or the role's tasks/). */
  baseDir: string;
  loop?: unknown;
  loopControl?: LoopControl | undefined;
}

export type TaskNode = Task | Block | IncludeTasks;

export interface Handler extends Task {
  /** Topics this handler listens to, besides its name. */
  listen: string[];
}

export interface LoadedRole extends RoleRef {
  source: SourcePos;
  defaults: Vars;
  roleVars: Vars;
  /** Files the defaults/vars came from, for `--explain`. */
  defaultsFile?: string | undefined;
  varsFile?: string | undefined;
}

export interface Play extends Inheritable {
  source: SourcePos;
  name: string;
  hosts: string;
  gatherFacts: boolean;
  gatherSubset?: string[] | undefined;
  connection?: string | undefined;
  remoteUser?: string | undefined;
  port?: number | undefined;
  serial?: Array<number | string> | undefined;
  vars: Vars;
  varsFiles: string[];
  /** Roles in load order (defaults/vars per role; their tasks are already in `tasks`). */
  roles: LoadedRole[];
  preTasks: TaskNode[];
  /** Role tasks (from `roles:`) followed by the play's own `tasks:`. */
  tasks: TaskNode[];
  postTasks: TaskNode[];
  handlers: Handler[];
  tags: string[];
  when: string[];
  /** Directory of the playbook file (playbook_dir). */
  baseDir: string;
}

export interface Playbook {
  file: string;
  dir: string;
  plays: Play[];
}
