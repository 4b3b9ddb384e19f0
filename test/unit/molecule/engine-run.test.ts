import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineRun } from '../../../src/molecule/engine-run.js';

// molecule-lite's playbook runs share one connection per host: the local connection's shell
// sessions are started once for the whole `test`, not once per run. The sessions are this
// process's /bin/sh children: the ones there after the first run are there, and alone, after
// the second (a connection per run would have closed them and started others).

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'claw-engine-run-'));
  await writeFile(
    join(dir, 'converge.yml'),
    `- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: A command
      command: echo ran
      register: shell
    - name: Keep the answer
      copy:
        content: "{{ shell.stdout }}"
        dest: "{{ out }}"
`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function shellChildren(): string[] {
  const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n');
  return lines.filter((line) => line.includes('/bin/sh')).map((line) => line.trim().split(/\s+/)[0] as string);
}

describe('molecule-lite engine', () => {
  it('runs every playbook of every scenario over one connection per host', async () => {
    const engine = engineRun([], 2);
    const sessions: string[][] = [];
    try {
      for (const name of ['first', 'second']) {
        const out = join(dir, name);
        const outcome = await engine.run(join(dir, 'converge.yml'), { check: false, extraVars: { out } });
        expect(outcome).toMatchObject({ ok: true, failures: [] });
        expect(await readFile(out, 'utf8')).toBe('ran');
        sessions.push(shellChildren());
      }
    } finally {
      await engine.close();
    }
    expect(sessions[0]?.length).toBeGreaterThan(0);
    expect(sessions[1]).toEqual(sessions[0]);
  });
});
