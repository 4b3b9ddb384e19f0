import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineRun } from '../../../src/molecule/engine-run.js';

// molecule-lite's playbook runs share one connection per host: the local connection's shell
// sessions are started once for the whole `test`, not once per run. A command run in a session
// is the session shell's child, so its $PPID names the session.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-engine-run-'));
  await writeFile(
    join(dir, 'converge.yml'),
    `- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Which shell runs the command
      command: sh -c 'echo $PPID'
      register: shell
    - name: Keep the answer
      copy:
        content: "{{ shell.stdout }}"
        dest: "{{ out }}"
`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('molecule-lite engine', () => {
  it('runs every playbook of every scenario over one connection per host', async () => {
    const engine = engineRun([], 2);
    const shells: string[] = [];
    try {
      for (const name of ['first', 'second']) {
        const out = join(dir, name);
        const outcome = await engine.run(join(dir, 'converge.yml'), { check: false, extraVars: { out } });
        expect(outcome).toMatchObject({ ok: true, failures: [] });
        shells.push(await readFile(out, 'utf8'));
      }
    } finally {
      await engine.close();
    }
    expect(shells[0]).not.toBe(String(process.pid));
    expect(shells[1]).toBe(shells[0]);
  });
});
