import { posix } from 'node:path';
import { shellQuote } from '../../facts/quote.js';
import type { Step } from '../types.js';
import { shlexSplit } from './shlex.js';

// Writing a whole file: one atomic `put`, or — when `validate` must approve the new content
// before DEST changes — put to a temp name beside DEST, run the validator on it, then rename.
// A failed validation removes the temp file and leaves DEST untouched.

export interface WriteOptions {
  mode?: string | undefined;
  owner?: string | undefined;
  group?: string | undefined;
  validate?: string | undefined;
}

export function writeSteps(path: string, data: Buffer, options: WriteOptions): Step[] {
  const put = {
    kind: 'put' as const,
    content: data,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.group ? { group: options.group } : {}),
  };
  if (options.validate === undefined) return [{ ...put, path }];
  const tmp = posix.join(posix.dirname(path), `.${posix.basename(path)}.claw-validate`);
  const q = shellQuote(tmp);
  const words = shlexSplit(options.validate).map((word) => shellQuote(word.replaceAll('%s', tmp)));
  return [
    { ...put, path: tmp },
    { kind: 'exec', command: `${words.join(' ')}; rc=$?; [ $rc -eq 0 ] || rm -f -- ${q}; exit $rc` },
    { kind: 'exec', command: `mv -f -- ${q} ${shellQuote(path)}` },
  ];
}

/** Why `validate` cannot be used (Ansible's message), or undefined. */
export function validateProblem(validate: string | undefined): string | undefined {
  if (validate === undefined) return undefined;
  if (!validate.includes('%s')) return `validate must contain %s: ${validate}`;
  try {
    shlexSplit(validate);
    return undefined;
  } catch (error) {
    return `cannot split validate: ${(error as Error).message}`;
  }
}

/** Index of the validation step in `writeSteps`' output appended at `offset`, or -1. */
export function validateIndex(offset: number, validate: string | undefined): number {
  return validate === undefined ? -1 : offset + 1;
}

export function validateFailure(output: { rc: number; stdout: string; stderr: string } | undefined): Record<string, unknown> {
  if (!output || output.rc === 0) return {};
  // Nothing replaced DEST, so like Ansible the task did not change anything.
  return { changed: false, msg: 'failed to validate', exit_status: output.rc, stdout: output.stdout, stderr: output.stderr };
}
