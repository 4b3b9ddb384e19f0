import type { ValidateFunction } from 'ajv';

// Validators generated at build time from every schema in the sources, keyed by schemaKey().
// scripts/build.mjs swaps this module for the generated one; run from the TypeScript sources
// (vitest) the sets are empty and validatorFor() compiles at run time.

export type PrecompiledSet = Readonly<Record<string, ValidateFunction | undefined>>;

/** Plays, tasks, blocks, inventory, role meta, and every module's and action's arguments. */
export const precompiledValidators: PrecompiledSet = {};

/** The project's vars schema (schemas/vars.schema.json): its own chunk, as big as all the others together. */
export async function precompiledVarsValidators(): Promise<PrecompiledSet> {
  return {};
}

/** The Compose Specification's schema (src/validate/compose-schema.ts): a lazy chunk, loaded by validators only. */
export async function precompiledComposeValidators(): Promise<PrecompiledSet> {
  return {};
}
