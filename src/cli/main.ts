import type { Command } from 'commander';
import { EXIT, isClawError, type ExitCode } from '../errors.js';
import { redact } from '../secret.js';
import { VERSION } from '../version.js';

// Turns argv into a command and every outcome into an exit code. Subcommands live in their
// own files and import their heavy implementation lazily inside the action.

type Definer = (program: Command, done: (code: ExitCode) => void) => void;

const subcommands: Array<() => Promise<{ define: Definer }>> = [
  () => import('./apply.js'),
  () => import('./vault.js'),
  () => import('./inventory.js'),
  () => import('./render.js'),
  () => import('./lint.js'),
  () => import('./test.js'),
  () => import('./doc.js'),
];

export async function main(argv: string[]): Promise<ExitCode> {
  // Answered before loading commander, which is most of the start-up left (bench/NOTES.md).
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.OK;
  }
  const { Command } = await import('commander');
  let exitCode: ExitCode = EXIT.OK;
  const program = new Command('claw-provision')
    .description('Ansible-compatible provisioning engine')
    .version(VERSION, '--version')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const done = (code: ExitCode): void => {
    exitCode = code;
  };
  if (argv[0] !== '--version') {
    for (const load of subcommands) {
      (await load()).define(program, done);
    }
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error);
  }
}

export function exitCodeFor(error: unknown): ExitCode {
  if (isCommanderError(error)) {
    if (error.code === 'commander.version' || error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return EXIT.OK;
    return EXIT.BAD_OPTIONS;
  }
  if (isClawError(error)) {
    process.stderr.write(`ERROR: ${redact(error.format())}\n`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`INTERNAL ERROR (a bug in claw-provision, please report it):\n${redact(text)}\n`);
  return EXIT.UNEXPECTED;
}

/** Structural check, so this module need not load commander just for its error class. */
function isCommanderError(error: unknown): error is Error & { code: string } {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.');
}
