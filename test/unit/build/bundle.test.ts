import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSchemas, coreSchemas, varsSchemas } from '../../../scripts/precompile-schemas.js';
import type { JsonSchema } from '../../../src/modules/types.js';
import { createAjv, schemaKey } from '../../../src/schema/ajv.js';
import { buildForTest, ROOT, type TestBundle } from './bundle.js';

// What `npm run build` produces. Every schema is compiled to Ajv standalone code: each must be
// there, be the one the bundled validatorFor() hands out, and agree with run-time compilation
// (verdict and every error object, so every message a user reads) on good and bad samples.
// And the bundle keeps heavy packages out of the paths that do not need them.

const VALUES: unknown[] = ['text', '12', ' 3 ', '{{ x }}', 'REPLACE_ME', '127.0.0.1', '::1', 'https://example.org/x', 'a@b.example', 12, 0, -1, 1.5, 70000, true, false, null, [], ['a', 1], [{}], {}, { a: 1 }];

/** Wrong and right shapes: non-objects, empty, every property with every value, an unknown key. */
function samples(schema: JsonSchema): unknown[] {
  const props = (schema['properties'] ?? {}) as Record<string, { enum?: unknown[] }>;
  const perProperty = Object.entries(props).flatMap(([key, prop]) => [...VALUES, ...(prop.enum ?? [])].map((value) => ({ [key]: value })));
  const all = Object.fromEntries(Object.entries(props).map(([key, prop]) => [key, prop.enum?.[0] ?? 'text']));
  return ['text', 42, [], null, {}, { zz_not_a_key: 1 }, all, ...perProperty];
}

interface Outcome {
  valid: boolean;
  errors: unknown;
}

function run(validate: ValidateFunction, sample: unknown): Outcome {
  const valid = validate(sample);
  return { valid, errors: structuredClone(validate.errors ?? null) };
}

interface Case {
  name: string;
  schema: JsonSchema;
  /** The generated set the bundle looks the schema up in. */
  set: Readonly<Record<string, ValidateFunction | undefined>>;
}

let bundle: TestBundle;
let cases: Case[];
beforeAll(async () => {
  bundle = await buildForTest();
  const vars = await bundle.probe.precompiledVarsValidators();
  const compose = await bundle.probe.precompiledComposeValidators();
  cases = [
    ...coreSchemas().map((schema) => ({ name: String(schema.$id ?? Object.keys(schema['properties'] ?? {}).join(',')), schema, set: bundle.probe.precompiledValidators })),
    ...varsSchemas(ROOT).map((schema) => ({ name: 'schemas/vars.schema.json', schema, set: vars })),
    ...composeSchemas().map((schema) => ({ name: 'compose_spec.json', schema, set: compose })),
  ];
}, 120_000);
afterAll(async () => bundle?.cleanup());

describe('precompiled schema validators (npm run build)', () => {
  it('has a validator for every schema, and validatorFor() hands it out', () => {
    expect(cases.length).toBeGreaterThan(40);
    expect(cases.filter(({ schema, set }) => !set[schemaKey(schema)]).map(({ name }) => name)).toEqual([]);
    for (const { schema, set } of cases) expect(bundle.probe.validatorFor(schema, set)).toBe(set[schemaKey(schema)]);
  });

  it('gives the same verdict and errors as run-time compilation', () => {
    const runtime = createAjv();
    const compiled = new Map<string, ValidateFunction>();
    const mismatches: string[] = [];
    const verdicts = { valid: 0, invalid: 0 };
    for (const { name, schema, set } of cases) {
      const key = schemaKey(schema);
      if (compiled.has(key)) continue;
      compiled.set(key, runtime.compile(schema));
      for (const sample of samples(schema)) {
        const [built, now] = [run(set[key]!, sample), run(compiled.get(key)!, sample)];
        if (JSON.stringify(built) !== JSON.stringify(now)) mismatches.push(`${name} on ${JSON.stringify(sample)}`);
        verdicts[built.valid ? 'valid' : 'invalid']++;
      }
    }
    expect(mismatches).toEqual([]);
    // The samples exercise both sides.
    expect(verdicts.valid).toBeGreaterThan(100);
    expect(verdicts.invalid).toBeGreaterThan(100);
  });
});

/** Every input (source file or package file) loaded by static imports from the output holding `input`. */
function staticallyLoaded(metafile: Metafile, input: string): string[] {
  const start = Object.keys(metafile.outputs).find((output) => input in metafile.outputs[output]!.inputs);
  const queue = start ? [start] : [];
  const reached = new Set(queue);
  for (const output of queue) {
    for (const imported of metafile.outputs[output]!.imports) {
      if (imported.kind !== 'import-statement' || imported.external || reached.has(imported.path)) continue;
      reached.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...reached].flatMap((output) => Object.keys(metafile.outputs[output]!.inputs));
}

const inPackage = (name: string) => (input: string) => input.startsWith(`node_modules/${name}/`);

describe('molecule-lite tree process', () => {
  it('validates and removes a tree with the bundled child script', async () => {
    // Without it, treeProcess() would quietly do the work in this process.
    expect(existsSync(fileURLToPath(bundle.probe.BUNDLED_TREE_CHILD))).toBe(true);
    const tree = await mkdtemp(join(tmpdir(), 'claw-bundle-tree-'));
    await writeFile(join(tree, 'broken.json'), '{');
    const trees = bundle.probe.treeProcess();
    try {
      expect(await trees.validate(tree)).toEqual([expect.objectContaining({ file: 'broken.json', validator: 'JSON parse', status: 'failed' })]);
      await trees.remove(tree);
      expect(existsSync(tree)).toBe(false);
    } finally {
      trees.close();
      await rm(tree, { recursive: true, force: true });
    }
  });
});

describe('lazy loading in the bundle', () => {
  it('answers --version without loading any npm package', () => {
    const loaded = staticallyLoaded(bundle.metafile, 'src/cli/main.ts');
    expect(loaded).toContain('src/version.ts');
    expect(loaded.filter((input) => input.startsWith('node_modules/'))).toEqual([]);
  });

  it('runs apply without execa (vault password scripts) and listr2 (TTY view)', () => {
    const loaded = staticallyLoaded(bundle.metafile, 'src/runner/apply-command.ts');
    expect(loaded).toContain('src/vault/password-sources.ts');
    expect(loaded).toContain('src/report/live-view.ts');
    expect(loaded.filter(inPackage('execa'))).toEqual([]);
    expect(loaded.filter(inPackage('listr2'))).toEqual([]);
    // Both are still in the bundle, behind import().
    const all = Object.keys(bundle.metafile.inputs);
    expect(all.some(inPackage('execa')) && all.some(inPackage('listr2'))).toBe(true);
  });
});
