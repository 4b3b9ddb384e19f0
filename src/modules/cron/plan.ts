import { posix } from 'node:path';
import { shellQuote } from '../../facts/quote.js';
import type { DiffEntry, Plan, Step, StepOutput } from '../types.js';
import { comment, envNames, findEnv, findJob, jobNames, render, updateJob } from './crontab.js';
import type { CronArgs } from './schema.js';

// Ansible's cron module over the current crontab text: the edit is computed here, the new
// text is installed with `crontab -` (user crontab) or written atomically (cron_file).

export interface CronFacts {
  /** Current lines (header stripped); [] when there is no crontab/file. */
  lines: string[];
  /** The text as read, for the diff and the missing-final-newline rule. */
  existing: string;
  /** Whether cron_file exists (cron_file only). */
  fileExists?: boolean;
}

export function cronFilePath(cronFile: string): string {
  return cronFile.startsWith('/') ? cronFile : posix.join('/etc/cron.d', cronFile);
}

type Edit = { lines: string[]; changed: boolean } | { fail: string };

export function planCron(args: CronArgs, facts: CronFacts): Plan {
  const refused = argumentError(args);
  if (refused) return { steps: [], fail: refused };
  const file = args.cron_file === undefined ? undefined : cronFilePath(args.cron_file);
  const edit = args.env ? editEnv(args, [...facts.lines]) : editJob(args, [...facts.lines], file !== undefined);
  if ('fail' in edit) return { steps: [], fail: edit.fail };
  const header = file ?? (args.user ? `crontab for user "${args.user}"` : 'crontab');
  if (file && !args.env && args.state === 'absent' && edit.changed && edit.lines.every((line) => !line.trim())) {
    // The last job of a cron_file went: the file goes too.
    const diff: DiffEntry = { before: facts.existing, after: '', before_header: file, after_header: '/dev/null' };
    const steps: Step[] = facts.fileExists ? [{ kind: 'exec', command: `rm -f -- ${shellQuote(file)}` }] : [];
    return { steps, diff: [diff], result: { cron_file: args.cron_file, state: args.state } };
  }
  const missingNewline = facts.existing !== '' && !/[\r\n]$/.test(facts.existing);
  const changed = edit.changed || missingNewline;
  const result = { jobs: jobNames(edit.lines), envs: envNames(edit.lines), ...(args.cron_file ? { cron_file: args.cron_file } : {}) };
  if (!changed) return { steps: [], result };
  const after = render(edit.lines);
  const steps: Step[] = [];
  const backupAt = args.backup ? steps.push(backupStep(args.user, file)) - 1 : -1;
  steps.push(file ? { kind: 'put', path: file, content: Buffer.from(after), mode: '0644' } : installStep(args.user, after));
  return {
    steps,
    diff: [{ before: facts.existing, after, before_header: header, after_header: header }],
    result,
    collect: (outputs: StepOutput[]) => (backupAt >= 0 && outputs[backupAt] ? { backup_file: outputs[backupAt].stdout.trim() } : {}),
  };
}

function argumentError(args: CronArgs): string | undefined {
  if (args.cron_file === '/etc/crontab') return 'Will not manage /etc/crontab via cron_file, see documentation.';
  if (args.special_time && [args.minute, args.hour, args.day, args.month, args.weekday].some((field) => field !== '*')) {
    return 'You must specify time and date fields or special time.';
  }
  if (args.state === 'present') {
    if (args.cron_file && !args.user) return 'To use cron_file=... parameter you must specify user=... as well';
    if (args.job === undefined) return "You must specify 'job' to install a new cron job or variable";
    if ((args.insertafter || args.insertbefore) && !args.env) return 'Insertafter and insertbefore parameters are valid only with env=yes';
  }
  if (args.insertafter !== undefined && args.insertbefore !== undefined) return 'parameters are mutually exclusive: insertafter|insertbefore';
  return undefined;
}

function jobLine(args: CronArgs, cronFile: boolean): string {
  const job = (args.job ?? '').replace(/^[\r\n]+|[\r\n]+$/g, '');
  const prefix = args.disabled ? '#' : '';
  const user = cronFile ? ` ${args.user}` : '';
  if (args.special_time) return `${prefix}@${args.special_time}${user} ${job}`;
  return `${prefix}${args.minute} ${args.hour} ${args.day} ${args.month} ${args.weekday}${user} ${job}`;
}

function editJob(args: CronArgs, lines: string[], cronFile: boolean): Edit {
  if (args.state === 'absent') {
    const found = findJob(lines, args.name).found;
    return found ? { lines: updateJob(lines, args.name, undefined), changed: true } : { lines, changed: false };
  }
  const job = jobLine(args, cronFile);
  const old = findJob(lines, args.name, job);
  if (!old.found) return { lines: [...lines, comment(args.name), job], changed: true };
  if (old.line !== job || old.adopted) return { lines: updateJob(lines, args.name, job), changed: true };
  return { lines, changed: false };
}

function editEnv(args: CronArgs, lines: string[]): Edit {
  if (args.name.includes(' ')) return { fail: 'Invalid name for environment variable' };
  const decl = `${args.name}="${args.job ?? ''}"`;
  const index = findEnv(lines, args.name);
  if (args.state === 'absent') return index >= 0 ? { lines: lines.filter((line) => !line.startsWith(`${args.name}=`)), changed: true } : { lines, changed: false };
  if (index >= 0) {
    if (lines[index] === decl) return { lines, changed: false };
    return { lines: lines.flatMap((line) => (line.startsWith(`${args.name}=`) ? [decl] : [line])), changed: true };
  }
  const other = args.insertafter ?? args.insertbefore;
  if (other === undefined) return { lines: [decl, ...lines], changed: true };
  const at = findEnv(lines, other);
  if (at < 0) return { fail: `Variable named '${other}' not found.` };
  lines.splice(args.insertafter !== undefined ? at + 1 : at, 0, decl);
  return { lines, changed: true };
}

/** `crontab -u USER` only for another user: a user may always edit their own crontab without it. */
function crontabCommand(user: string | undefined, operation: string): string {
  if (!user) return `crontab ${operation}`;
  const u = shellQuote(user);
  return `if [ "$(id -un)" = ${u} ]; then crontab ${operation}; else crontab -u ${u} ${operation}; fi`;
}

function installStep(user: string | undefined, text: string): Step {
  return { kind: 'exec', command: crontabCommand(user, '-'), stdin: text };
}

function backupStep(user: string | undefined, file: string | undefined): Step {
  const read = file ? `cat -- ${shellQuote(file)} 2>/dev/null` : `{ ${crontabCommand(user, '-l')}; } 2>/dev/null`;
  return { kind: 'exec', command: `f=$(mktemp /tmp/crontabXXXXXXXX) && { ${read} > "$f" || :; } && printf '%s\\n' "$f"` };
}

export { crontabCommand };
