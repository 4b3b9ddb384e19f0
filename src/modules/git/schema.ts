import { defineSchema } from '../common/schema.js';

// ansible.builtin.git's argument names, aliases and defaults (the subset we support).

export interface GitArgs {
  repo: string;
  dest: string;
  version: string;
  remote: string;
  depth?: number;
  force: boolean;
  update: boolean;
  clone: boolean;
  accept_hostkey: boolean;
  accept_newhostkey: boolean;
  single_branch: boolean;
  key_file?: string;
  executable?: string;
}

export const gitSchema = defineSchema({
  repo: { type: 'string', required: true, aliases: ['name'], description: 'git, SSH or HTTP(S) URL (or local path) of the repository.' },
  dest: { type: 'string', required: true, description: 'Path of the working tree on the host.' },
  version: { type: 'string', default: 'HEAD', description: 'Branch, tag or full 40-character commit SHA to check out.' },
  remote: { type: 'string', default: 'origin', description: 'Name of the remote.' },
  depth: { type: 'integer', description: 'Shallow clone/fetch with this many commits.' },
  force: { type: 'boolean', default: false, description: 'Discard local modifications of tracked files.' },
  update: { type: 'boolean', default: true, description: 'Move an existing checkout to `version`.' },
  clone: { type: 'boolean', default: true, description: 'Clone when dest does not exist yet.' },
  accept_hostkey: { type: 'boolean', default: false, description: 'Do not check the SSH host key of the repository server (StrictHostKeyChecking=no).' },
  accept_newhostkey: { type: 'boolean', default: false, description: 'Accept an unknown SSH host key, refuse a changed one (StrictHostKeyChecking=accept-new).' },
  single_branch: { type: 'boolean', default: false, description: 'Clone only the history leading to `version`.' },
  key_file: { type: 'string', description: 'SSH private key on the host for the repository server.' },
  executable: { type: 'string', description: 'Path of the git executable.' },
});
