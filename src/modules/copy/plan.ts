import { posix } from 'node:path';
import { allTouches, touchAt, type StatValue } from '../../facts/stat.js';
import { dictDiff, planAttributes } from '../common/attrs.js';
import { backupFile, backupStep } from '../common/backup.js';
import { resolveMode } from '../common/mode.js';
import { validateFailure, validateIndex, validateProblem, writeSteps } from '../common/write.js';
import type { DiffEntry, Plan, Step, StepOutput } from '../types.js';
import { sha1Hex } from './checksum.js';
import type { WriteFacts } from './facts.js';
import type { WriteArgs } from './schema.js';

// copy and template after the bytes are known: compare the host's sha1 with ours before
// sending anything; when they differ, back up, write atomically (to a temp path first when
// `validate` must pass before DEST changes), and fix mode/owner/group.

export interface Source {
  data: Buffer;
  /** The controller path, for the diff header and the result (absent for `content`). */
  path?: string;
}

export function planWrite(args: WriteArgs, facts: WriteFacts, source: Source): Plan {
  const sha1 = sha1Hex(source.data);
  const path = facts.path;
  const result: Record<string, unknown> = { dest: path, checksum: sha1, size: source.data.length, ...(source.path ? { src: source.path } : {}) };
  if (args.attributes) return { steps: [], fail: 'attributes (chattr) are not supported by claw-provision' };
  if (facts.dest.isdir) return { steps: [], fail: `Destination ${path} is a directory`, result };
  if (facts.dest.exists && !args.force) return { steps: [], result: { ...result, msg: 'file already exists' } };
  // The diff still shows what would be written: in check mode an earlier task may only have
  // pretended to create the directory, and the runner reports the task as "would run".
  if (!facts.parent.exists) return { steps: [], fail: `Destination directory ${posix.dirname(path)} does not exist`, result, diff: [contentDiff(path, facts, source)] };
  const badValidate = validateProblem(args.validate);
  if (badValidate) return { steps: [], fail: badValidate, result };
  if (facts.dest.checksum === sha1) return attributesOnly(args, path, facts.dest, result);
  const mode = resolveMode(args.mode ?? facts.dest.mode ?? '0644', facts.dest.mode, false);
  if (!mode.ok) return { steps: [], fail: mode.msg, result };
  const owner = args.owner ?? (facts.dest.exists ? facts.dest.pw_name : undefined);
  const group = args.group ?? (facts.dest.exists ? facts.dest.gr_name : undefined);
  const steps: Step[] = [];
  const backupAt = args.backup && facts.dest.exists ? steps.push(backupStep(path)) - 1 : -1;
  const validateAt = validateIndex(steps.length, args.validate);
  steps.push(...writeSteps(path, source.data, { mode: mode.mode, owner, group, validate: args.validate }));
  return {
    steps,
    diff: [contentDiff(path, facts, source)],
    result: { ...result, mode: mode.mode, state: 'file', ...(owner ? { owner } : {}), ...(group ? { group } : {}) },
    collect: (outputs) => collectWrite(outputs, backupAt, validateAt),
    touches: allTouches([touchAt(path, facts.dest)]),
  };
}

function attributesOnly(args: WriteArgs, path: string, dest: StatValue, result: Record<string, unknown>): Plan {
  const attrs = planAttributes(path, dest, args);
  if (attrs.error) return { steps: [], fail: attrs.error, result };
  const final = { ...result, mode: attrs.mode, owner: args.owner ?? dest.pw_name, group: args.group ?? dest.gr_name, state: 'file' };
  if (attrs.steps.length === 0) return { steps: [], result: final };
  return { steps: attrs.steps, diff: [dictDiff(attrs.before, attrs.after)], result: final, touches: allTouches([touchAt(path, dest)]) };
}

function collectWrite(outputs: StepOutput[], backupAt: number, validateAt: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const backup = backupAt >= 0 ? backupFile(outputs[backupAt]?.stdout) : undefined;
  if (backup) fields['backup_file'] = backup;
  return { ...fields, ...validateFailure(validateAt >= 0 ? outputs[validateAt] : undefined) };
}

function contentDiff(path: string, facts: WriteFacts, source: Source): DiffEntry {
  const before = facts.before?.content !== undefined ? Buffer.from(facts.before.content, 'base64').toString('utf8') : '';
  return { before, after: source.data.toString('utf8'), before_header: path, after_header: source.path ?? 'dynamically generated' };
}
