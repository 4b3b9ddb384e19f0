import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMoleculeLite } from '../../../src/molecule/index.js';
import { busyMs, details, jsonReport, summaryTable } from '../../../src/molecule/summary.js';
import type { PlaybookOutcome, PlaybookRun } from '../../../src/molecule/types.js';
import type { ValidationResult } from '../../../src/validate/types.js';

let root: string;
function layout(files: string[]): string {
  root = mkdtempSync(join(tmpdir(), 'claw-molecule-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), '---\n[]\n');
  }
  return root;
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

const ok: PlaybookOutcome = { ok: true, changed: [], failures: [] };

/** A stand-in engine: converge writes a script into the scenario dir; behaviour per test. */
function engine(behaviour: { secondConvergeChanges?: boolean; checkWrites?: boolean; script?: string }): { run: PlaybookRun; calls: string[] } {
  const calls: string[] = [];
  let converges = 0;
  const run: PlaybookRun = async (file, { check, extraVars }) => {
    const dir = String(extraVars.molecule_ephemeral_directory);
    calls.push(`${basename(String(extraVars.molecule_scenario_directory))} ${basename(file)}${check ? ' --check' : ''}`);
    if (basename(file) === 'converge.yml' && !check) {
      converges++;
      writeFileSync(join(dir, 'run.sh'), behaviour.script ?? '#!/bin/bash\necho "ok"\n');
      if (converges > 1 && behaviour.secondConvergeChanges) return { ok: true, changed: ['localhost: Render run.sh'], failures: [] };
    }
    if (check && behaviour.checkWrites) writeFileSync(join(dir, 'oops'), 'x');
    return ok;
  };
  return { run, calls };
}

describe('molecule-lite', () => {
  it('discovers role and project scenarios and runs the whole sequence', async () => {
    layout(['roles/base/molecule/default/converge.yml', 'roles/base/molecule/default/verify.yml', 'roles/base/molecule/default/cleanup.yml', 'molecule-lite/site/converge.yml', 'roles/empty/tasks/main.yml']);
    const { run, calls } = engine({});
    const reports = await runMoleculeLite(root, run, { keep: false, parallel: 1 });
    expect(reports.map((r) => r.scenario.id)).toEqual(['base/default', 'project/site']);
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(calls.filter((c) => c.startsWith('default '))).toEqual(['default converge.yml', 'default converge.yml', 'default converge.yml --check', 'default verify.yml', 'default cleanup.yml']);
    expect(summaryTable(reports, 1234)).toMatch(/base\/default\s+ok \d+ms\s+ok \d+ms\s+ok \d+ms\s+ok \d+ms\s+\d+ms\s+ok \d+ms/);
  });

  it('lists the tasks that break idempotence and still cleans up', async () => {
    layout(['roles/base/molecule/default/converge.yml', 'roles/base/molecule/default/cleanup.yml']);
    const { run, calls } = engine({ secondConvergeChanges: true });
    const [report] = await runMoleculeLite(root, run, { keep: false, parallel: 1 });
    expect(report!.ok).toBe(false);
    expect(details([report!])).toContain('localhost: Render run.sh');
    expect(calls).toEqual(['default converge.yml', 'default converge.yml', 'default cleanup.yml']);
  });

  it('fails the check step when --check touches the scenario tree', async () => {
    layout(['roles/base/molecule/default/converge.yml']);
    const [report] = await runMoleculeLite(root, engine({ checkWrites: true }).run, { keep: false, parallel: 1 });
    expect(report!.steps.find((s) => s.step === 'check')).toMatchObject({ status: 'failed', detail: ['--check changed files under the scenario directory'] });
  });

  it('runs validators on rendered files in verify', async () => {
    layout(['roles/base/molecule/default/converge.yml']);
    const [report] = await runMoleculeLite(root, engine({ script: '#!/bin/bash\nif then\n' }).run, { keep: false, parallel: 1 });
    const verify = report!.steps.find((s) => s.step === 'verify')!;
    expect(verify.status).toBe('failed');
    expect(verify.detail[0]).toBe('bash -n run.sh:');
  });

  it('stops after --step and keeps the directory with --keep', async () => {
    layout(['roles/base/molecule/default/converge.yml']);
    const { run, calls } = engine({});
    const [report] = await runMoleculeLite(root, run, { keep: true, parallel: 1, lastStep: 'converge' });
    expect(calls).toEqual(['default converge.yml']);
    expect(report!.kept && existsSync(join(report!.kept, 'run.sh'))).toBe(true);
    rmSync(report!.kept!, { recursive: true, force: true });
  });

  it('filters by role and scenario', async () => {
    layout(['roles/a/molecule/default/converge.yml', 'roles/a/molecule/ipv6/converge.yml', 'roles/b/molecule/default/converge.yml']);
    const reports = await runMoleculeLite(root, engine({}).run, { keep: false, parallel: 2, role: 'a', scenario: 'ipv6' });
    expect(reports.map((r) => r.scenario.id)).toEqual(['a/ipv6']);
  });

  it('frees the slot for the next scenario while the validators run, and cleans up after them', async () => {
    layout(['roles/a/molecule/default/converge.yml', 'roles/a/molecule/default/cleanup.yml', 'roles/b/molecule/other/converge.yml']);
    const { run, calls } = engine({});
    let nextConverged!: () => void;
    const next = new Promise<void>((resolve) => (nextConverged = resolve));
    const tracked: PlaybookRun = async (file, options) => {
      if (basename(String(options.extraVars.molecule_scenario_directory)) === 'other') nextConverged();
      return run(file, options);
    };
    // a/default's validators finish only once b/other has started: waiting for them before the
    // next scenario (parallel 1) would never get there.
    const validate = async (dir: string): Promise<ValidationResult[]> => {
      calls.push(`validate ${basename(dir).split('-')[2]}`);
      if (dir.includes('molecule-lite-a-default')) await next;
      return [{ file: 'run.sh', validator: 'fake', status: 'failed', detail: 'bad' }];
    };
    const reports = await runMoleculeLite(root, tracked, { keep: false, parallel: 1, validate });
    expect(calls.indexOf('other converge.yml')).toBeLessThan(calls.indexOf('default cleanup.yml'));
    expect(calls.indexOf('validate a')).toBeLessThan(calls.indexOf('default cleanup.yml'));
    expect(reports.map((r) => [r.scenario.id, r.ok])).toEqual([['a/default', false], ['b/other', false]]);
    expect(details(reports)).toContain('a/default verify FAILED:\n  fake run.sh:\n    bad');
  });

  it('reports engine and validator time, overlapping spans counted once', async () => {
    expect(busyMs([{ kind: 'engine', start: 0, end: 10 }, { kind: 'engine', start: 5, end: 12 }, { kind: 'engine', start: 20, end: 21 }, { kind: 'validators', start: 0, end: 50 }], 'engine')).toBe(13);
    layout(['roles/base/molecule/default/converge.yml']);
    const validate = async (): Promise<ValidationResult[]> => [];
    const reports = await runMoleculeLite(root, engine({}).run, { keep: false, parallel: 1, validate });
    const spans = reports[0]!.spans;
    expect(spans.map((s) => s.kind)).toEqual(['engine', 'engine', 'engine', 'engine', 'validators', 'engine']);
    expect(summaryTable(reports, 1234)).toMatch(/^1 passed, 0 failed: \d+\.\d\ds engine, \d+\.\d\ds validators, 1\.23s wall$/m);
    const json = JSON.parse(jsonReport(reports, 1234)) as { passed: number; wallMs: number; engineMs: number; scenarios: Array<{ steps: Array<{ step: string; validatorsMs?: number }> }> };
    expect(json).toMatchObject({ passed: 1, failed: 0, wallMs: 1234 });
    expect(json.engineMs).toBeGreaterThanOrEqual(0);
    expect(json.scenarios[0]!.steps.find((s) => s.step === 'verify')!.validatorsMs).toBeTypeOf('number');
  });
});
