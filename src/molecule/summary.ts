import { STEPS, type ScenarioReport } from './types.js';

// The table printed at the end: one row per scenario, one column per step with its time.

function cell(report: ScenarioReport, step: (typeof STEPS)[number]): string {
  const found = report.steps.find((s) => s.step === step);
  if (!found || found.status === 'skipped') return '-';
  return `${found.status === 'passed' ? 'ok' : 'FAIL'} ${Math.round(found.ms)}ms`;
}

export function summaryTable(reports: ScenarioReport[], totalMs: number): string {
  const header = ['scenario', ...STEPS, 'total'];
  const rows = reports.map((r) => [r.scenario.id, ...STEPS.map((step) => cell(r, step)), `${Math.round(r.steps.reduce((sum, s) => sum + s.ms, 0))}ms`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const failed = reports.filter((r) => !r.ok).length;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', `${reports.length - failed} passed, ${failed} failed (${(totalMs / 1000).toFixed(2)}s wall)`].join('\n');
}

/** Failure details and visible skips, after the table. */
export function details(reports: ScenarioReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    for (const step of report.steps.filter((s) => s.status === 'failed')) out.push(`${report.scenario.id} ${step.step} FAILED:`, ...step.detail.map((d) => `  ${d}`));
    for (const skip of report.skippedValidators) out.push(`${report.scenario.id} validator ${skip}`);
    if (report.kept) out.push(`${report.scenario.id} kept: ${report.kept}`);
  }
  return out.join('\n');
}
