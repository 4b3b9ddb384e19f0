import { defineSchema } from '../common/schema.js';

const common = {
  name: { type: 'string', aliases: ['service', 'unit'], description: 'Unit name (".service" may be omitted).' },
  state: { type: 'string', choices: ['started', 'stopped', 'restarted', 'reloaded'], description: 'started/stopped only act when needed; restarted/reloaded always act.' },
  enabled: { type: 'boolean', description: 'Whether the unit starts on boot.' },
} as const;

export const systemdSchema = defineSchema({
  ...common,
  daemon_reload: { type: 'boolean', default: false, aliases: ['daemon-reload'], description: 'Run `systemctl daemon-reload` first (not reported as a change).' },
  daemon_reexec: { type: 'boolean', default: false, aliases: ['daemon-reexec'], description: 'Run `systemctl daemon-reexec` first.' },
  masked: { type: 'boolean', description: 'Whether the unit is masked.' },
  force: { type: 'boolean', default: false, description: 'Pass --force to enable/mask (overrides conflicting symlinks).' },
  no_block: { type: 'boolean', default: false, description: 'Do not wait for the start/stop job (--no-block).' },
  scope: { type: 'string', default: 'system', choices: ['system'], description: 'Only the system manager is supported.' },
});

export const serviceSchema = defineSchema({ ...common, name: { ...common.name, required: true, aliases: [] } });

export interface SystemdArgs {
  name?: string;
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  enabled?: boolean;
  daemon_reload?: boolean;
  daemon_reexec?: boolean;
  masked?: boolean;
  force?: boolean;
  no_block?: boolean;
  scope?: 'system';
}
