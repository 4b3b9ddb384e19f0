import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modules } from '../../../src/modules/catalog.js';
import { runFixture, type Fixture } from './fixture-harness.js';

// Every test/modules/<module>/*.yaml file: a list of cases (args + canned facts → exact
// steps, changed, diff, result fields). The directory name is the module's short name.

const root = join(import.meta.dirname, '../../modules');

for (const dir of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
  const module = modules.find((m) => m.aliases.includes(dir));
  describe(`module ${dir}`, () => {
    it('has a module', () => expect(module, `no module named ${dir}`).toBeDefined());
    if (!module) return;
    for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort()) {
      const doc = parse(readFileSync(join(root, dir, file), 'utf8')) as { cases: Array<Fixture & { name: string }> };
      for (const fixture of doc.cases) {
        it(`${file}: ${fixture.name}`, async () => {
          const { result, steps, invalidations } = await runFixture(module, fixture);
          const { steps: wantSteps = [], steps_like: patterns, diff: wantDiff, ...fields } = fixture.expect;
          if (Array.isArray(patterns)) {
            // Long generated scripts (wait_for) are pinned by the parts that decide behaviour.
            expect(steps.map((step) => (step as { exec?: string }).exec ?? '')).toHaveLength(patterns.length);
            patterns.forEach((pattern, index) => expect((steps[index] as { exec: string }).exec).toMatch(new RegExp(String(pattern))));
          } else {
            expect(steps).toEqual(wantSteps);
          }
          expect(result).toMatchObject(fields);
          if (wantDiff !== undefined) expect(result.diff ?? null).toEqual(wantDiff);
          if (!fixture.diff) expect(result.diff).toBeUndefined();
          // Facts go stale exactly when something ran.
          expect(invalidations > 0).toBe(steps.length > 0);
        });
      }
    }
  });
}
