import { decodeContent, fileContentFact } from '../../facts/file-content.js';
import type { Fact } from '../../facts/types.js';
import type { Module } from '../types.js';
import { crontabLines, render, splitLines } from './crontab.js';
import { cronFilePath, crontabCommand, planCron, type CronFacts } from './plan.js';
import { cronSchema, type CronArgs } from './schema.js';

/** `crontab -l` of a user: its text, or '' when the user has none (exit 1). */
export function crontabFact(user: string | undefined): Fact<{ text: string; error?: string }> {
  return {
    key: `crontab:${user ?? ''}`,
    script: `out=$( { ${crontabCommand(user, '-l')}; } 2>&1); rc=$?; printf '%s\\n' "$rc"; printf '%s' "$out"`,
    parse: (stdout) => {
      const newline = stdout.indexOf('\n');
      const rc = Number(stdout.slice(0, newline));
      const text = stdout.slice(newline + 1);
      if (rc === 0) return { text: text === '' ? '' : `${text}\n` };
      // "no crontab for USER" exits 1; anything else (unknown user, no permission) is an error.
      return rc === 1 && /no crontab for/.test(text) ? { text: '' } : { text: '', error: `Unable to read crontab: ${text.trim()}` };
    },
  };
}

export const cronModule: Module<CronArgs, CronFacts & { error?: string }> = {
  name: 'ansible.builtin.cron',
  aliases: ['cron'],
  schema: cronSchema,
  description: 'Manage cron jobs and cron variables in a user crontab or an /etc/cron.d file.',
  async gather(args, ctx) {
    if (args.cron_file !== undefined) {
      const [file] = await ctx.facts.read([fileContentFact(cronFilePath(args.cron_file))]);
      const existing = decodeContent(file) ?? '';
      return { lines: splitLines(existing), existing, fileExists: file.exists };
    }
    const [crontab] = await ctx.facts.read([crontabFact(args.user)]);
    const lines = crontabLines(crontab.text);
    return { lines, existing: render(lines), ...(crontab.error ? { error: crontab.error } : {}) };
  },
  plan(args, facts) {
    if (facts.error) return { steps: [], fail: facts.error };
    return planCron(args, facts);
  },
};
