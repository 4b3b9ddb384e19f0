import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadCatalog } from '../../src/modules/catalog.js';
import { allModuleNames } from '../../src/modules/registry.js';
import { PLAY_KEYWORDS, TASK_KEYWORDS } from '../../src/schema/keywords.js';
import { UNCLOSED_RANGE_INVENTORY, generateBadInputs, type BadInput, type Category } from './bad-input-generator.js';

// Guarantee 7: bad input gives ONE readable message with where and a hint, the documented exit
// code, and never a stack trace. ~100 generated cases normally, 1,000 with CLAW_RELIABILITY=1,
// from a fixed seed (bad-input-generator.ts); each runs the CLI in-process against localhost.

const COUNT = process.env.CLAW_RELIABILITY ? 1000 : 100;

let root: string;
let cases: BadInput[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'claw-bad-'));
  loadCatalog();
  cases = generateBadInputs(COUNT, new Set([...allModuleNames(), ...TASK_KEYWORDS, ...PLAY_KEYWORDS]));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  out: string;
}

async function runCase(c: BadInput): Promise<Outcome> {
  const dir = join(root, `case-${c.id}`);
  const fill = (text: string): string => text.replaceAll('DIR', dir);
  for (const [path, text] of Object.entries(c.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), fill(text));
  }
  let out = '';
  const capture = (chunk: unknown): boolean => ((out += String(chunk)), true);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { code: await main(c.argv.map(fill)), out };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** Syntactically valid YAML after a mutation is not a syntax error: only "no crash" applies. */
function stillParses(c: BadInput): boolean {
  return c.category === 'yaml-syntax' && parseAllDocuments(c.files['site.yml'] ?? '').every((d) => d.errors.length === 0);
}

/** Why this outcome is not acceptable, or undefined when it is. */
function problem(c: BadInput, { code, out }: Outcome): string | undefined {
  if (/INTERNAL ERROR|^\s+at .+:\d+:\d+\)?$/m.test(out)) return 'stack trace';
  if (stillParses(c)) return [0, 2, 4].includes(code) ? undefined : `exit ${code} for a mutation that still parses`;
  const e = c.expect;
  if (!e.codes.includes(code)) return `exit ${code}, expected ${e.codes.join('|')}`;
  if (e.where && !e.where.test(out)) return `does not name ${e.where.source}`;
  if (e.didYouMean && !out.includes(`did you mean '${e.didYouMean}'`) && !out.includes(`Did you mean ${e.didYouMean}`)) return `no "did you mean '${e.didYouMean}'"`;
  if (e.hint && !/hint:|did you mean/i.test(out)) return 'no hint';
  return undefined;
}

async function failuresOf(category: Category): Promise<string[]> {
  const failures: string[] = [];
  for (const c of cases.filter((x) => x.category === category)) {
    const outcome = await runCase(c);
    const why = problem(c, outcome);
    if (why) failures.push(`#${c.id} ${c.label}: ${why}\n${outcome.out.slice(0, 400)}`);
  }
  return failures;
}

describe(`${COUNT} generated bad inputs (fixed seed): exit code, where, hint, no stack trace`, () => {
  it('the generator is deterministic and covers every category', () => {
    const known = new Set([...allModuleNames(), ...TASK_KEYWORDS, ...PLAY_KEYWORDS]);
    const again = generateBadInputs(COUNT, known).map((c) => `${c.category}|${c.label}`);
    expect(again.filter((label) => !label.startsWith('vault'))).toEqual(cases.map((c) => `${c.category}|${c.label}`).filter((label) => !label.startsWith('vault')));
    const categories = new Set(cases.map((c) => c.category));
    expect(categories.size).toBe(15);
  });

  const holds: Category[] = ['yaml-syntax', 'template-file-syntax', 'wrong-type', 'unknown-keyword', 'unknown-module', 'unknown-argument', 'undefined-variable', 'template-syntax', 'vault', 'inventory', 'cli-flag', 'limit', 'unknown-keyword-transposed', 'unknown-module-transposed', 'wrong-type-number'];
  for (const category of holds) {
    it(category, { timeout: 600_000 }, async () => {
      expect(await failuresOf(category)).toEqual([]);
    });
  }
});

describe('bad inventory outside the generator', () => {
  const site = '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: { msg: x }\n';
  const rangeCase = (file: string, text: string, line: number, id: number): BadInput => ({
    id, category: 'inventory', label: `${file}: ${JSON.stringify(text)}`,
    files: { 'site.yml': site, [file]: text },
    argv: ['apply', 'DIR/site.yml', '-i', `DIR/${file}`], expect: { codes: [4], where: new RegExp(`${file.replace('.', '\\.')}:${line}`), hint: true },
  });

  it('an unclosed host range in an INI inventory is a parse error naming hosts.ini:LINE, with a hint', async () => {
    const c = rangeCase('hosts.ini', UNCLOSED_RANGE_INVENTORY, 2, -1);
    expect(problem(c, await runCase(c))).toBeUndefined();
  });

  // Ansible takes some of these as names (`web1]`) or as no host at all (`web[3:1]`).
  const MALFORMED = ['web[1:3', 'web[3:1]', 'web[1:2:0]', 'web[1:3:-1]', 'web[]', 'web[1]', 'web[01:3]', 'web[a:cc]', 'web[1:a]', 'web1]', 'web[1:2]x[3:'];
  it.each(MALFORMED.map((range, i) => [range, i]))('a malformed range %s is a parse error in INI and YAML inventories', async (range, i) => {
    const ini = rangeCase('hosts.ini', `[web]\nok1\n${range} ansible_port=22\n`, 3, -100 - Number(i));
    expect(problem(ini, await runCase(ini))).toBeUndefined();
    const yaml = rangeCase('hosts.yml', `all:\n  hosts:\n    ok1:\n    ${JSON.stringify(range)}:\n`, 4, -200 - Number(i));
    expect(problem(yaml, await runCase(yaml))).toBeUndefined();
  });
});
