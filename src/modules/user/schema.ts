import { defineSchema } from '../common/schema.js';

export const userSchema = defineSchema({
  name: { type: 'string', required: true, aliases: ['user'], description: 'Login name of the account.' },
  state: { type: 'string', default: 'present', choices: ['present', 'absent'], description: 'Whether the account should exist.' },
  uid: { type: 'integer', description: 'User id.' },
  comment: { type: 'string', description: 'GECOS field (full name).' },
  group: { type: 'string', description: 'Primary group (name or gid); must exist.' },
  groups: { type: 'array', description: 'Supplementary groups (list or comma-separated); an empty string removes all unless append.' },
  append: { type: 'boolean', default: false, description: 'Add to `groups` without removing the user from other groups.' },
  shell: { type: 'string', description: 'Login shell.' },
  home: { type: 'string', description: 'Home directory.' },
  move_home: { type: 'boolean', default: false, description: 'With a new `home`: move the old home directory there (usermod -m).' },
  create_home: { type: 'boolean', default: true, aliases: ['createhome'], description: 'Create the home directory when the account is created.' },
  system: { type: 'boolean', default: false, description: 'Create a system account (useradd -r); ignored for existing accounts.' },
  password: { type: 'string', description: 'Password HASH (crypt format), set with `chpasswd -e` over stdin — never on a command line.' },
  update_password: { type: 'string', default: 'always', choices: ['always', 'on_create'], description: 'Update the hash when it differs, or only for new accounts.' },
  remove: { type: 'boolean', default: false, description: 'With state=absent: remove the home directory and mail spool (userdel -r).' },
  force: { type: 'boolean', default: false, description: 'With state=absent: remove even when logged in (userdel -f).' },
});

export interface UserArgs {
  name: string;
  state: 'present' | 'absent';
  uid?: number;
  comment?: string;
  group?: string;
  groups?: string[];
  append: boolean;
  shell?: string;
  home?: string;
  move_home: boolean;
  create_home: boolean;
  system: boolean;
  password?: string;
  update_password: 'always' | 'on_create';
  remove: boolean;
  force: boolean;
}
