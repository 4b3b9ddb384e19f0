import { shellQuote } from '../../facts/quote.js';
import type { Plan, Step } from '../types.js';
import type { PasswdEntry } from './facts.js';
import type { UserArgs } from './schema.js';

// ansible.builtin.user with useradd/usermod/userdel. The password hash never goes on a
// command line (usermod -p would show it in ps): `chpasswd -e` reads it from stdin.

export interface UserFacts {
  user: PasswdEntry | null;
  /** Which of the groups the task names (group, groups, and the login name) exist. */
  existingGroups: string[];
}

const NOT_LOGGING = 'NOT_LOGGING_PASSWORD';

export function planUser(args: UserArgs, facts: UserFacts): Plan {
  if (args.state === 'absent') return planAbsent(args, facts.user);
  const wanted = wantedGroups(args);
  const missing = [...(args.group !== undefined ? [args.group] : []), ...(wanted ?? [])].find((g) => !facts.existingGroups.includes(g));
  if (missing !== undefined) return { steps: [], fail: `Group ${missing} does not exist` };
  return facts.user ? planModify(args, facts.user, wanted) : planCreate(args, facts, wanted);
}

function wantedGroups(args: UserArgs): string[] | undefined {
  return args.groups === undefined ? undefined : [...new Set(args.groups.map((g) => g.trim()).filter(Boolean))];
}

function planAbsent(args: UserArgs, user: PasswdEntry | null): Plan {
  const result = { name: args.name, state: 'absent', force: args.force, remove: args.remove };
  if (!user) return { steps: [], result };
  const flags = [...(args.force ? ['-f'] : []), ...(args.remove ? ['-r'] : [])];
  return { steps: [{ kind: 'exec', command: ['userdel', ...flags, shellQuote(args.name)].join(' ') }], result, collect: failure('userdel') };
}

function planCreate(args: UserArgs, facts: UserFacts, groups: string[] | undefined): Plan {
  const words = ['useradd'];
  const opt = (flag: string, value: string | number): number => words.push(flag, shellQuote(String(value)));
  if (args.uid !== undefined) opt('-u', args.uid);
  if (args.group !== undefined) opt('-g', args.group);
  // useradd refuses to create the user's own group when one of that name already exists;
  // Ansible then passes -N (primary group from /etc/default/useradd), and so do we.
  else if (facts.existingGroups.includes(args.name)) words.push('-N');
  if (groups && groups.length > 0) opt('-G', groups.join(','));
  if (args.comment !== undefined) opt('-c', args.comment);
  if (args.home !== undefined) opt('-d', args.home);
  if (args.shell !== undefined) opt('-s', args.shell);
  words.push(args.create_home ? '-m' : '-M');
  if (args.system) words.push('-r');
  words.push(shellQuote(args.name));
  const steps: Step[] = [{ kind: 'exec', command: words.join(' ') }];
  if (args.password !== undefined) steps.push(passwordStep(args.name, args.password));
  const result: Record<string, unknown> = {
    name: args.name,
    state: 'present',
    createhome: args.create_home,
    system: args.system,
    ...optional({ uid: args.uid, group: args.group, comment: args.comment, home: args.home, shell: args.shell }),
    ...(groups ? { groups: groups.join(',') } : {}),
    ...(args.password !== undefined ? { password: NOT_LOGGING } : {}),
  };
  return { steps, result, collect: failure('useradd') };
}

function planModify(args: UserArgs, user: PasswdEntry, groups: string[] | undefined): Plan {
  const words = ['usermod'];
  const opt = (flag: string, value: string | number): number => words.push(flag, shellQuote(String(value)));
  if (args.uid !== undefined && args.uid !== user.uid) opt('-u', args.uid);
  if (args.group !== undefined && !sameGroup(args.group, user)) opt('-g', args.group);
  if (groups !== undefined && groupsNeedChange(groups, user.groups, args.append)) {
    if (args.append) words.push('-a');
    opt('-G', groups.join(','));
  }
  if (args.comment !== undefined && args.comment !== user.comment) opt('-c', args.comment);
  if (args.home !== undefined && args.home !== user.home) {
    opt('-d', args.home);
    if (args.move_home) words.push('-m');
  }
  if (args.shell !== undefined && args.shell !== user.shell) opt('-s', args.shell);
  const steps: Step[] = [];
  if (words.length > 1) steps.push({ kind: 'exec', command: [...words, shellQuote(args.name)].join(' ') });
  if (args.password !== undefined && args.update_password === 'always' && args.password !== user.hash) steps.push(passwordStep(args.name, args.password));
  const result: Record<string, unknown> = {
    name: args.name,
    state: 'present',
    uid: args.uid ?? user.uid,
    // Ansible reports the gid; a group changed by name is only known by that name here.
    group: args.group === undefined || sameGroup(args.group, user) ? user.gid : /^\d+$/.test(args.group) ? Number(args.group) : args.group,
    comment: args.comment ?? user.comment,
    home: args.home ?? user.home,
    shell: args.shell ?? user.shell,
    append: args.append,
    move_home: args.move_home,
    ...(groups ? { groups: groups.join(',') } : {}),
    ...(args.password !== undefined ? { password: NOT_LOGGING } : {}),
  };
  return { steps, result, collect: failure('usermod') };
}

function sameGroup(wanted: string, user: PasswdEntry): boolean {
  return /^\d+$/.test(wanted) ? Number(wanted) === user.gid : wanted === user.group;
}

function groupsNeedChange(wanted: string[], current: string[], append: boolean): boolean {
  if (append) return wanted.some((g) => !current.includes(g));
  return wanted.length !== current.length || wanted.some((g) => !current.includes(g));
}

function passwordStep(name: string, hash: string): Step {
  return { kind: 'exec', command: 'chpasswd -e', stdin: `${name}:${hash}\n` };
}

function optional(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function failure(tool: string) {
  return (outputs: { rc: number; stderr: string }[]): Record<string, unknown> => {
    const failed = outputs.find((o) => o.rc !== 0);
    return failed ? { msg: `${tool} failed: ${failed.stderr.trim()}` } : {};
  };
}
