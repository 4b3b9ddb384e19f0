import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from './harness/sshd.js';
import { applyOptions, runEngine, writeInventory } from './playbook-helpers.js';

// Enabling the firewall without a rule for the SSH session in use is refused by the ufw
// module's plan, BEFORE anything runs: here over a real SSH session (the session's port comes
// from $SSH_CONNECTION of the sshd child, found through the process tree under sudo).
// The real ufw binary is used; the test only runs where ufw is installed and inactive, and
// disables it again if the refusal ever failed.

const ufw = (await execa('ufw', ['status'], { reject: false })).stdout;
const usable = ufw.startsWith('Status: inactive');

let sshd: TestSshd;
let scratch: string;

beforeAll(async () => {
  if (!usable) return;
  sshd = await startSshd();
  scratch = await mkdtemp('/tmp/claw-lockout-ufw-');
});

afterAll(async () => {
  if ((await execa('ufw', ['status'], { reject: false })).stdout.startsWith('Status: active')) await execa('ufw', ['disable'], { reject: false });
  await sshd?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe.skipIf(!usable)('ufw enable that would cut SSH (real ufw over a real sshd)', () => {
  it.each([false, true])('is refused (check mode: %s), and ufw stays inactive', { timeout: 60_000 }, async (check) => {
    const inventory = await writeInventory(join(scratch, 'inventory.yml'), sshd, [{ name: 'box', base: scratch }]);
    const playbook = join(scratch, 'ufw.yml');
    await writeFile(playbook, ['- hosts: box', '  gather_facts: false', '  become: true', '  tasks:', '    - name: firewall on', '      community.general.ufw: { state: enabled }', ''].join('\n'));
    const run = await runEngine(applyOptions(playbook, inventory, { check }));
    expect(run.results[0]?.status).toBe('failed');
    expect(String(run.results[0]?.result.msg)).toMatch(new RegExp(`^Refusing to enable ufw: no rule would allow the current SSH connection \\(tcp port ${sshd.port} from 127\\.0\\.0\\.1\\)`));
    expect(run.code).toBe(2);
    expect((await execa('ufw', ['status'])).stdout).toMatch(/^Status: inactive/);
  });
});
