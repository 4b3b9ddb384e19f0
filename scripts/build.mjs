#!/usr/bin/env node
// `npm run build`: the CLI as a few ES module files in dist/ (esbuild), with every JSON Schema
// compiled to Ajv standalone code at build time. Start-up then reads a handful of files
// instead of resolving and compiling ~300 modules and ~40 schemas (bench/NOTES.md). Type
// checking is `npm run typecheck` (tsc). Lazy `import()`s stay lazy: each becomes a chunk.
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRECOMPILED_STUB = join(ROOT, 'src', 'schema', 'precompiled.ts');
const NAMESPACE = 'claw-precompiled';

/** scripts/precompile-schemas.ts, loaded from the TypeScript sources through a throw-away bundle. */
async function loadPrecompiler() {
  const cache = join(ROOT, 'node_modules', '.cache', 'claw-provision');
  const file = join(cache, `precompile-schemas-${process.pid}.mjs`);
  await mkdir(cache, { recursive: true });
  await build({ entryPoints: [join(ROOT, 'scripts', 'precompile-schemas.ts')], outfile: file, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(file, { force: true });
  }
}

/** Generated validators in place of src/schema/precompiled.ts; the vars and Compose schemas' are lazy chunks of their own. */
export async function precompiledSchemasPlugin() {
  const precompiler = await loadPrecompiler();
  const modules = {
    index: `export * as precompiledValidators from '${NAMESPACE}:core';\nexport const precompiledVarsValidators = () => import('${NAMESPACE}:vars');\n` +
      `export const precompiledComposeValidators = () => import('${NAMESPACE}:compose');\n`,
    core: precompiler.standaloneSource(precompiler.coreSchemas()),
    vars: precompiler.standaloneSource(precompiler.varsSchemas(ROOT)),
    compose: precompiler.standaloneSource(precompiler.composeSchemas()),
  };
  return {
    name: 'precompiled-schemas',
    setup(bundler) {
      bundler.onResolve({ filter: /\/precompiled\.js$/ }, (args) =>
        resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === PRECOMPILED_STUB ? { path: 'index', namespace: NAMESPACE } : undefined,
      );
      bundler.onResolve({ filter: new RegExp(`^${NAMESPACE}:`) }, (args) => ({ path: args.path.slice(NAMESPACE.length + 1), namespace: NAMESPACE }));
      bundler.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: modules[args.path], loader: 'js', resolveDir: ROOT }));
    },
  };
}

/** esbuild options shared by the build and test/unit/build. */
export async function bundleOptions(outdir) {
  return {
    absWorkingDir: ROOT,
    // tree-child: molecule-lite's niced process for rendered trees (src/molecule/tree-process.ts looks for it here);
    // version: what bin/claw-provision.js prints for --version without loading the CLI.
    entryPoints: { 'cli/main': 'src/cli/main.ts', interrupt: 'src/interrupt.ts', 'tree-child': 'src/molecule/tree-child.ts', version: 'src/version.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    // Error classes name themselves after new.target.name; keep names bundling would rename.
    keepNames: true,
    // npm packages are bundled too (a no-op apply spends ~150 ms less CPU than importing them
    // from node_modules), except ssh2: it loads its optional native crypto binding and
    // cpu-features relative to its own folder (__dirname). chokidar/fsevents are nunjucks'
    // optional watch-mode requires.
    external: ['ssh2', 'chokidar', 'fsevents'],
    // Bundled CommonJS packages call require() for Node's built-ins; ES modules have none.
    banner: { js: "import { createRequire as clawCreateRequire } from 'node:module'; const require = clawCreateRequire(import.meta.url);" },
    plugins: [await precompiledSchemasPlugin()],
    logLevel: 'warning',
  };
}

/**
 * Writes the new files before the entry points that import them, each through a rename (a CLI
 * starting meanwhile never reads half a file), then removes what this build did not write.
 */
async function writeOutputs(outdir, files) {
  const entries = [join(outdir, 'cli', 'main.js'), join(outdir, 'interrupt.js')];
  const ordered = [...files.filter((file) => !entries.includes(file.path)), ...files.filter((file) => entries.includes(file.path))];
  for (const file of ordered) {
    const current = await readFile(file.path).catch(() => undefined);
    if (current?.equals(file.contents)) continue;
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(`${file.path}.${process.pid}.tmp`, file.contents);
    await rename(`${file.path}.${process.pid}.tmp`, file.path);
  }
  await prune(outdir, new Set(files.map((file) => file.path)));
}

async function prune(dir, keep) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await prune(path, keep);
    else if (!keep.has(path)) await rm(path, { force: true });
  }
  if ((await readdir(dir)).length === 0) await rmdir(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = join(ROOT, 'dist');
  const result = await build({ ...(await bundleOptions(outdir)), write: false });
  await writeOutputs(outdir, result.outputFiles);
}
