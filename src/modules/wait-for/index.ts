import { defineSchema } from '../common/schema.js';
import type { Module } from '../types.js';
import { planWaitFor, type WaitForArgs } from './plan.js';

const schema = defineSchema({
  host: { type: 'string', default: '127.0.0.1', description: 'Host to connect to, as seen from the managed host.' },
  port: { type: 'integer', description: 'TCP port to wait for.' },
  path: { type: 'string', description: 'File to wait for.' },
  state: {
    type: 'string',
    default: 'started',
    choices: ['absent', 'drained', 'present', 'started', 'stopped'],
    description: 'started/present: wait until it is there; stopped/absent: until it is gone. drained is not supported.',
  },
  timeout: { type: 'integer', default: 300, description: 'Seconds to wait before failing.' },
  connect_timeout: { type: 'integer', default: 5, description: 'Seconds one connection attempt may take.' },
  delay: { type: 'integer', default: 0, description: 'Seconds to wait before the first check.' },
  sleep: { type: 'integer', default: 1, description: 'Seconds between checks.' },
  search_regex: { type: 'string', description: 'With path: wait until the file content matches this (POSIX ERE) pattern.' },
  msg: { type: 'string', description: 'Message on timeout instead of the default one.' },
  active_connection_states: { type: 'array', items: 'string', description: 'Only for state=drained (not supported).' },
  exclude_hosts: { type: 'array', items: 'string', description: 'Only for state=drained (not supported).' },
});

export const waitForModule: Module<WaitForArgs, undefined> = {
  name: 'ansible.builtin.wait_for',
  aliases: ['wait_for'],
  schema,
  description: 'Wait, on the host, for a TCP port to open or close, a file to appear or vanish, or some seconds.',
  gather: async () => undefined,
  plan: (args, _facts, ctx) => planWaitFor(args, ctx),
};
