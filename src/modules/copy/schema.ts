import { defineSchema, type ArgSpec } from '../common/schema.js';
import { fileCommonArgs } from '../file/schema.js';

/** What copy and template share: where the bytes go and how they are checked and kept. */
export const writeArgs: Record<string, ArgSpec> = {
  dest: { type: 'string', required: true, description: 'Remote path to write (a path ending in / is a directory).' },
  backup: { type: 'boolean', default: false, description: 'Keep the previous file as DEST.<pid>.<timestamp>~.' },
  force: { type: 'boolean', default: true, aliases: ['thirsty'], description: 'Replace a file whose content differs; false = only create.' },
  validate: { type: 'string', description: 'Command run on the new file before it replaces DEST; %s is its path.' },
  follow: { type: 'boolean', default: false, description: 'Write through a symlink at DEST to its target.' },
  local_follow: { type: 'boolean', default: true, description: 'Accepted for compatibility; controller symlinks are followed.' },
  ...fileCommonArgs,
};

export const copySchema = defineSchema({
  src: { type: 'string', description: "File to copy, looked up in the role's files/ then next to the playbook." },
  content: { type: 'string', description: 'Write this text instead of a file.' },
  remote_src: { type: 'boolean', default: false, description: 'Only false is supported: src is on the controller.' },
  directory_mode: { type: 'mode', description: 'Mode of directories created for a DEST ending in /.' },
  decrypt: { type: 'boolean', default: true, description: 'Copy a vault-encrypted src file decrypted (false: copy it as it is).' },
  checksum: { type: 'string', description: 'Expected SHA1 of the source; the task fails when it differs.' },
  ...writeArgs,
});

export interface WriteArgs {
  dest: string;
  backup: boolean;
  force: boolean;
  validate?: string;
  follow: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
  attributes?: string;
}

export interface CopyArgs extends WriteArgs {
  src?: string;
  content?: string;
  remote_src: boolean;
  directory_mode?: string | number;
  checksum?: string;
  decrypt: boolean;
}
