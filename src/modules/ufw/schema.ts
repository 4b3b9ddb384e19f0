import { defineSchema } from '../common/schema.js';

// community.general.ufw's argument names, aliases and defaults.

export interface UfwArgs {
  state?: 'enabled' | 'disabled' | 'reloaded' | 'reset';
  default?: 'allow' | 'deny' | 'reject';
  logging?: 'on' | 'off' | 'low' | 'medium' | 'high' | 'full';
  direction?: 'in' | 'incoming' | 'out' | 'outgoing' | 'routed';
  rule?: 'allow' | 'deny' | 'limit' | 'reject';
  insert?: number;
  from_ip: string;
  from_port?: string;
  to_ip: string;
  to_port?: string;
  proto?: 'any' | 'tcp' | 'udp' | 'ipv6' | 'esp' | 'ah' | 'gre' | 'igmp';
  interface?: string;
  interface_in?: string;
  interface_out?: string;
  log: boolean;
  comment?: string;
  delete: boolean;
  route: boolean;
}

export const ufwSchema = defineSchema({
  state: { type: 'string', choices: ['enabled', 'disabled', 'reloaded', 'reset'], description: 'enabled/disabled turn the firewall on or off (enabling is refused unless the current SSH port stays reachable); reloaded and reset always change.' },
  default: { type: 'string', choices: ['allow', 'deny', 'reject'], aliases: ['policy'], description: 'Default policy for `direction` (incoming when unset).' },
  logging: { type: 'string', choices: ['on', 'off', 'low', 'medium', 'high', 'full'], description: 'Firewall log level.' },
  direction: { type: 'string', choices: ['in', 'incoming', 'out', 'outgoing', 'routed'], description: 'in/out for rules; incoming/outgoing/routed for default policies.' },
  rule: { type: 'string', choices: ['allow', 'deny', 'limit', 'reject'], description: 'Add (or, with delete, remove) a rule with this action.' },
  insert: { type: 'integer', description: 'Insert the rule at this position (1-based) instead of appending.' },
  from_ip: { type: 'string', default: 'any', aliases: ['from', 'src'], description: 'Source address or network.' },
  from_port: { type: 'string', description: 'Source port(s).' },
  to_ip: { type: 'string', default: 'any', aliases: ['dest', 'to'], description: 'Destination address or network.' },
  to_port: { type: 'string', aliases: ['port'], description: 'Destination port(s): 22, 80,443 or 6000:6010.' },
  proto: { type: 'string', aliases: ['protocol'], choices: ['any', 'tcp', 'udp', 'ipv6', 'esp', 'ah', 'gre', 'igmp'], description: 'Protocol.' },
  interface: { type: 'string', aliases: ['if'], description: 'Interface the rule applies to (with direction).' },
  interface_in: { type: 'string', aliases: ['if_in'], description: 'Incoming interface of a routed rule.' },
  interface_out: { type: 'string', aliases: ['if_out'], description: 'Outgoing interface of a routed rule.' },
  log: { type: 'boolean', default: false, description: 'Log new connections matched by the rule.' },
  comment: { type: 'string', description: 'Comment stored with the rule.' },
  delete: { type: 'boolean', default: false, description: 'Delete the rule instead of adding it.' },
  route: { type: 'boolean', default: false, description: 'A routed (forwarding) rule.' },
});
