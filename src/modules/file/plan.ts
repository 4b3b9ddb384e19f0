import { allTouches, touchAt, type StatValue } from '../../facts/stat.js';
import type { Touch } from '../../facts/types.js';
import { shellQuote } from '../../facts/quote.js';
import { dictDiff, planAttributes } from '../common/attrs.js';
import type { Plan, Step } from '../types.js';
import type { FileFacts } from './facts.js';
import { planDirectory, planLink, planHard } from './links.js';
import type { FileArgs, FileState } from './schema.js';

// Ansible's file module as a pure function of (args, facts). Each state returns the steps
// that make the path so, plus the {path, state, mode, ...} before/after dicts of its diff.

export type PrevState = 'absent' | 'directory' | 'file' | 'hard' | 'link' | 'other';

export function prevState(stat: StatValue): PrevState {
  if (!stat.exists) return 'absent';
  if (stat.islnk) return 'link';
  if (stat.isdir) return 'directory';
  if (stat.isreg) return (stat.nlink ?? 1) > 1 ? 'hard' : 'file';
  return 'other';
}

export function planFile(args: FileArgs, facts: FileFacts): Plan {
  const prev = prevState(facts.path);
  const state: FileState = args.state ?? (prev !== 'absent' && prev !== 'other' ? prev : args.recurse ? 'directory' : 'file');
  if (args.attributes) return { steps: [], fail: 'attributes (chattr) are not supported by claw-provision' };
  for (const key of ['modification_time', 'access_time'] as const) {
    if (args[key] !== undefined && args[key] !== 'preserve') return { steps: [], fail: `${key} other than 'preserve' is not supported by claw-provision` };
  }
  if (args.recurse && state !== 'directory') return { steps: [], fail: "recurse option requires state to be 'directory'", result: { path: args.path } };
  if (args.src !== undefined && state !== 'link' && state !== 'hard') {
    return { steps: [], fail: "src option requires state to be 'link' or 'hard'", result: { path: args.path } };
  }
  const plan = planState(args, facts, prev, state);
  return plan.steps.length > 0 ? { ...plan, touches: fileTouches(args, facts, prev, state) } : plan;
}

function planState(args: FileArgs, facts: FileFacts, prev: PrevState, state: FileState): Plan {
  switch (state) {
    case 'absent':
      return planAbsent(args.path, prev);
    case 'touch':
      return planTouch(args, facts, prev);
    case 'file':
      return planExistingFile(args, facts, prev);
    case 'directory':
      return planDirectory(args, facts, prev);
    case 'link':
      return planLink(args, facts, prev);
    case 'hard':
      return planHard(args, facts, prev);
  }
}

/** The paths the steps change (see Plan.touches); undefined when they may reach further. */
function fileTouches(args: FileArgs, facts: FileFacts, prev: PrevState, state: FileState): Touch[] | undefined {
  switch (state) {
    case 'hard':
      return undefined; // the source's link count changes too, under its own name
    case 'link':
      return [{ path: args.path, recursive: true }];
    case 'directory': {
      if (prev !== 'absent') return [{ path: args.path, recursive: true }];
      const missing = (facts.ancestors ?? []).filter((stat) => !stat.exists).map((stat) => stat.path);
      return (missing.length > 0 ? missing : [args.path]).map((path) => ({ path, recursive: false }));
    }
    default:
      return allTouches([touchAt(args.path, facts.path)]);
  }
}

function planAbsent(path: string, prev: PrevState): Plan {
  if (prev === 'absent') return { steps: [], result: { path, state: 'absent' } };
  const command = prev === 'directory' ? `rm -rf -- ${shellQuote(path)}` : `rm -f -- ${shellQuote(path)}`;
  return {
    steps: [{ kind: 'exec', command }],
    diff: [dictDiff({ path, state: prev }, { path, state: 'absent' })],
    result: { path, state: 'absent' },
  };
}

function planTouch(args: FileArgs, facts: FileFacts, prev: PrevState): Plan {
  const touch: Step = { kind: 'exec', command: `touch -- ${shellQuote(args.path)}` };
  // A new file gets the mode its creation would give it; attributes then apply as usual.
  const stat: StatValue = prev === 'absent' ? { exists: true, path: args.path, mode: '0644', isreg: true } : args.follow ? facts.target : facts.path;
  return withAttributes(args, stat, prev, 'touch', [touch], { dest: args.path });
}

function planExistingFile(args: FileArgs, facts: FileFacts, prev: PrevState): Plan {
  let stat = facts.path;
  let state = prev;
  if (prev === 'link' && args.follow) {
    stat = facts.target;
    state = prevState(facts.target);
  }
  const path = prev === 'link' && args.follow && facts.path.lnk_source ? facts.path.lnk_source : args.path;
  if (state !== 'file' && state !== 'hard') return { steps: [], fail: `file (${path}) is ${state}, cannot continue`, result: { path, state } };
  return withAttributes({ ...args, path }, stat, 'file', 'file', [], { path });
}

/** Appends the mode/owner/group steps to `steps` and builds the diff and result. */
export function withAttributes(
  args: FileArgs,
  stat: StatValue,
  prev: PrevState,
  state: FileState,
  steps: Step[],
  result: Record<string, unknown>,
  options: { noDereference?: boolean } = {},
): Plan {
  const attrs = planAttributes(args.path, stat, args, options);
  if (attrs.error) return { steps: [], fail: attrs.error, result: { path: args.path } };
  const before = { ...attrs.before, ...(prev !== state ? { state: prev } : {}) };
  const after = { ...attrs.after, ...(prev !== state ? { state } : {}) };
  const all = [...steps, ...attrs.steps];
  const finalState = state === 'touch' ? 'file' : state;
  return {
    steps: all,
    ...(all.length > 0 ? { diff: [dictDiff(before, after)] } : {}),
    result: { ...result, state: finalState, ...(attrs.mode ? { mode: attrs.mode } : {}), ...owners(args, stat) },
  };
}

function owners(args: FileArgs, stat: StatValue): Record<string, unknown> {
  const owner = args.owner ?? stat.pw_name;
  const group = args.group ?? stat.gr_name;
  return { ...(owner !== undefined ? { owner } : {}), ...(group !== undefined ? { group } : {}) };
}
