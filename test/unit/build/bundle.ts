import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { bundleOptions } from '../../../scripts/build.mjs';

// Runs the real build (scripts/build.mjs) into a scratch folder, plus one probe entry that
// exports the bundled schema code. The folder sits under node_modules/.cache so the bundle's
// external packages (ssh2) resolve as they do from dist/.

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface TestBundle {
  metafile: Metafile;
  probe: typeof import('./schema-probe.js');
  cleanup: () => Promise<void>;
}

export async function buildForTest(): Promise<TestBundle> {
  const cache = join(ROOT, 'node_modules', '.cache', 'claw-provision');
  await mkdir(cache, { recursive: true });
  const outdir = await mkdtemp(join(cache, 'test-build-'));
  const options = await bundleOptions(outdir);
  const entryPoints = { ...(options.entryPoints as Record<string, string>), 'schema-probe': 'test/unit/build/schema-probe.ts' };
  const result = await build({ ...options, entryPoints, metafile: true, logLevel: 'silent' });
  const probe = (await import(pathToFileURL(join(outdir, 'schema-probe.js')).href)) as TestBundle['probe'];
  return { metafile: result.metafile, probe, cleanup: () => rm(outdir, { recursive: true, force: true }) };
}
