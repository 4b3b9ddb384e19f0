import { ParseError, type SourcePos } from '../errors.js';
import type { Vars } from '../playbook/model.js';
import { loadYamlFile } from '../yaml/load-yaml-file.js';
import { positionOf } from '../yaml/positions.js';

/**
 * Reads a variables file (vars_files, include_vars, group_vars, role defaults/vars).
 * Empty → {}. A whole-file vault is decrypted and every leaf string becomes a Secret.
 */
export async function loadVarsFile(path: string, from?: SourcePos | string): Promise<Vars> {
  const value = await loadYamlFile(path, { from, what: 'vars file', secretLeaves: true });
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ParseError('bad-vars-file', `a vars file must be a mapping of variable names to values`, {
      where: positionOf(value) ?? { file: path, line: 1, col: 1 },
    });
  }
  return value as Vars;
}

/** Several files merged in order (later wins), e.g. a defaults/main/ directory. */
export async function loadVarsFiles(paths: readonly string[]): Promise<Vars> {
  const out: Vars = {};
  for (const path of paths) Object.assign(out, await loadVarsFile(path));
  return out;
}
