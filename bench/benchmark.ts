import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { test } from 'vitest';
import { startSshd } from '../test/e2e/harness/sshd.js';
import { measure, median, type Command, type Measurement } from './lib/measure.js';
import { PHASES, emptyRuns, formatTable, type Phase, type Results, type Runs } from './lib/report.js';
import { writeInventories, type Engine } from './lib/setup.js';

// The benchmark driver (not a test: nothing here asserts on time). bench/run starts it via
// vitest so the TypeScript sshd harness can be reused; options arrive as BENCH_* variables.
// Per host count and run, the two engines alternate (which one goes first flips each run)
// through: clean scratch dir → first apply → no-op re-run → --check --diff.

const ROOT = resolve(import.meta.dirname, '..');
const env = (name: string, fallback: string): string => process.env[`BENCH_${name}`] || fallback;
const OPTIONS = {
  runs: Number(env('RUNS', '3')),
  ansibleRuns: Number(env('ANSIBLE_RUNS', '1')),
  hosts: env('HOSTS', '1,10,50').split(',').map(Number),
  skipAnsibleAbove: Number(env('SKIP_ANSIBLE_ABOVE', '10')),
  ansible: env('ANSIBLE', 'auto') !== 'no',
  cli: resolve(ROOT, env('CLI', 'bin/claw-provision.js')),
  out: resolve(ROOT, env('OUT', 'bench/results')),
};

test('benchmark: claw-provision vs ansible-core', async () => {
  const ansibleVersion = OPTIONS.ansible ? await versionOf('ansible-playbook') : null;
  const sshd = await startSshd({ nopasswd: true });
  const scratch = await mkdtemp('/tmp/claw-bench-');
  try {
    const target = { port: sshd.port, user: sshd.user, privateKeyFile: sshd.privateKeyFile, knownHostsFile: sshd.knownHostsFile };
    const inventories = await writeInventories(scratch, OPTIONS.hosts, target);
    const results: Results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, ansible: ansibleVersion },
      options: { ...OPTIONS },
      versionStartupMs: await versionStartup(scratch),
      hosts: {},
    };
    for (const count of OPTIONS.hosts) {
      const withAnsible = ansibleVersion !== null && count <= OPTIONS.skipAnsibleAbove;
      results.hosts[String(count)] = await benchHostCount(count, withAnsible, inventories, scratch, sshd.user);
      // After every host count, so a long run that fails later still leaves its figures.
      await writeResults(results);
    }
  } finally {
    await sshd.stop();
    for (const engine of ['ansible', 'claw'] as const) await rm(dataDir(engine), { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
});

async function writeResults(results: Results): Promise<void> {
  await mkdir(OPTIONS.out, { recursive: true });
  await writeFile(join(OPTIONS.out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(OPTIONS.out, 'latest.txt'), formatTable(results));
}

/** All runs at one host count; the engines alternate, the first one flipping each run. */
async function benchHostCount(count: number, withAnsible: boolean, inventories: Map<string, string>, scratch: string, loginUser: string): Promise<Runs> {
  const runs = emptyRuns();
  for (let run = 0; run < Math.max(OPTIONS.runs, withAnsible ? OPTIONS.ansibleRuns : 0); run++) {
    const engines: Engine[] = [];
    if (run < OPTIONS.runs) engines.push('claw');
    if (withAnsible && run < OPTIONS.ansibleRuns) engines.push('ansible');
    if (run % 2) engines.reverse();
    for (const engine of engines) {
      // Outside the 0700 scratch dir, owned by the login user and created up front: every host
      // alias creates its own bench_root inside it, and creating the shared parent from many
      // hosts at once is a race that is no part of what is measured.
      const base = dataDir(engine);
      await rm(base, { recursive: true, force: true });
      await execa('install', ['-d', '-o', loginUser, base]);
      for (const phase of PHASES) {
        const m = await measure(commandFor(engine, phase, inventories.get(`${engine}-${count}`)!, count, base, scratch), scratch);
        runs[engine][phase].push(m);
        progress(`${count} hosts, run ${run + 1}, ${engine} ${phase}: ${(m.ms / 1000).toFixed(2)} s (CPU ${(m.cpuMs / 1000).toFixed(2)} s), changed=${m.changed}, rss ${m.peakRssMb.toFixed(0)} MB, load ${m.load1.toFixed(1)}`);
      }
    }
  }
  return runs;
}

const dataDir = (engine: Engine): string => `/tmp/claw-bench-data-${process.pid}-${engine}`;

function commandFor(engine: Engine, phase: Phase, inventory: string, forks: number, base: string, scratch: string): Command {
  const common = ['bench/playbook.yml', '-i', inventory, '-f', String(forks), '-e', `bench_base=${base}`];
  const extra = phase === 'check' ? ['--check', '--diff'] : [];
  if (engine === 'ansible') {
    return { file: 'ansible-playbook', args: [...common, ...extra], cwd: ROOT, env: { ANSIBLE_CONFIG: join(scratch, 'ansible.cfg') } };
  }
  return { file: process.execPath, args: [OPTIONS.cli, 'apply', ...common, ...extra], cwd: ROOT };
}

async function versionStartup(scratch: string): Promise<Results['versionStartupMs']> {
  const version = { file: process.execPath, args: [OPTIONS.cli, '--version'], cwd: ROOT };
  const bare = { file: process.execPath, args: ['-e', ''], cwd: ROOT };
  const runs: Measurement[] = [];
  const baseline: Measurement[] = [];
  for (let i = 0; i < 10; i++) {
    runs.push(await measure(version, scratch));
    baseline.push(await measure(bare, scratch));
  }
  const ms = runs.map((m) => m.ms);
  return { median: median(ms), cpuMedian: median(runs.map((m) => m.cpuMs)), nodeBaseline: median(baseline.map((m) => m.ms)), runs: ms };
}

async function versionOf(file: string): Promise<string | null> {
  const result = await execa(file, ['--version'], { reject: false });
  return result.exitCode === 0 ? (result.stdout.split('\n')[0] ?? file) : null;
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}
