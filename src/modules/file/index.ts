import type { Module } from '../types.js';
import { gatherFile, type FileFacts } from './facts.js';
import { planFile } from './plan.js';
import { fileSchema, type FileArgs } from './schema.js';

export const fileModule: Module<FileArgs, FileFacts> = {
  name: 'ansible.builtin.file',
  aliases: ['file'],
  schema: fileSchema,
  description: 'Manage files, directories, symlinks and hard links and their mode/owner/group.',
  gather: gatherFile,
  plan: (args, facts) => planFile(args, facts),
};
