import { resolve } from 'node:path';
import { OptionsError } from '../errors.js';
import { parseArgString } from '../playbook/split-args.js';
import type { Vars } from '../playbook/model.js';
import { parseYaml } from '../yaml/parse-yaml.js';
import type { VarLayer } from './precedence.js';
import { loadVarsFile } from './load-vars-file.js';

// -e values, merged in order (later wins): `key=value key2="a b"` (strings), `@file.yml`,
// or inline YAML/JSON (`{"a": 1}`).

export async function parseExtraVars(values: readonly string[]): Promise<VarLayer> {
  const merged: Vars = {};
  for (const value of values) Object.assign(merged, await parseOne(value));
  return { level: 'extra_vars', origin: 'extra vars (-e)', values: merged };
}

async function parseOne(value: string): Promise<Vars> {
  const text = value.trim();
  if (text.startsWith('@')) return loadVarsFile(resolve(text.slice(1)), '-e');
  if (text.startsWith('{') || text.startsWith('[')) {
    const parsed = parseYaml(text, '-e');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new OptionsError(`-e ${value}: extra vars must be a mapping`, { hint: `e.g. -e '{"key": "value"}'` });
    }
    return parsed as Vars;
  }
  if (text === '') return {};
  const args = parseArgString(text, 'extra_vars');
  if ('_raw_params' in args) {
    throw new OptionsError(`-e ${value}: expected key=value pairs, @file or JSON`, { hint: 'e.g. -e ssh_port=2222 -e @vars.yml' });
  }
  return args;
}
