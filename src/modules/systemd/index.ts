import type { Module } from '../types.js';
import { unitStateFact, type UnitState } from './facts.js';
import { planSystemd } from './plan.js';
import { serviceSchema, systemdSchema, type SystemdArgs } from './schema.js';

export const systemdModule: Module<SystemdArgs, UnitState> = {
  name: 'ansible.builtin.systemd',
  aliases: ['systemd', 'systemd_service', 'ansible.builtin.systemd_service'],
  schema: systemdSchema,
  description: 'Start, stop, restart, reload, enable or mask a systemd unit (one `systemctl show` reads its state).',
  async gather(args, ctx) {
    const [unit] = await ctx.facts.read([unitStateFact(args.name)]);
    return unit;
  },
  plan: (args, unit, ctx) => planSystemd('ansible.builtin.systemd', args, unit, ctx.host),
};

/** `service` on the systemd hosts we target: the same plan with service's arguments. */
export const serviceModule: Module<SystemdArgs, UnitState> = {
  ...systemdModule,
  name: 'ansible.builtin.service',
  aliases: ['service'],
  schema: serviceSchema,
  description: 'Manage a service (systemd hosts only): start, stop, restart, reload, enable.',
  plan: (args, unit, ctx) => planSystemd('ansible.builtin.service', args, unit, ctx.host),
};
