import type { BuildOptions } from 'esbuild';

/** esbuild options of `npm run build` writing to `outdir` (see build.mjs). */
export function bundleOptions(outdir: string): Promise<BuildOptions>;
