import type { Command } from 'commander';
import { EXIT, OptionsError, type ExitCode } from '../errors.js';

// `claw-provision lint [DIR]`: exit 2 when any error-level finding remains (like ansible-lint).
export function define(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('lint')
    .description('lint playbooks, roles, vars and templates (ansible-lint production-profile style rules)')
    .argument('[dir]', 'project directory', '.')
    .option('--format <format>', 'text | json | sarif', 'text')
    .action(async (dir: string, options: { format: string }) => {
      if (!['text', 'json', 'sarif'].includes(options.format)) throw new OptionsError(`--format must be text, json or sarif, not "${options.format}"`);
      const { lintProject } = await import('../lint/index.js');
      const { formatJson, formatSarif, formatText } = await import('../lint/format.js');
      const { findings, rules } = await lintProject(dir);
      const output = options.format === 'json' ? formatJson(findings) : options.format === 'sarif' ? formatSarif(findings, rules) : formatText(findings);
      if (output) process.stdout.write(`${output}\n`);
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (options.format === 'text') process.stderr.write(`${errors} error(s), ${findings.length - errors} warning(s)\n`);
      done(errors > 0 ? EXIT.LINT_FINDINGS : EXIT.OK);
    });
}
