import { defineSchema } from '../common/schema.js';

export const cronSchema = defineSchema({
  name: { type: 'string', required: true, description: 'Job (or variable) name; the job is marked by a "#Ansible: NAME" comment.' },
  user: { type: 'string', description: 'Whose crontab to manage (required with cron_file).' },
  job: { type: 'string', aliases: ['value'], description: 'The command to run (or the variable value with env=true).' },
  cron_file: { type: 'string', description: 'Manage a file in /etc/cron.d (relative names) instead of a user crontab.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Whether the job should exist.' },
  backup: { type: 'boolean', default: false, description: 'Save the previous crontab; its path is returned as backup_file.' },
  minute: { type: 'string', default: '*', description: 'Minute field.' },
  hour: { type: 'string', default: '*', description: 'Hour field.' },
  day: { type: 'string', default: '*', aliases: ['dom'], description: 'Day of month field.' },
  month: { type: 'string', default: '*', description: 'Month field.' },
  weekday: { type: 'string', default: '*', aliases: ['dow'], description: 'Day of week field.' },
  special_time: {
    type: 'string',
    choices: ['reboot', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'hourly'],
    description: 'Use @reboot, @daily... instead of the time fields.',
  },
  disabled: { type: 'boolean', default: false, description: 'Keep the job commented out.' },
  env: { type: 'boolean', default: false, description: 'Manage an environment variable NAME="JOB" instead of a job.' },
  insertafter: { type: 'string', description: 'With env: put the variable after this one.' },
  insertbefore: { type: 'string', description: 'With env: put the variable before this one.' },
});

export interface CronArgs {
  name: string;
  user?: string;
  job?: string;
  cron_file?: string;
  state: 'present' | 'absent';
  backup: boolean;
  minute: string;
  hour: string;
  day: string;
  month: string;
  weekday: string;
  special_time?: string;
  disabled: boolean;
  env: boolean;
  insertafter?: string;
  insertbefore?: string;
}
