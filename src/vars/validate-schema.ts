import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ParseError } from '../errors.js';
import { validatorFor } from '../schema/ajv.js';
import { precompiledVarsValidators } from '../schema/precompiled.js';
import { isSecret } from '../secret.js';
import { formatPos } from '../errors.js';
import { isUnsafeText, valuePositionOf } from '../yaml/index.js';
import type { MergedVars } from './precedence.js';

// A project may describe its variables with a JSON Schema at <playbook dir>/schemas/vars.schema.json.
// `apply` checks every selected host's inventory-level variables against it before connecting
// anywhere and reports every problem at once, each with the file:line the value came from.

export const VARS_SCHEMA = join('schemas', 'vars.schema.json');

const compiled = new Map<string, ValidateFunction>();

/** The schema as validated: `$schema` names draft-07 by URL, which Ajv 8's default draft validates as written. */
export function parseVarsSchema(text: string): Record<string, unknown> {
  const schema = JSON.parse(text) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

async function varsValidator(path: string): Promise<ValidateFunction> {
  let validate = compiled.get(path);
  if (!validate) {
    validate = validatorFor(parseVarsSchema(await readFile(path, 'utf8')), await precompiledVarsValidators());
    compiled.set(path, validate);
  }
  return validate;
}

/** Plain JSON for Ajv: vault values as their text, !unsafe as its text. */
function plain(value: unknown): unknown {
  if (isSecret(value)) return value.reveal();
  if (isUnsafeText(value)) return String(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The value's own file:line:col when the file it came from was parsed with positions. */
function originOf(merged: MergedVars, variable: string): string {
  const layer = merged.winners[variable];
  if (!layer) return '(not set)';
  if (/:\d+:\d+$/.test(layer.origin)) return layer.origin;
  const pos = valuePositionOf(layer.values, variable);
  return pos ? formatPos(pos) : layer.origin;
}

function describe(error: ErrorObject, merged: MergedVars): string {
  const path = error.instancePath.split('/').slice(1);
  const variable = path[0] ?? (error.params as { missingProperty?: string }).missingProperty;
  const origin = variable ? `${originOf(merged, variable)}: ` : '';
  const name = path.length ? path.join('.') : variable ?? '(variables)';
  const detail = error.keyword === 'required' ? `is required` : error.keyword === 'not' ? 'is a placeholder or otherwise not allowed' : error.message ?? 'is invalid';
  return `${origin}${name} ${detail}`;
}

/** Problems of one host's variables, empty when valid. */
export async function varsSchemaProblems(schemaPath: string, merged: MergedVars): Promise<string[]> {
  const validate = await varsValidator(schemaPath);
  if (validate(plain(merged.vars))) return [];
  // anyOf/oneOf branches repeat the same fault several ways; keep one line per location.
  const seen = new Set<string>();
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => describe(e, merged))
    .filter((line) => !seen.has(line) && Boolean(seen.add(line)));
}

/** Validates hosts when the project has a vars schema; throws one ParseError listing everything. */
export async function checkVarsSchema(playbookDir: string, hosts: Array<{ host: string; merged: MergedVars }>): Promise<void> {
  const schemaPath = join(playbookDir, VARS_SCHEMA);
  if (!(await access(schemaPath).then(() => true, () => false))) return;
  const lines: string[] = [];
  for (const { host, merged } of hosts) {
    for (const problem of await varsSchemaProblems(schemaPath, merged)) lines.push(`  [${host}] ${problem}`);
  }
  if (lines.length) {
    throw new ParseError('vars-schema', `${lines.length} variable problem(s) found by ${schemaPath}:\n${lines.join('\n')}`, {
      hint: 'fix the values in the files named above (see group_vars/all/vars.yml and vault.yml.example for the expected forms)',
    });
  }
}
