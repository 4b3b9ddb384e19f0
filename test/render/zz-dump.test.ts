import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { createTemplater } from '../../src/template/index.js';
import { parseYaml } from '../../src/yaml/index.js';
const here = dirname(fileURLToPath(import.meta.url));
it('dump', () => {
  const vars = parseYaml(readFileSync(join(here, 'vars.yml'), 'utf8'), 'vars.yml') as Record<string, unknown>;
  mkdirSync('/tmp/h6-mine', { recursive: true });
  for (const name of readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.j2'))) {
    let out: string;
    try { out = createTemplater({ searchPaths: [here] }).renderFile(join(here, 'cases', name), vars); } catch (e) { out = `ERROR ${(e as { format?: () => string }).format?.() ?? (e as Error).stack}`; }
    writeFileSync(`/tmp/h6-mine/${name.replace(/\.j2$/, '.out')}`, out);
  }
});
