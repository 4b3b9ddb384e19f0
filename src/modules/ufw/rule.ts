import { shellQuote } from '../../facts/quote.js';
import type { UfwArgs } from './schema.js';

// A rule as ufw stores it: "### tuple ### ACTION PROTO DPORT DST SPORT SRC DIRECTION [comment=HEX]".
// Building the same tuple from the arguments makes "is this rule there?" a string comparison.

export interface RuleTuple {
  family: 'v4' | 'v6';
  /** Tuple without the comment. */
  key: string;
  comment: string | undefined;
}

const ANY = { v4: '0.0.0.0/0', v6: '::/0' } as const;

const familyOf = (address: string): 'v4' | 'v6' | 'any' => (address === 'any' ? 'any' : address.includes(':') ? 'v6' : 'v4');

/** ufw prints single hosts without their prefix length. */
function normalizeAddress(address: string, family: 'v4' | 'v6'): string {
  if (address === 'any') return ANY[family];
  return address.replace(family === 'v4' ? /\/32$/ : /\/128$/, '');
}

/** The families the rule lands in (ufw adds an "any to any" rule to both when IPv6 is on). */
export function ruleFamilies(args: UfwArgs, ipv6: boolean): Array<'v4' | 'v6'> | string {
  const from = familyOf(args.from_ip);
  const to = familyOf(args.to_ip);
  if (from !== 'any' && to !== 'any' && from !== to) return 'Invalid position of from/to addresses: mixing IPv4 and IPv6';
  const family = from !== 'any' ? from : to;
  if (family === 'any') return ipv6 ? ['v4', 'v6'] : ['v4'];
  return [family];
}

export function ruleTuples(args: UfwArgs, families: Array<'v4' | 'v6'>): RuleTuple[] {
  const action = `${args.route ? 'route:' : ''}${args.rule ?? 'allow'}${args.log ? '_log' : ''}`;
  const direction = directionField(args);
  return families.map((family) => {
    const fields = [action, args.proto ?? 'any', args.to_port ?? 'any', normalizeAddress(args.to_ip, family), args.from_port ?? 'any', normalizeAddress(args.from_ip, family), direction];
    return { family, key: fields.join(' '), comment: args.comment };
  });
}

function directionField(args: UfwArgs): string {
  const dir = args.direction === 'out' ? 'out' : 'in';
  if (args.route) {
    const parts = [args.interface_in ? `in_${args.interface_in}` : '', args.interface_out ? `out_${args.interface_out}` : ''].filter(Boolean);
    if (args.interface) parts.unshift(`${dir}_${args.interface}`);
    return parts.length > 0 ? parts.join('!') : dir;
  }
  return args.interface ? `${dir}_${args.interface}` : dir;
}

/** Splits a stored tuple into its key (without comment) and decoded comment. */
export function parseTuple(tuple: string): { key: string; comment: string | undefined } {
  const match = / comment=([0-9a-f]*)$/.exec(tuple);
  if (!match) return { key: tuple, comment: undefined };
  return { key: tuple.slice(0, match.index), comment: Buffer.from(match[1] ?? '', 'hex').toString('utf8') };
}

/** The command line Ansible's module builds for a rule (same words, same order). */
export function ruleCommand(args: UfwArgs): string {
  const words = ['ufw'];
  if (args.route) words.push('route');
  if (args.delete) words.push('delete');
  if (args.insert !== undefined && !args.delete) words.push('insert', String(args.insert));
  words.push(args.rule ?? 'allow');
  if (args.direction) words.push(args.direction);
  if (args.interface) words.push('on', shellQuote(args.interface));
  if (args.interface_in) words.push('in', 'on', shellQuote(args.interface_in));
  if (args.interface_out) words.push('out', 'on', shellQuote(args.interface_out));
  if (args.log) words.push('log');
  words.push('from', shellQuote(args.from_ip));
  if (args.from_port) words.push('port', shellQuote(args.from_port));
  words.push('to', shellQuote(args.to_ip));
  if (args.to_port) words.push('port', shellQuote(args.to_port));
  if (args.proto && args.proto !== 'any') words.push('proto', args.proto);
  if (args.comment !== undefined && !args.delete) words.push('comment', shellQuote(args.comment));
  return words.join(' ');
}
