import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { loadCatalog } from '../src/modules/catalog.js';
import { allDescriptors } from '../src/modules/registry.js';
import type { JsonSchema } from '../src/modules/types.js';
import * as definitions from '../src/schema/definitions.js';
import { createAjv, schemaKey } from '../src/schema/ajv.js';
import { composeSchema } from '../src/validate/compose-schema.js';
import { parseVarsSchema, VARS_SCHEMA } from '../src/vars/validate-schema.js';

// Build-time half of src/schema/ajv.ts: Ajv standalone code for every schema the sources
// define, as ES modules exporting one validator per schemaKey(). scripts/build.mjs bundles
// them in place of src/schema/precompiled.ts; test/unit/build checks they agree with
// run-time compilation.

/** Plays, tasks, blocks, inventory and role meta, then every module's and action's arguments. */
export function coreSchemas(): JsonSchema[] {
  loadCatalog();
  return [...Object.values(definitions), ...allDescriptors().map((descriptor) => descriptor.schema)];
}

/** The project's own vars schema, read as `apply` reads it. */
export function varsSchemas(root: string): JsonSchema[] {
  return [parseVarsSchema(readFileSync(join(root, VARS_SCHEMA), 'utf8'))];
}

/** The Compose Specification, as the validators of a rendered tree check it. */
export function composeSchemas(): JsonSchema[] {
  return [composeSchema()];
}

/** One ES module with a validator per distinct schema, exported under its schemaKey(). */
export function standaloneSource(schemas: readonly JsonSchema[]): string {
  const require = createRequire(import.meta.url);
  const { _ } = require('ajv/dist/compile/codegen') as typeof import('ajv/dist/compile/codegen/index.js');
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone/index.js')).default;
  // Formats that are functions (uri) are referenced, not inlined: through a binding the header imports.
  const ajv = createAjv({ code: { source: true, esm: true, formats: _`ajvFormats` } });
  const refs: Record<string, string> = {};
  for (const schema of schemas) {
    const key = schemaKey(schema);
    if (refs[key]) continue;
    ajv.addSchema(schema, key);
    refs[key] = key;
  }
  return withFormatsImport(standaloneCode(ajv, refs));
}

/**
 * Ajv's esm output still require()s its run-time helpers (`require("ajv/dist/runtime/equal").default`);
 * esbuild bundles those calls as CommonJS, which keeps `.default` right. Function formats (uri)
 * are referenced through the binding named in `code.formats`.
 */
function withFormatsImport(code: string): string {
  return `import { fullFormats as ajvFormats } from 'ajv-formats/dist/formats.js';\n${code.replace(/^"use strict";/, '')}\n`;
}
