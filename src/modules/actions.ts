import type { ModuleDescriptor } from './registry.js';
import type { JsonSchema } from './types.js';

// Argument schemas of the actions the runner implements itself (src/runner/actions/).
// Only names and shapes live here so the loader can validate argument names at load time;
// values are templated and checked by the runner at run time.

const FREE = '_raw_params';

function action(short: string, description: string, schema: JsonSchema, freeForm?: string): ModuleDescriptor {
  return { name: `ansible.builtin.${short}`, aliases: [short], schema, freeForm, description, kind: 'action' };
}

function object(properties: Record<string, JsonSchema>, extra: { additional?: boolean; required?: string[] } = {}): JsonSchema {
  return {
    type: 'object',
    properties,
    additionalProperties: extra.additional ?? false,
    ...(extra.required ? { required: extra.required } : {}),
  };
}

const text: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: ['boolean', 'string'] };
const num: JsonSchema = { type: ['integer', 'string'] };
const stringOrList: JsonSchema = { type: ['string', 'array', 'boolean'] };

export const META_ACTIONS = ['end_play', 'end_host', 'flush_handlers', 'noop', 'clear_facts', 'refresh_inventory', 'end_batch', 'clear_host_errors'] as const;

export const actionDescriptors: ModuleDescriptor[] = [
  // Any variable name is an argument of set_fact / add_host, so extra properties are allowed.
  action('set_fact', 'Sets host variables (precedence of set_fact/register).', object({ cacheable: bool }, { additional: true })),
  action('include_tasks', 'Loads and runs a task file at run time.', object({ file: text, [FREE]: text, apply: { type: 'object' } }), FREE),
  action('import_tasks', 'Inlines a task file at load time.', object({ file: text, [FREE]: text }), FREE),
  action('include_vars', 'Loads variables from a YAML/JSON file at run time.', object({ file: text, [FREE]: text, name: text }), FREE),
  action('meta', 'Engine directives: flush_handlers, end_play, end_host, noop, clear_facts.', object({ [FREE]: { type: 'string', enum: [...META_ACTIONS] } }), FREE),
  action('debug', 'Prints a message or a variable.', object({ msg: {}, var: text, verbosity: num })),
  action('assert', 'Fails unless every condition holds.', object({ that: stringOrList, fail_msg: {}, msg: {}, success_msg: {}, quiet: bool }, { required: ['that'] })),
  action('fail', 'Fails the host with a message.', object({ msg: {} })),
  action(
    'add_host',
    'Adds a host (and groups) to the in-memory inventory for later plays.',
    object({ name: text, hostname: text, host: text, groups: stringOrList, group: stringOrList, groupname: stringOrList }, { additional: true }),
  ),
  action('setup', 'Gathers facts (ansible_*) in one remote command.', object({ gather_subset: stringOrList, gather_timeout: num, filter: stringOrList, fact_path: text })),
  action('gather_facts', 'Gathers facts, like setup.', object({ parallel: bool })),
  action('wait_for_connection', 'Waits until the host answers a command.', object({ timeout: num, delay: num, sleep: num, connect_timeout: num })),
];
