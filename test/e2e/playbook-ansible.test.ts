import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshd, type TestSshd } from './harness/sshd.js';
import { FIXTURE, applyOptions, runEngine, treeHash, writeInventory } from './playbook-helpers.js';

// Differential test: the e2e playbook run by ansible-playbook (ansible-core 2.14, when on
// PATH — CI installs it) and by claw-provision, each into its own scratch directory on the
// same real sshd, must give the same status per task and the same resulting files.
// Speed (CI has 2 cores; ansible takes most of the time waiting on the target): the two
// engines work on separate directories, so they run at once; ansible gets an ansible.cfg
// with pipelining and one persistent SSH master (ControlPersist) reused by all its runs.

const ansible = await execa('ansible-playbook', ['--version'], { reject: false }).then((r) => r.exitCode === 0).catch(() => false);

let sshd: TestSshd;
let scratch: string;
let ansibleCfg: string;
let controlDir: string;

beforeAll(async () => {
  if (!ansible) return;
  sshd = await startSshd();
  scratch = await mkdtemp('/tmp/claw-e2e-diff-');
  await chmod(scratch, 0o755);
  // A short path: ssh control sockets must fit in sun_path (108 bytes).
  controlDir = await mkdtemp('/tmp/claw-cp-');
  ansibleCfg = join(scratch, 'ansible.cfg');
  await writeFile(ansibleCfg, [
    '[defaults]', 'retry_files_enabled = False', 'nocolor = True', 'stdout_callback = json', 'interpreter_python = /usr/bin/python3', '',
    '[ssh_connection]', 'pipelining = True', `control_path_dir = ${controlDir}`, 'ssh_args = -o ControlMaster=auto -o ControlPersist=300s', '',
  ].join('\n'));
});

afterAll(async () => {
  // Close the persistent ssh masters before the server goes away.
  for (const socket of controlDir ? await readdir(controlDir).catch(() => []) : []) {
    await execa('ssh', ['-O', 'exit', '-o', `ControlPath=${join(controlDir, socket)}`, 'unused'], { reject: false });
  }
  await sshd?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
  if (controlDir) await rm(controlDir, { recursive: true, force: true });
});

interface AnsibleHostResult {
  changed?: boolean;
  failed?: boolean;
  skipped?: boolean;
  unreachable?: boolean;
}

interface AnsibleJson {
  plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, AnsibleHostResult> }> }>;
  stats: Record<string, { ok: number; changed: number; failures: number; unreachable: number; skipped: number; rescued: number; ignored: number }>;
}

interface Observed {
  tasks: string[];
  stats: Record<string, number[]>;
}

function ansibleStatus(result: AnsibleHostResult): string {
  if (result.unreachable) return 'unreachable';
  if (result.failed) return 'failed';
  if (result.skipped) return 'skipped';
  return result.changed ? 'changed' : 'ok';
}

async function runAnsible(inventory: string, extra: string[] = []): Promise<Observed> {
  const run = await execa('ansible-playbook', ['-i', inventory, FIXTURE, ...extra], {
    reject: false,
    env: { ANSIBLE_CONFIG: ansibleCfg },
  });
  expect(run.exitCode, run.stderr).toBe(0);
  const doc = JSON.parse(run.stdout) as AnsibleJson;
  const tasks = doc.plays.flatMap((play) => play.tasks.flatMap((task) => Object.entries(task.hosts).map(([host, r]) => `${task.task.name}|${host}|${ansibleStatus(r)}`)));
  const stats = Object.fromEntries(Object.entries(doc.stats).map(([host, s]) => [host, [s.ok, s.changed, s.unreachable, s.failures, s.skipped, s.rescued, s.ignored]]));
  return { tasks, stats };
}

async function runOurs(inventory: string, extra: string[] = [], check = false): Promise<Observed> {
  const run = await runEngine(applyOptions(FIXTURE, inventory, { extraVars: extra, check }));
  expect(run.code).toBe(0);
  const recap = run.events.find((e) => e.type === 'recap');
  const stats = Object.fromEntries(Object.entries(recap?.type === 'recap' ? recap.stats : {}).map(([host, s]) => [host, [s.ok, s.changed, s.unreachable, s.failed, s.skipped, s.rescued, s.ignored]]));
  return { tasks: run.results.map((r) => `${r.task}|${r.host}|${r.status}`), stats };
}

describe.skipIf(!ansible)('same playbook, ansible-playbook vs claw-provision', () => {
  it('gives the same status per task and the same files, first run and second run', { timeout: 600_000 }, async () => {
    const theirsBase = join(scratch, 'ansible');
    const oursBase = join(scratch, 'ours');
    const theirsInv = await writeInventory(join(scratch, 'ansible.yml'), sshd, [{ name: 'e2e', base: theirsBase }]);
    const oursInv = await writeInventory(join(scratch, 'ours.yml'), sshd, [{ name: 'e2e', base: oursBase }]);

    const [ours1, theirs1] = await Promise.all([runOurs(oursInv), runAnsible(theirsInv)]);
    expect(ours1).toEqual(theirs1);
    const normalize = (base: string) => (text: string) => text.split(base).join('BASE');
    const oursTree = await treeHash(oursBase, normalize(oursBase));
    const theirsTree = await treeHash(theirsBase, normalize(theirsBase));

    // The second run (idempotence) and the check-mode run on changed input both leave the
    // target as it is (a change in either is a status difference the comparison reports),
    // so ansible's two runs go side by side; ours are quick and stay one after the other.
    const oursLater = async (): Promise<Observed[]> => [await runOurs(oursInv), await runOurs(oursInv, ['app_name=renamed'], true)];
    const [[ours2, ours3], theirs2, theirs3] = await Promise.all([
      oursLater(),
      runAnsible(theirsInv),
      runAnsible(theirsInv, ['--check', '-e', 'app_name=renamed']),
    ]);
    expect(ours2).toEqual(theirs2);
    // Check mode on an existing target with changed input: the same predictions.
    expect(ours3).toEqual(theirs3);
    expect(oursTree).toEqual(theirsTree);
  });
});
