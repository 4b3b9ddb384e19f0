import type { JsonSchema } from '../modules/types.js';
import { BLOCK_KEYWORDS, HANDLER_KEYWORDS, PLAY_KEYWORDS, ROLE_ENTRY_KEYWORDS, TASK_KEYWORDS } from './keywords.js';

// JSON Schemas of the YAML nodes the loader reads. Keyword VALUES that Ansible templates at
// run time stay loose (string allowed); what can be checked statically is.

const str = { type: 'string' };
const boolish = { type: ['boolean', 'string'] };
const strList = { type: ['string', 'array'], items: { type: ['string', 'number'] } };
const condition = { type: ['string', 'boolean', 'array'], items: { type: ['string', 'boolean'] } };
const dict = { type: ['object', 'null'] };
/** A count such as `retries`: an integer, digits, or a template that renders to one. */
const numberish = { type: ['integer', 'string'], pattern: '^\\s*\\d+\\s*$|\\{\\{' };

const inheritable: Record<string, unknown> = {
  name: { type: ['string', 'number'] },
  when: condition,
  tags: { type: ['string', 'number', 'array'], items: { type: ['string', 'number'] } },
  vars: dict,
  become: boolish,
  become_user: str,
  become_method: { enum: ['sudo'] },
  check_mode: boolish,
  diff: boolish,
  ignore_errors: boolish,
  ignore_unreachable: boolish,
  no_log: boolish,
  environment: { type: ['object', 'string', 'null'] },
  delegate_to: str,
  run_once: boolish,
  any_errors_fatal: boolish,
};

const taskProps: Record<string, unknown> = {
  ...inheritable,
  action: { type: ['string', 'object'] },
  args: dict,
  register: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  loop: {},
  loop_control: {
    type: 'object',
    additionalProperties: false,
    properties: { loop_var: str, index_var: str, label: {}, pause: { type: ['number', 'string'] }, extended: boolish, extended_allitems: boolish },
  },
  notify: strList,
  changed_when: condition,
  failed_when: condition,
  until: { type: ['string', 'boolean'] },
  retries: numberish,
  delay: numberish,
  with_items: {},
  with_list: {},
  with_dict: {},
};

function only(keywords: readonly string[], props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(keywords.map((k) => [k, props[k] ?? {}]));
}

export const taskSchema: JsonSchema = {
  $id: 'claw:task',
  type: 'object',
  // The module key is not a keyword; the task loader checks unknown keys itself.
  properties: only(TASK_KEYWORDS, taskProps),
};

export const handlerSchema: JsonSchema = {
  $id: 'claw:handler',
  type: 'object',
  properties: { ...only(HANDLER_KEYWORDS, taskProps), listen: strList },
};

export const blockSchema: JsonSchema = {
  $id: 'claw:block',
  type: 'object',
  additionalProperties: false,
  required: ['block'],
  properties: {
    ...only(BLOCK_KEYWORDS, inheritable),
    block: { type: ['array', 'null'] },
    rescue: { type: ['array', 'null'] },
    always: { type: ['array', 'null'] },
    notify: strList,
  },
};

// Keys that are not keywords are role parameters, so no additionalProperties here.
export const roleEntrySchema: JsonSchema = {
  $id: 'claw:role-entry',
  type: 'object',
  properties: {
    ...only(ROLE_ENTRY_KEYWORDS, inheritable),
    role: str,
    tasks_from: str,
    vars_from: str,
    defaults_from: str,
    handlers_from: str,
    allow_duplicates: boolish,
  },
};

const list = { type: ['array', 'null'] };
export const playSchema: JsonSchema = {
  $id: 'claw:play',
  type: 'object',
  additionalProperties: false,
  required: ['hosts'],
  properties: {
    ...only(PLAY_KEYWORDS, inheritable),
    hosts: { type: ['string', 'array'], items: str },
    gather_facts: boolish,
    gather_subset: strList,
    connection: { enum: ['ssh', 'local', 'smart', 'paramiko'] },
    remote_user: str,
    port: numberish,
    serial: { type: ['integer', 'string', 'array'], items: { type: ['integer', 'string'] } },
    vars_files: { type: ['string', 'array'], items: str },
    roles: list,
    pre_tasks: list,
    tasks: list,
    post_tasks: list,
    handlers: list,
    strategy: { enum: ['linear'] },
    // Handled before validation (a playbook entry, not a play); listed for did-you-mean.
    import_playbook: str,
  },
};

export const roleMetaSchema: JsonSchema = {
  $id: 'claw:role-meta',
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    galaxy_info: { type: ['object', 'null'] },
    dependencies: { type: ['array', 'null'], items: { type: ['string', 'object'] } },
    allow_duplicates: { type: 'boolean' },
  },
};

const hostMap = { type: ['object', 'null'], additionalProperties: { type: ['object', 'null'] } };
export const inventoryGroupSchema: JsonSchema = {
  $id: 'claw:inventory-group',
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { hosts: hostMap, vars: dict, children: { type: ['object', 'null'] } },
};
