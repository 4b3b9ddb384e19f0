import type { Command } from 'commander';
import type { ExitCode } from '../errors.js';

// Placeholder: the `test` subcommand is defined here (owned by the issue that builds it).
export function define(_program: Command, _done: (code: ExitCode) => void): void {}
