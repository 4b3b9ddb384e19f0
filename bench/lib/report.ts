import { median, type Measurement } from './measure.js';
import type { Engine } from './setup.js';

// The table printed for the README and the JSON written next to it: medians per scenario,
// the ansible/claw-provision ratio, and every raw run (with its load average).

export const PHASES = ['apply', 'noop', 'check'] as const;
export type Phase = (typeof PHASES)[number];
const PHASE_LABEL: Record<Phase, string> = { apply: 'first apply', noop: 'no-op re-run', check: '--check --diff' };

export type Runs = Record<Engine, Record<Phase, Measurement[]>>;

export interface Results {
  date: string;
  machine: { cpus: number; node: string; ansible: string | null };
  options: Record<string, unknown>;
  /** `claw-provision --version` and, for scale on a loaded machine, a bare `node -e ''`. */
  versionStartupMs: { median: number; cpuMedian: number; nodeBaseline: number; runs: number[] };
  hosts: Record<string, Runs>;
}

export function emptyRuns(): Runs {
  const phases = (): Record<Phase, Measurement[]> => ({ apply: [], noop: [], check: [] });
  return { ansible: phases(), claw: phases() };
}

const ratio = (a: number, b: number): string => (Number.isNaN(a) || Number.isNaN(b) ? '-' : `${(a / b).toFixed(1)}x`);
const seconds = (ms: number): string => (Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(2));

export function formatTable(results: Results): string {
  const rows = [['hosts', 'scenario', 'ansible-core (s)', 'claw-provision (s)', 'ratio', 'CPU ansible/claw (s)', 'CPU ratio', 'claw changed', 'claw peak RSS (MB)', 'load']];
  for (const [hosts, runs] of Object.entries(results.hosts)) {
    for (const phase of PHASES) {
      const ansible = median(runs.ansible[phase].map((m) => m.ms));
      const claw = median(runs.claw[phase].map((m) => m.ms));
      const changed = runs.claw[phase].map((m) => m.changed).join('/');
      const rss = Math.max(...runs.claw[phase].map((m) => m.peakRssMb));
      const load = median([...runs.ansible[phase], ...runs.claw[phase]].map((m) => m.load1));
      const ansibleCpu = median(runs.ansible[phase].map((m) => m.cpuMs));
      const clawCpu = median(runs.claw[phase].map((m) => m.cpuMs));
      const cpu = `${seconds(ansibleCpu)} / ${seconds(clawCpu)}`;
      rows.push([hosts, PHASE_LABEL[phase], seconds(ansible), seconds(claw), ratio(ansible, claw), cpu, ratio(ansibleCpu, clawCpu), changed, rss.toFixed(0), load.toFixed(1)]);
    }
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]): string => `| ${row.map((cell, col) => cell.padEnd(widths[col]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const [head, ...body] = rows;
  const v = results.versionStartupMs;
  return [
    line(head!),
    rule,
    ...body.map(line),
    '',
    `claw-provision --version start-up: ${v.median.toFixed(0)} ms wall, ${v.cpuMedian.toFixed(0)} ms CPU (median of ${v.runs.length}; bare \`node -e ''\`: ${v.nodeBaseline.toFixed(0)} ms wall)`,
    `${results.machine.cpus} CPUs, node ${results.machine.node}, ${results.machine.ansible ?? 'ansible-core not run (not installed or --no-ansible)'}; ${results.date}`,
    '',
  ].join('\n');
}
