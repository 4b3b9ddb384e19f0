import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import { createFactReader } from '../../../src/facts/reader.js';
import { loadCatalog } from '../../../src/modules/catalog.js';
import { crontabFact } from '../../../src/modules/cron/index.js';
import { findModule } from '../../../src/modules/registry.js';
import { runModule } from '../../../src/modules/run-module.js';
import type { ModuleContext } from '../../../src/modules/types.js';

// The user-crontab path needs the real `crontab` (Debian package cron) and root, to edit the
// crontab of `nobody`, which is removed again afterwards.

const hasCrontab = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v crontab']);
    return true;
  } catch {
    return false;
  }
})();
const isRoot = process.getuid?.() === 0;
const nobodyHasCrontab = hasCrontab && isRoot && (() => {
  try {
    execFileSync('crontab', ['-u', 'nobody', '-l'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

loadCatalog();
const conn = new LocalConnection();
afterAll(async () => {
  if (hasCrontab && isRoot && !nobodyHasCrontab) execFileSync('sh', ['-c', 'crontab -u nobody -r 2>/dev/null || true']);
  await conn.close();
});

describe.skipIf(!hasCrontab || !isRoot || nobodyHasCrontab)('cron on a real user crontab', () => {
  it('reads "no crontab" as empty, installs, stays idempotent, removes', async () => {
    const facts = createFactReader(conn);
    expect(await facts.read([crontabFact('nobody')])).toEqual([{ text: '' }]);
    const [unknown] = await facts.read([crontabFact('no-such-user-claw')]);
    expect(unknown.error).toMatch(/^Unable to read crontab: /);
    const ctx: ModuleContext = {
      host: 'localhost', connection: conn, facts, check: false, diff: false, become: undefined, forceRun: false,
      controller: { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' },
    };
    const cron = findModule('ansible.builtin.cron')!;
    const args = { name: 'tick', user: 'nobody', job: '/bin/true', minute: '*/5' };
    expect(await runModule(cron, args, ctx)).toMatchObject({ changed: true, jobs: ['tick'] });
    expect(execFileSync('crontab', ['-u', 'nobody', '-l'], { encoding: 'utf8' })).toContain('#Ansible: tick\n*/5 * * * * /bin/true\n');
    expect(await runModule(cron, args, ctx)).toMatchObject({ changed: false });
    expect(await runModule(cron, { name: 'tick', user: 'nobody', state: 'absent' }, ctx)).toMatchObject({ changed: true, jobs: [] });
    expect(await runModule(cron, { name: 'tick', user: 'nobody', state: 'absent' }, ctx)).toMatchObject({ changed: false });
  });
});
