import type { Plan, Step } from '../types.js';
import type { UfwFacts } from './facts.js';
import { parseTuple, ruleCommand, ruleFamilies, ruleTuples } from './rule.js';
import type { UfwArgs } from './schema.js';
import { keepsSshReachable, parseSshConnection } from './ssh-guard.js';

// community.general.ufw: each of state, default, rule and logging (in Ansible's order) is
// compared with ufw's own files and becomes a `ufw ...` command only when it differs.

const POLICY = { allow: 'ACCEPT', deny: 'DROP', reject: 'REJECT' } as const;
const LEVELS = ['low', 'medium', 'high', 'full'];

interface Pending {
  steps: Step[];
  /** Tuples as they will be once this task ran (for the SSH guard). */
  tuples: Array<{ family: 'v4' | 'v6'; tuple: string }>;
  inputPolicy: string;
}

export function planUfw(args: UfwArgs, facts: UfwFacts): Plan {
  const invalid = validate(args);
  if (invalid) return { steps: [], fail: invalid };
  if (!facts.installed) return { steps: [], fail: 'Failed to find required executable "ufw" in paths' };
  const pending: Pending = { steps: [], tuples: [...facts.tuples], inputPolicy: facts.settings['DEFAULT_INPUT_POLICY'] ?? 'DROP' };
  const stateStep = planState(args, facts);
  if (args.default) planDefault(args, facts, pending);
  if (args.rule) {
    const failed = planRule(args, facts, pending);
    if (failed) return { steps: [], fail: failed };
  }
  if (args.logging) planLogging(args.logging, facts, pending);
  const refused = sshGuard(facts, pending, stateStep?.command);
  if (refused) return { steps: [], fail: refused };
  // State first, as Ansible runs it; rules written while disabled are loaded by the enable.
  const steps = stateStep ? [stateStep, ...pending.steps] : pending.steps;
  return { steps, result: { commands: steps.map((step) => (step.kind === 'exec' ? step.command : '')) } };
}

function validate(args: UfwArgs): string | undefined {
  if (!args.state && !args.default && !args.rule && !args.logging) return 'one of the following is required: state, default, rule, logging';
  if (args.logging && args.proto) return 'parameters are mutually exclusive: proto|logging';
  const dir = args.direction;
  if (args.default && dir && !['incoming', 'outgoing', 'routed'].includes(dir)) {
    return 'For default, direction must be one of "outgoing", "incoming" and "routed", or direction must not be specified.';
  }
  if (args.interface && !dir) return "missing parameter(s) required by 'interface': direction";
  if (dir && (args.interface_in || args.interface_out)) return `parameters are mutually exclusive: direction|${args.interface_in ? 'interface_in' : 'interface_out'}`;
  if (args.rule && dir && !['in', 'out'].includes(dir)) return 'For rules, direction must be one of "in" and "out", or direction must not be specified.';
  if (args.rule && args.interface_in && args.interface_out && !args.route) return 'Only route rules can combine interface_in and interface_out';
  return undefined;
}

function planState(args: UfwArgs, facts: UfwFacts): (Step & { kind: 'exec' }) | undefined {
  switch (args.state) {
    case 'enabled':
      return facts.active ? undefined : { kind: 'exec', command: 'ufw -f enable' };
    case 'disabled':
      return facts.active ? { kind: 'exec', command: 'ufw -f disable' } : undefined;
    case 'reloaded':
      return { kind: 'exec', command: 'ufw -f reload' };
    case 'reset':
      return { kind: 'exec', command: 'ufw -f reset' };
    default:
      return undefined;
  }
}

function planDefault(args: UfwArgs, facts: UfwFacts, pending: Pending): void {
  const policy = args.default ?? 'deny';
  const chain = args.direction === 'outgoing' ? 'OUTPUT' : args.direction === 'routed' ? 'FORWARD' : 'INPUT';
  const want = POLICY[policy];
  if (chain === 'INPUT') pending.inputPolicy = want;
  if (facts.settings[`DEFAULT_${chain}_POLICY`] === want) return;
  pending.steps.push({ kind: 'exec', command: `ufw default ${policy}${args.direction ? ` ${args.direction}` : ''}` });
}

function planRule(args: UfwArgs, facts: UfwFacts, pending: Pending): string | undefined {
  const families = ruleFamilies(args, facts.settings['IPV6'] !== 'no');
  if (typeof families === 'string') return families;
  const wanted = ruleTuples(args, families);
  const stored = facts.tuples.map((entry) => ({ family: entry.family, ...parseTuple(entry.tuple) }));
  const find = (want: (typeof wanted)[number]) => stored.find((have) => have.family === want.family && have.key === want.key);
  if (args.delete) {
    if (!wanted.some((want) => find(want))) return undefined;
    const keys = new Set(wanted.map((want) => `${want.family} ${want.key}`));
    pending.tuples = pending.tuples.filter((entry) => !keys.has(`${entry.family} ${parseTuple(entry.tuple).key}`));
  } else {
    pending.tuples.push(...wanted.map((want) => ({ family: want.family, tuple: want.key })));
    if (wanted.every((want) => { const have = find(want); return have !== undefined && have.comment === want.comment; })) return undefined;
  }
  pending.steps.push({ kind: 'exec', command: ruleCommand(args) });
  return undefined;
}

function planLogging(level: NonNullable<UfwArgs['logging']>, facts: UfwFacts, pending: Pending): void {
  const current = facts.settings['LOGLEVEL'] ?? 'off';
  const unchanged = level === 'on' ? LEVELS.includes(current) : level === current;
  if (!unchanged) pending.steps.push({ kind: 'exec', command: `ufw logging ${level}` });
}

/**
 * Enabling must leave the SSH session reachable; on an active firewall a rule or policy
 * change must not take away the reachability the session has now.
 */
function sshGuard(facts: UfwFacts, pending: Pending, stateCommand: string | undefined): string | undefined {
  const session = parseSshConnection(facts.ssh);
  if (!session) return undefined;
  const enabling = stateCommand === 'ufw -f enable';
  const activeChange = facts.active && stateCommand === undefined && pending.steps.length > 0;
  if (!enabling && !activeChange) return undefined;
  const family = session.client.includes(':') && !session.client.startsWith('::ffff:') ? 'v6' : 'v4';
  const reachable = (tuples: UfwFacts['tuples'], policy: string) =>
    policy === 'ACCEPT' || keepsSshReachable(session, tuples.filter((entry) => entry.family === family).map((entry) => entry.tuple));
  if (reachable(pending.tuples, pending.inputPolicy)) return undefined;
  if (activeChange && !reachable(facts.tuples, facts.settings['DEFAULT_INPUT_POLICY'] ?? 'DROP')) return undefined;
  const what = enabling ? 'enable ufw' : 'change the active firewall';
  return (
    `Refusing to ${what}: no rule would allow the current SSH connection (tcp port ${session.port} from ${session.client}), ` +
    `so this would lock the session out. Add a rule first, e.g. community.general.ufw: {rule: allow, to_port: '${session.port}', proto: tcp}.`
  );
}
