import { defineSchema } from '../common/schema.js';
import { fileCommonArgs } from '../file/schema.js';

export const lineinfileSchema = defineSchema({
  path: { type: 'string', required: true, aliases: ['dest', 'destfile', 'name'], description: 'The file to edit.' },
  state: { type: 'string', default: 'present', choices: ['absent', 'present'], description: 'Whether the line should be there.' },
  regexp: { type: 'string', aliases: ['regex'], description: 'Python-style regular expression finding the line to replace or remove.' },
  search_string: { type: 'string', description: 'Literal string finding the line to replace or remove.' },
  line: { type: 'string', aliases: ['value'], description: 'The line to insert or replace with.' },
  insertafter: { type: 'string', description: 'Insert after the last line matching this regexp (or EOF/BOF) when nothing matched.' },
  insertbefore: { type: 'string', description: 'Insert before the last line matching this regexp (or BOF) when nothing matched.' },
  backrefs: { type: 'boolean', default: false, description: 'Expand \\1 in `line` from `regexp`; do nothing when it does not match.' },
  create: { type: 'boolean', default: false, description: 'Create the file when it does not exist.' },
  backup: { type: 'boolean', default: false, description: 'Keep the previous file as PATH.<pid>.<timestamp>~.' },
  firstmatch: { type: 'boolean', default: false, description: 'Use the first match of regexp/insertafter/insertbefore instead of the last.' },
  validate: { type: 'string', description: 'Command run on the new file before it replaces PATH; %s is its path.' },
  ...fileCommonArgs,
});

export interface LineinfileArgs {
  path: string;
  state: 'absent' | 'present';
  regexp?: string;
  search_string?: string;
  line?: string;
  insertafter?: string;
  insertbefore?: string;
  backrefs: boolean;
  create: boolean;
  backup: boolean;
  firstmatch: boolean;
  validate?: string;
  mode?: string | number;
  owner?: string;
  group?: string;
  attributes?: string;
}
