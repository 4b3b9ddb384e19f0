import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../modules/types.js';
import { precompiledValidators, type PrecompiledSet } from './precompiled.js';

// Every schema validator comes from here. The build generates Ajv standalone code for every
// schema the sources define (scripts/precompile-schemas.ts), so a built CLI never loads Ajv's
// compiler; a schema the build did not see (tests run the sources, a project's own vars
// schema, Compose's) compiles at run time on one shared instance. allErrors so a user sees
// every problem in a file at once.

const OPTIONS: Options = { allErrors: true, strict: false, allowUnionTypes: true };

/** A configured Ajv; the build passes its code-generation options, the run-time instance none. */
export function createAjv(extra: Options = {}): Ajv {
  // require, not import: Ajv loads (and compiles its meta-schema, ≈70 ms together) only when
  // something is compiled, and validation stays synchronous.
  const require = createRequire(import.meta.url);
  const { Ajv: AjvCompiler } = require('ajv') as { Ajv: typeof Ajv };
  const addFormats = (require('ajv-formats') as { default: (ajv: Ajv) => Ajv }).default;
  return addFormats(new AjvCompiler({ ...OPTIONS, ...extra }));
}

let shared: Ajv | undefined;

/** The process's one run-time Ajv instance, created on first use. */
export function runtimeAjv(): Ajv {
  shared ??= createAjv();
  return shared;
}

/** Names a schema by its content, so a precompiled validator is used only for the very schema it was built from. */
export function schemaKey(schema: JsonSchema): string {
  return `v${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 24)}`;
}

const validators = new WeakMap<JsonSchema, ValidateFunction>();

/** The validator of `schema`: precompiled when the build saw this exact schema, compiled now otherwise. */
export function validatorFor(schema: JsonSchema, precompiled: PrecompiledSet = precompiledValidators): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = precompiled[schemaKey(schema)] ?? runtimeAjv().compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}
