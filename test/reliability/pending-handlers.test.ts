import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from '../e2e/harness/sshd.js';
import { applyFixture, prepareFixtureDir, type CliRun, type Kill } from './interrupt-fixture.js';

// Interrupts at chosen points (split from interrupt.test.ts so the suites run in parallel):
// pending handler notifications across SIGINT/SIGKILL, SIGINT while loading, backup: true.

let sshd: TestSshd;
let dir: string;
let base: string;

beforeAll(async () => {
  sshd = await startSshd();
  ({ dir, base } = await prepareFixtureDir('/tmp/claw-rel-pend-', sshd));
});

afterAll(async () => {
  await sshd?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const apply = (playbook: string, gen: string, kill?: Kill): Promise<CliRun> => applyFixture(dir, playbook, gen, kill);

const changedOf = (stdout: string): number => Number(/victim\s+: ok=\d+\s+changed=(\d+)/.exec(stdout)?.[1] ?? NaN);
const handlerLog = async (): Promise<string[]> => (await readFile(join(base, 'handler.log'), 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

describe('pending handlers, early SIGINT and backups', () => {
  it('SIGINT while the playbook is still loading exits 99', { timeout: 60_000 }, async () => {
    // Before the launcher's first line runs no handler can exist, and Node alone takes 110–140 ms
    // to get there on these 2-CPU machines, more while other suites run (150 ms lost that race
    // once in CI); 300 ms is still well inside loading the playbook.
    const killed = await apply('site.yml', 'early', { afterMs: 300, signal: 'SIGINT' });
    expect(killed.signal).toBeUndefined();
    expect(killed.code).toBe(99);
  });

  /** Kills pending.yml once its change is on disk (during the pause before the handlers). */
  async function killBeforeHandlers(gen: string, signal: 'SIGINT' | 'SIGKILL'): Promise<CliRun> {
    const changed = async (): Promise<void> => {
      for (let i = 0; i < 300 && (await readFile(join(base, 'pending.txt'), 'utf8').catch(() => '')) !== `gen=${gen}\n`; i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 300));
    };
    return apply('pending.yml', gen, { afterMs: changed, signal });
  }

  it('SIGINT after a change, before the handlers: no handler runs now; the next run (nothing to change) runs it', { timeout: 120_000 }, async () => {
    const killed = await killBeforeHandlers('p1', 'SIGINT');
    expect(killed.code).toBe(99);
    expect(await handlerLog()).toEqual([]);
    const next = await apply('pending.yml', 'p1');
    expect(next.code).toBe(0);
    expect((await handlerLog()).at(-1)).toBe('p1');
    expect(changedOf(next.stdout)).toBe(1);
  });

  it('SIGKILL after a change, before the handlers: the next run still runs the handler', { timeout: 120_000 }, async () => {
    const killed = await killBeforeHandlers('q1', 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    expect((await handlerLog()).at(-1)).toBe('p1');
    const next = await apply('pending.yml', 'q1');
    expect(next.code).toBe(0);
    expect((await handlerLog()).at(-1)).toBe('q1');
  });

  it('a saved notification that the next run notifies again runs its handler once', { timeout: 120_000 }, async () => {
    const killed = await killBeforeHandlers('r1', 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const before = (await handlerLog()).length;
    // r2 changes the file again: the run re-notifies the handler the journal already owes.
    const next = await apply('pending.yml', 'r2');
    expect(next.code).toBe(0);
    expect((await handlerLog()).slice(before)).toEqual(['r2']);
  });

  it('backup: true keeps the previous version next to the new one', { timeout: 60_000 }, async () => {
    const pb = join(dir, 'backup.yml');
    await writeFile(pb, `- hosts: target\n  gather_facts: false\n  tasks:\n    - copy: { content: "version {{ gen }}\\n", dest: "{{ base }}/b/conf", backup: true }\n`);
    await mkdir(join(base, 'b'), { recursive: true });
    await chmod(join(base, 'b'), 0o777);
    expect((await apply('backup.yml', 'one')).code).toBe(0);
    expect(await readdir(join(base, 'b'))).toEqual(['conf']);
    expect((await apply('backup.yml', 'two')).code).toBe(0);
    const names = await readdir(join(base, 'b'));
    const backups = names.filter((n) => /^conf\..+~$/.test(n));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(base, 'b', backups[0] ?? ''), 'utf8')).toBe('version one\n');
    expect(await readFile(join(base, 'b', 'conf'), 'utf8')).toBe('version two\n');
  });
});
