import type { StatValue } from '../../facts/stat.js';
import { shellQuote } from '../../facts/quote.js';
import type { DiffEntry, Step } from '../types.js';
import { resolveMode } from './mode.js';

// mode/owner/group of an existing path, Ansible's "file common args": one command per
// attribute that differs, and the {path, mode, owner, group} before/after dicts its diff shows.

export interface AttrArgs {
  mode?: string | number | undefined;
  owner?: string | undefined;
  group?: string | undefined;
}

export interface AttrPlan {
  steps: Step[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** The mode the path ends up with (four-digit octal), when known. */
  mode?: string;
  error?: string;
}

export function planAttributes(path: string, stat: StatValue, args: AttrArgs, options: { noDereference?: boolean } = {}): AttrPlan {
  const plan: AttrPlan = { steps: [], before: { path }, after: { path } };
  const q = shellQuote(path);
  const h = options.noDereference ? ' -h' : '';
  if (args.owner !== undefined && !sameId(args.owner, stat.pw_name, stat.uid)) {
    plan.steps.push({ kind: 'exec', command: `chown${h} ${shellQuote(args.owner)} ${q}` });
    plan.before['owner'] = stat.pw_name;
    plan.after['owner'] = args.owner;
  }
  if (args.group !== undefined && !sameId(args.group, stat.gr_name, stat.gid)) {
    plan.steps.push({ kind: 'exec', command: `chgrp${h} ${shellQuote(args.group)} ${q}` });
    plan.before['group'] = stat.gr_name;
    plan.after['group'] = args.group;
  }
  if (args.mode !== undefined) {
    const resolved = resolveMode(args.mode, stat.mode, stat.isdir === true);
    if (!resolved.ok) return { ...plan, error: resolved.msg };
    plan.mode = resolved.mode;
    // Links have no mode of their own on Linux; chmod would follow them.
    if (resolved.mode !== stat.mode && !(options.noDereference && stat.islnk)) {
      plan.steps.push({ kind: 'exec', command: `chmod ${resolved.mode} ${q}` });
      plan.before['mode'] = stat.mode;
      plan.after['mode'] = resolved.mode;
    }
  } else {
    plan.mode = stat.mode;
  }
  return plan;
}

function sameId(wanted: string, name: string | undefined, id: number | undefined): boolean {
  return /^\d+$/.test(wanted) ? Number(wanted) === id : wanted === name;
}

/** Ansible's callback serialises dict diffs as sorted, 4-space-indented JSON plus a newline. */
export function dictDiff(before: Record<string, unknown>, after: Record<string, unknown>, header?: string): DiffEntry {
  const entry: DiffEntry = { before: serialize(before), after: serialize(after) };
  if (header !== undefined) {
    entry.before_header = header;
    entry.after_header = header;
  }
  return entry;
}

function serialize(value: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify(sorted, null, 4)}\n`;
}
