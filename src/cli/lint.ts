import type { Command } from 'commander';
import type { ExitCode } from '../errors.js';

// Placeholder: the `lint` subcommand is defined here (owned by the issue that builds it).
export function define(_program: Command, _done: (code: ExitCode) => void): void {}
