import { posix } from 'node:path';
import { pathJoin } from '../common/path.js';
import type { StatValue } from '../../facts/stat.js';
import { shellQuote } from '../../facts/quote.js';
import { dictDiff, planAttributes, type AttrPlan } from '../common/attrs.js';
import { resolveMode } from '../common/mode.js';
import type { Plan, Step } from '../types.js';
import type { FileFacts } from './facts.js';
import { withAttributes, type PrevState, prevState } from './plan.js';
import type { FileArgs } from './schema.js';

// The states that create things: directories (every missing ancestor gets the attributes, as
// Ansible does), symlinks (replaced atomically through a temp link + rename) and hard links.

export function planDirectory(args: FileArgs, facts: FileFacts, prev: PrevState): Plan {
  let stat = facts.path;
  let state = prev;
  if (prev === 'link' && args.follow) {
    stat = facts.target;
    state = prevState(facts.target);
  }
  if (state === 'absent') return createDirectories(args, facts);
  if (state !== 'directory') return { steps: [], fail: `${args.path} already exists as a ${state}`, result: { path: args.path } };
  const plan = withAttributes(args, stat, 'directory', 'directory', [], { path: args.path });
  if (args.recurse && facts.recurseDiffers && !plan.fail) {
    if (args.mode !== undefined && typeof args.mode === 'string' && !/^[0-7]+$/.test(args.mode)) {
      return { steps: [], fail: 'recurse with a symbolic mode is not supported by claw-provision; use an octal mode' };
    }
    plan.steps.push(...recursiveSteps(args));
    plan.diff ??= [dictDiff({ path: args.path }, { path: args.path })];
  }
  return plan;
}

function recursiveSteps(args: FileArgs): Step[] {
  const q = shellQuote(args.path);
  const steps: Step[] = [];
  if (args.owner !== undefined) steps.push({ kind: 'exec', command: `chown -R ${shellQuote(args.owner)} ${q}` });
  if (args.group !== undefined) steps.push({ kind: 'exec', command: `chgrp -R ${shellQuote(args.group)} ${q}` });
  if (args.mode !== undefined) {
    const mode = resolveMode(args.mode, undefined, true);
    if (mode.ok) steps.push({ kind: 'exec', command: `chmod -R ${mode.mode} ${q}` });
  }
  return steps;
}

function createDirectories(args: FileArgs, facts: FileFacts): Plan {
  const missing = (facts.ancestors ?? []).filter((stat) => !stat.exists);
  const steps: Step[] = [];
  let attrs: AttrPlan | undefined;
  for (const dir of missing.length > 0 ? missing : [{ exists: false, path: args.path }]) {
    // A fresh directory has what mkdir under a 022 umask gives it; each gets the attributes.
    attrs = planAttributes(dir.path, { exists: true, path: dir.path, mode: '0755', isdir: true }, args);
    if (attrs.error) return { steps: [], fail: attrs.error, result: { path: args.path } };
    steps.push(...mkdirSteps(dir.path, attrs));
  }
  // Ansible's diff accumulates in one dict: the last directory's attribute changes show.
  const before = { ...attrs?.before, path: args.path, state: 'absent' };
  const after = { ...attrs?.after, path: args.path, state: 'directory' };
  return { steps, diff: [dictDiff(before, after)], result: { path: args.path, state: 'directory', ...(attrs?.mode ? { mode: attrs.mode } : {}) } };
}

/**
 * mkdir, then the attribute steps. When a plain mode is the only change it goes with mkdir
 * (`-m`: one process less, and no moment with another mode); with an owner or group change
 * the steps stay as planned (chown may clear mode bits, so chmod comes last).
 */
