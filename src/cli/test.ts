import type { Command } from 'commander';
import { EXIT, OptionsError, type ExitCode } from '../errors.js';

// `claw-provision test`: molecule-lite over roles/<role>/molecule/<scenario>/ and molecule-lite/<scenario>/.
const STEP_NAMES = ['converge', 'idempotence', 'check', 'verify', 'cleanup'];
/**
 * Measured on 2 CPUs (all 25 scenarios): 2, 3, 4 and 6 finish within noise of each other (the run is
 * CPU-bound: the engine's thread and the processes it starts); 2 was a little slower, 6 uses more memory.
 */
const DEFAULT_PARALLEL = 4;

export function define(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('test')
    .description('run molecule-lite scenarios: converge, idempotence, check, verify (+ real validators), cleanup')
    .argument('[dir]', 'project directory', '.')
    .option('--role <role>', 'only this role\'s scenarios ("project" for molecule-lite/)')
    .option('--scenario <name>', 'only scenarios with this name')
    .option('--step <step>', `run the sequence up to this step (${STEP_NAMES.join(', ')}); cleanup always runs`)
    .option('--keep', 'keep each scenario\'s rendered directory', false)
    .option('--parallel <n>', 'scenarios whose playbooks run at once (validators have their own queue)', String(DEFAULT_PARALLEL))
    .option('--json', 'print the report as JSON instead of the table', false)
    .option('--vault-password-file <file>', 'vault password file for scenarios that read the vault', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (dir: string, options: { role?: string; scenario?: string; step?: string; keep: boolean; parallel: string; json: boolean; vaultPasswordFile: string[] }) => {
      if (options.step && !STEP_NAMES.includes(options.step)) throw new OptionsError(`--step must be one of ${STEP_NAMES.join(', ')}, not "${options.step}"`);
      const parallel = Number(options.parallel);
      if (!Number.isInteger(parallel) || parallel < 1) throw new OptionsError(`--parallel must be a positive integer, not "${options.parallel}"`);
      const { runMoleculeLite } = await import('../molecule/index.js');
      const { engineRun } = await import('../molecule/engine-run.js');
      const { details, jsonReport, summaryTable } = await import('../molecule/summary.js');
      const { resolve } = await import('node:path');
      const root = resolve(dir);
      process.env.ANSIBLE_ROLES_PATH = [resolve(root, 'roles'), process.env.ANSIBLE_ROLES_PATH].filter(Boolean).join(':');
      const started = performance.now();
      const engine = engineRun(options.vaultPasswordFile, parallel);
      const molecule = { role: options.role, scenario: options.scenario, lastStep: options.step as never, keep: options.keep, parallel };
      const reports = await runMoleculeLite(root, engine.run, molecule).finally(() => engine.close());
      if (reports.length === 0) throw new OptionsError('no molecule-lite scenario matched', { hint: 'scenarios live in roles/<role>/molecule/<name>/converge.yml and molecule-lite/<name>/converge.yml' });
      const wallMs = performance.now() - started;
      if (options.json) process.stdout.write(`${jsonReport(reports, wallMs)}\n`);
      else {
        process.stdout.write(`${summaryTable(reports, wallMs)}\n`);
        const extra = details(reports);
        if (extra) process.stdout.write(`\n${extra}\n`);
      }
      done(reports.every((r) => r.ok) ? EXIT.OK : EXIT.ERROR);
    });
}
