import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from './harness/sshd.js';
import { FIXTURE, applyOptions, runEngine, treeHash, writeInventory, type EngineRun, type HostResult } from './playbook-helpers.js';

// The e2e playbook (test/e2e/fixtures/playbook) against a REAL OpenSSH server with sudo:
// apply changes things, a second apply changes nothing, --check on a fresh target changes
// nothing, and --check --diff predicts the next apply task by task.

let sshd: TestSshd;
let scratch: string;

beforeAll(async () => {
  sshd = await startSshd();
  scratch = await mkdtemp('/tmp/claw-e2e-pb-');
  await chmod(scratch, 0o755);
});

afterAll(async () => {
  await sshd?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const key = (r: HostResult): string => `${r.task}|${r.host}`;

async function target(name: string): Promise<{ base: string; inventory: string }> {
  const base = join(scratch, name);
  const inventory = await writeInventory(join(scratch, `${name}.yml`), sshd, [{ name: 'e2e', base }]);
  return { base, inventory };
}

describe('e2e playbook on a real sshd', () => {
  it('applies, then a second apply reports nothing changed', { timeout: 300_000 }, async () => {
    const { base, inventory } = await target('idempotent');
    const first = await runEngine(applyOptions(FIXTURE, inventory));
    const failures = first.results.filter((r) => r.status === 'failed' && !r.ignored);
    expect(failures.map((r) => `${r.task}: ${String(r.result.msg)}`)).toEqual(['planned failure: planned']);
    expect(first.code, sshd.log()).toBe(0);
    expect(first.results.filter((r) => r.status === 'changed').length).toBeGreaterThan(10);
    expect(first.results.length).toBeGreaterThanOrEqual(40);
    const tree = await treeHash(base);
    expect(tree.some((line) => line.startsWith('restarted file 0644 0:0'))).toBe(true);
    expect(tree.some((line) => line.startsWith('conf/app.conf file 0640 0:0'))).toBe(true);
    expect(tree.some((line) => line.startsWith('conf/settings.ini file 0644 0:0'))).toBe(true);

    const second = await runEngine(applyOptions(FIXTURE, inventory));
    expect(second.code).toBe(0);
    expect(second.results.filter((r) => r.status === 'changed').map(key)).toEqual([]);
    expect(await treeHash(base)).toEqual(tree);
  });

  it('--check on a fresh target changes nothing', { timeout: 300_000 }, async () => {
    const { base, inventory } = await target('fresh-check');
    const before = await treeHash(scratch);
    const run = await runEngine(applyOptions(FIXTURE, inventory, { check: true, diff: true }));
    expect(run.results.filter((r) => r.status === 'failed' && !r.ignored).map((r) => r.task)).toEqual(['planned failure']);
    expect(run.code).toBe(0);
    expect(await treeHash(scratch)).toEqual(before);
    expect(await treeHash(base)).toEqual([]);
  });

  it('--check --diff predicts the changes and diffs the next apply makes, task by task', { timeout: 300_000 }, async () => {
    const { inventory } = await target('predict');
    // Fresh target: statuses. Tasks whose target directory an earlier task would create can
    // only say "would run" in check mode (check_mode_note), without a diff.
    expect(predictionMismatches(await runEngine(applyOptions(FIXTURE, inventory, { check: true, diff: true })), await runEngine(applyOptions(FIXTURE, inventory, { diff: true })))).toEqual([]);
    // Existing target, changed input: statuses AND diffs must match exactly.
    const renamed = { extraVars: ['app_name=renamed'] };
    const check = await runEngine(applyOptions(FIXTURE, inventory, { check: true, diff: true, ...renamed }));
    const apply = await runEngine(applyOptions(FIXTURE, inventory, { diff: true, ...renamed }));
    expect(apply.results.filter((r) => r.status === 'changed').map((r) => r.task)).toEqual(['config from content', 'config from template', 'name line in the settings']);
    expect(predictionMismatches(check, apply)).toEqual([]);
    expect(check.results.filter((r) => r.status === 'changed').every((r) => (r.diff ?? []).length > 0)).toBe(true);
  });

  it('an unreachable host among several: the others finish, exit 3', { timeout: 300_000 }, async () => {
    const good = join(scratch, 'reach-good');
    const inventory = await writeInventory(join(scratch, 'reach.yml'), sshd, [
      { name: 'good', base: good },
      { name: 'dead', base: join(scratch, 'reach-dead'), port: 1 },
    ]);
    const run = await runEngine(applyOptions(FIXTURE, inventory));
    expect(run.code).toBe(3);
    expect(run.results.filter((r) => r.host === 'dead').map((r) => r.status)).toEqual(['unreachable']);
    expect(run.results.filter((r) => r.host === 'good' && r.task === 'summary').map((r) => r.status)).toEqual(['ok']);
  });
});

function predictionMismatches(check: EngineRun, apply: EngineRun): string[] {
  const applied = new Map(apply.results.map((r) => [key(r), r]));
  const out: string[] = [];
  for (const predicted of check.results) {
    const actual = applied.get(key(predicted));
    if (!actual || predicted.status === 'skipped') continue;
    if (actual.status !== predicted.status) out.push(`${key(predicted)}: check=${predicted.status} apply=${actual.status}`);
    else if (predicted.status === 'changed' && predicted.result.check_mode_note !== true && JSON.stringify(predicted.diff ?? []) !== JSON.stringify(actual.diff ?? [])) {
      out.push(`${key(predicted)}: diff ${JSON.stringify(predicted.diff)} != ${JSON.stringify(actual.diff)}`);
    }
  }
  // Everything apply changed was predicted (or could not be checked: skipped in check mode).
  const statuses = new Map(check.results.map((r) => [key(r), r.status]));
  for (const r of apply.results) {
    if (r.status === 'changed' && !['changed', 'skipped'].includes(statuses.get(key(r)) ?? 'missing')) out.push(`${key(r)}: not predicted`);
  }
  return out;
}