function mkdirSteps(path: string, attrs: AttrPlan): Step[] {
  const q = shellQuote(path);
  const mode = attrs.mode;
  // Another task or host may create the same directory at the same time (Ansible tolerates it
  // too); the mode is then set as on a directory that existed.
  if (attrs.steps.length === 1 && attrs.after['mode'] !== undefined && mode && /^0?[0-7]{3}$/.test(mode)) {
    return [{ kind: 'exec', command: `mkdir -m ${mode} -- ${q} 2>/dev/null || { [ -d ${q} ] && chmod ${mode} ${q}; }` }];
  }
  return [{ kind: 'exec', command: `mkdir -- ${q} 2>/dev/null || [ -d ${q} ]` }, ...attrs.steps];
}

export function planLink(args: FileArgs, facts: FileFacts, prev: PrevState): Plan {
  const src = args.src ?? (args.follow && prev === 'link' ? facts.path.lnk_target : undefined);
  const absrc = src === undefined ? undefined : pathJoin(posix.dirname(args.path), src);
  const fail = (msg: string): Plan => ({ steps: [], fail: msg, result: { path: args.path } });
  if (!args.force && src !== undefined && args.src !== undefined && facts.src && !facts.src.exists) {
    return fail(`src file does not exist, use "force=yes" if you really want to create the link: ${absrc}`);
  }
  if (prev === 'directory' && !args.force) return fail(`refusing to convert from directory to symlink for ${args.path}`);
  if ((prev === 'file' || prev === 'hard') && !args.force) return fail(`refusing to convert from ${prev} to symlink for ${args.path}`);
  if (src === undefined) return fail('src is required for creating new symlinks');
  const changed = prev !== 'link' || facts.path.lnk_target !== src;
  const steps: Step[] = changed ? [replaceWith(args.path, prev, `ln -s -- ${shellQuote(src)}`)] : [];
  const before: Record<string, unknown> = { path: args.path };
  const after: Record<string, unknown> = { path: args.path };
  if (prev !== 'link') {
    before['state'] = prev;
    after['state'] = 'link';
  } else if (changed) {
    before['src'] = facts.path.lnk_target;
    after['src'] = src;
  }
  const result = { dest: args.path, src, state: 'link' };
  if (!changed) return withAttributes(args, args.follow ? facts.target : facts.path, 'link', 'link', [], result, { noDereference: !args.follow });
  return { steps, diff: [dictDiff(before, after)], result };
}

export function planHard(args: FileArgs, facts: FileFacts, prev: PrevState): Plan {
  const fail = (msg: string): Plan => ({ steps: [], fail: msg, result: { path: args.path } });
  if (args.src === undefined) return fail('src is required for creating new hardlinks');
  if (!facts.src?.exists) return { steps: [], fail: 'src does not exist', result: { dest: args.path, src: args.src } };
  const same = facts.path.exists && facts.path.inode === facts.src.inode;
  if (same) return withAttributes(args, facts.path, 'hard', 'hard', [], { dest: args.path, src: args.src });
  if (prev === 'hard' && !args.force) return fail('Cannot link, different hard link exists at destination');
  if ((prev === 'file' || prev === 'directory') && !args.force) return fail(`Cannot link, ${prev} exists at destination`);
  const step = replaceWith(args.path, prev, `ln -- ${shellQuote(args.src)}`);
  return {
    steps: [step],
    diff: [dictDiff({ path: args.path, state: prev }, { path: args.path, state: 'hard' })],
    result: { dest: args.path, src: args.src, state: 'hard' },
  };
}

/** Creates the link next to the path, then renames it over the old entry (rmdir first for a directory). */
function replaceWith(path: string, prev: PrevState, link: string): Step {
  const q = shellQuote(path);
  if (prev === 'absent') return { kind: 'exec', command: `${link} ${q}` };
  const tmp = shellQuote(posix.join(posix.dirname(path), `.${posix.basename(path)}.claw-tmp`));
  const rmdir = prev === 'directory' ? `rmdir -- ${q} && ` : '';
  return { kind: 'exec', command: `${link} ${tmp} && ${rmdir}mv -Tf -- ${tmp} ${q}` };
}
