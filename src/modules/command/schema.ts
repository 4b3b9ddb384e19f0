import { defineSchema, type ArgSpec } from '../common/schema.js';

const common: Record<string, ArgSpec> = {
  _raw_params: { type: 'string', aliases: ['cmd'], description: 'The command line to run (free form, or `cmd`).' },
  chdir: { type: 'string', description: 'Change into this directory before running the command.' },
  creates: { type: 'string', description: 'A glob; when it matches something, the command is not run.' },
  removes: { type: 'string', description: 'A glob; when it matches nothing, the command is not run.' },
  stdin: { type: 'string', description: 'Text fed to the command on stdin.' },
  stdin_add_newline: { type: 'boolean', default: true, description: 'Append a newline to `stdin`.' },
  strip_empty_ends: { type: 'boolean', default: true, description: 'Strip trailing newlines from stdout/stderr in the result.' },
};

export const commandSchema = defineSchema({
  ...common,
  argv: { type: 'array', items: 'string', description: 'The command as a list of words (instead of a command line).' },
});

export const shellSchema = defineSchema({
  ...common,
  executable: { type: 'string', description: 'Shell to run the command with (default /bin/sh).' },
});

export interface CommandArgs {
  _raw_params?: string;
  argv?: string[];
  chdir?: string;
  creates?: string;
  removes?: string;
  stdin?: string;
  stdin_add_newline: boolean;
  strip_empty_ends: boolean;
  executable?: string;
}
