import { defineSchema, type ArgSpec } from '../common/schema.js';

/** mode/owner/group, Ansible's "file common arguments" shared by file, copy, template, lineinfile. */
export const fileCommonArgs: Record<string, ArgSpec> = {
  mode: { type: 'mode', description: 'Permissions: octal ("0644" — quote it; unquoted 0644 is read as octal bits too) or symbolic ("u=rw,g=r,o=r").' },
  owner: { type: 'string', description: 'User that should own the file (name or uid).' },
  group: { type: 'string', description: 'Group that should own the file (name or gid).' },
  attributes: { type: 'string', aliases: ['attr'], description: 'Accepted for compatibility; chattr attributes are not supported and must be empty.' },
  seuser: { type: 'string', description: 'Accepted for compatibility; SELinux contexts are not managed.' },
  serole: { type: 'string', description: 'Accepted for compatibility; SELinux contexts are not managed.' },
  setype: { type: 'string', description: 'Accepted for compatibility; SELinux contexts are not managed.' },
  selevel: { type: 'string', description: 'Accepted for compatibility; SELinux contexts are not managed.' },
  unsafe_writes: { type: 'boolean', default: false, description: 'Accepted for compatibility; writes are always atomic.' },
};

export const fileSchema = defineSchema({
  path: { type: 'string', required: true, aliases: ['dest', 'name'], description: 'Path of the file to manage.' },
  state: {
    type: 'string',
    choices: ['absent', 'directory', 'file', 'hard', 'link', 'touch'],
    description: 'What the path should be; defaults to its current state, or `file`.',
  },
  src: { type: 'string', description: 'Target of the link (state=link or hard).' },
  recurse: { type: 'boolean', default: false, description: 'Apply owner/group/mode to everything below a directory.' },
  force: { type: 'boolean', default: false, description: 'Replace a file or empty directory by a link; link to a missing target.' },
  follow: { type: 'boolean', default: true, description: 'Apply attributes to the target of a symlink.' },
  modification_time: { type: 'string', description: 'Not supported yet (only `preserve` is accepted).' },
  access_time: { type: 'string', description: 'Not supported yet (only `preserve` is accepted).' },
  ...fileCommonArgs,
});

export type FileState = 'absent' | 'directory' | 'file' | 'hard' | 'link' | 'touch';

export interface FileArgs {
  path: string;
  state?: FileState;
  src?: string;
  recurse: boolean;
  force: boolean;
  follow: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
  attributes?: string;
  modification_time?: string;
  access_time?: string;
}
