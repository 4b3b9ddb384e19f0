import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTemplater } from '../../src/template/index.js';
import { parseYaml } from '../../src/yaml/index.js';

// Differential corpus: every cases/*.j2 rendered by createTemplater must equal, byte for byte,
// what ansible-core's template module rendered (expected/, produced by generate-expected.sh).
// Where ansible-playbook is installed (CI), the cases are also rendered live and compared.

const here = dirname(fileURLToPath(import.meta.url));
const cases = readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.j2')).sort();
const vars = parseYaml(readFileSync(join(here, 'vars.yml'), 'utf8'), join(here, 'vars.yml')) as Record<string, unknown>;

/** Cases that cannot match yet, with the reason. Keep this list short. */
const KNOWN_GAPS: Record<string, string> = {};

function render(name: string): string {
  const templater = createTemplater({ searchPaths: [here] });
  return templater.renderFile(join(here, 'cases', name), vars);
}

function hasAnsible(): boolean {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('template corpus vs recorded ansible-core output', () => {
  it('has at least 40 cases, each with an expected output', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const name of cases) expect(existsSync(join(here, 'expected', name.replace(/\.j2$/, '.out'))), name).toBe(true);
  });

  for (const name of cases) {
    const gap = KNOWN_GAPS[name];
    it.skipIf(gap !== undefined)(`${name}${gap ? ` (known gap: ${gap})` : ''}`, () => {
      const expected = readFileSync(join(here, 'expected', name.replace(/\.j2$/, '.out')), 'utf8');
      expect(render(name)).toBe(expected);
    });
  }
});

describe.skipIf(!hasAnsible())('template corpus vs live ansible-playbook', () => {
  const out = mkdtempSync(join(tmpdir(), 'claw-render-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('renders every case exactly as ansible-core does now', { timeout: 300_000 }, () => {
    execFileSync(join(here, 'generate-expected.sh'), [out], { stdio: 'pipe' });
    const mismatches = cases.filter((name) => KNOWN_GAPS[name] === undefined && render(name) !== readFileSync(join(out, name.replace(/\.j2$/, '.out')), 'utf8'));
    expect(mismatches).toEqual([]);
  });
});
