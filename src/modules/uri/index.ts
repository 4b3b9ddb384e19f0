import type { Module } from '../types.js';
import { planUri } from './plan.js';
import { uriSchema, type UriArgs } from './schema.js';

export const uriModule: Module<UriArgs, Record<string, never>> = {
  name: 'ansible.builtin.uri',
  aliases: ['uri', 'ansible.legacy.uri'],
  schema: uriSchema,
  description: 'Make an HTTP(S) request with curl on the host and check the status (skipped in check mode, as in Ansible).',
  gather: () => Promise.resolve({}),
  plan: (args, _facts, ctx) => planUri(args, ctx),
};
