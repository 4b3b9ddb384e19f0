import { posix } from 'node:path';
import { allTouches, touchAt, type StatValue } from '../../facts/stat.js';
import { shellQuote } from '../../facts/quote.js';
import { dictDiff, planAttributes } from '../common/attrs.js';
import { backupFile, backupStep } from '../common/backup.js';
import { resolveMode } from '../common/mode.js';
import { validateFailure, validateIndex, validateProblem, writeSteps } from '../common/write.js';
import type { DiffEntry, Plan, Step } from '../types.js';
import { absentLines, presentLines, splitKeepingNewlines, type EditResult } from './edit.js';
import type { LineinfileArgs } from './schema.js';

export interface LineinfileFacts {
  stat: StatValue;
  parent: StatValue;
  /** Current text ('' when the file does not exist). */
  content: string;
}

export function planLineinfile(args: LineinfileArgs, facts: LineinfileFacts): Plan {
  const refused = argumentError(args, facts);
  if (refused) return { steps: [], fail: refused.msg, ...(refused.rc ? { result: { rc: refused.rc } } : {}) };
  if (args.state === 'absent' && !facts.stat.exists) return { steps: [], result: { msg: 'file not present', backup: '' } };
  let edit: EditResult;
  try {
    const lines = splitKeepingNewlines(facts.content);
    const insertafter = args.insertbefore === undefined && args.insertafter === undefined ? 'EOF' : args.insertafter;
    edit =
      args.state === 'present'
        ? presentLines(lines, { ...args, line: args.line ?? '', regexp: pyRegex(args.regexp), insertafter, insertbefore: pyRegex(args.insertbefore) })
        : absentLines(lines, { ...args, regexp: pyRegex(args.regexp) });
  } catch (error) {
    return { steps: [], fail: `invalid regular expression: ${(error as Error).message}` };
  }
  return buildPlan(args, facts, edit);
}

function argumentError(args: LineinfileArgs, facts: LineinfileFacts): { msg: string; rc?: number } | undefined {
  if (args.attributes) return { msg: 'attributes (chattr) are not supported by claw-provision' };
  for (const [a, b] of [['insertbefore', 'insertafter'], ['regexp', 'search_string'], ['backrefs', 'search_string']] as const) {
    if (args[a] !== undefined && args[a] !== false && args[b] !== undefined) return { msg: `parameters are mutually exclusive: ${a}|${b}` };
  }
  if (facts.stat.isdir) return { msg: `Path ${args.path} is a directory !`, rc: 256 };
  if (args.state === 'present') {
    if (args.backrefs && args.regexp === undefined) return { msg: 'regexp is required with backrefs=true' };
    if (args.line === undefined) return { msg: 'line is required with state=present' };
    if (!facts.stat.exists && !args.create) return { msg: `Destination ${args.path} does not exist !`, rc: 257 };
  } else if (args.line === undefined && args.regexp === undefined && args.search_string === undefined) {
    return { msg: 'one of line, search_string, or regexp is required with state=absent' };
  }
  const badValidate = validateProblem(args.validate);
  if (badValidate) return { msg: badValidate };
  return undefined;
}

function buildPlan(args: LineinfileArgs, facts: LineinfileFacts, edit: EditResult): Plan {
  const header = (kind: string): string => `${args.path} (${kind})`;
  const contentDiff: DiffEntry = { before: facts.content, after: edit.lines.join(''), before_header: header('content'), after_header: header('content') };
  const found = args.state === 'absent' ? { found: edit.found ?? 0 } : {};
  // A file about to be created has no attributes yet: it gets them with its content.
  const stat: StatValue = facts.stat.exists ? facts.stat : { exists: true, path: args.path, mode: '0644', isreg: true };
  const attrs = planAttributes(args.path, stat, args);
  if (attrs.error) return { steps: [], fail: attrs.error };
  const attrChanged = attrs.steps.length > 0;
  const msg = attrChanged ? `${edit.msg}${edit.changed ? ' and ' : ''}ownership, perms or SE linux context changed` : edit.msg;
  // Unlike the file module's, lineinfile's attribute diff starts empty: no `path` key.
  const { path: _b, ...before } = attrs.before;
  const { path: _a, ...after } = attrs.after;
  const diff = [contentDiff, ...(attrChanged ? [dictDiff(before, after, header('file attributes'))] : [])];
  // mkdir -p may create any missing ancestor: then no `touches`, every cached fact goes.
  const touches = facts.parent.exists ? allTouches([touchAt(args.path, facts.stat)]) : undefined;
  if (!edit.changed) return { steps: attrs.steps, diff, result: { msg, backup: '', ...found }, touches };
  const steps: Step[] = [];
  if (!facts.parent.exists) steps.push({ kind: 'exec', command: `mkdir -p -- ${shellQuote(posix.dirname(args.path))}` });
  const backupAt = args.backup && facts.stat.exists ? steps.push(backupStep(args.path)) - 1 : -1;
  const validateAt = validateIndex(steps.length, args.validate);
  const mode = resolveMode(attrs.mode ?? '0644', undefined, false);
  const owner = args.owner ?? (facts.stat.exists ? facts.stat.pw_name : undefined);
  const group = args.group ?? (facts.stat.exists ? facts.stat.gr_name : undefined);
  steps.push(...writeSteps(args.path, Buffer.from(edit.lines.join(''), 'utf8'), { mode: mode.ok ? mode.mode : undefined, owner, group, validate: args.validate }));
  return {
    steps,
    diff,
    result: { msg, backup: '', ...found },
    touches,
    collect: (outputs) => {
      const backup = backupAt >= 0 ? backupFile(outputs[backupAt]?.stdout) : undefined;
      return { ...(backup ? { backup, backup_file: backup } : {}), ...validateFailure(validateAt >= 0 ? outputs[validateAt] : undefined) };
    },
  };
}

/**
 * Python `re` syntax in JavaScript: named groups `(?P<name>…)` / `(?P=name)`, `\A`/`\Z`, and
 * `$`, which in Python also matches before a final newline (lines here keep theirs).
 */
export function pyRegex(pattern: string | undefined): string | undefined {
  if (pattern === undefined || pattern === 'BOF' || pattern === 'EOF') return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      out += next === 'A' ? '^' : next === 'Z' ? '$' : `\\${next}`;
      i++;
    } else if (inClass) {
      out += ch;
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '$') {
      out += '(?=\\n?$)';
    } else {
      out += ch;
    }
  }
  return out.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
}
