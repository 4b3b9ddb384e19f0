import { STEPS, type ScenarioReport, type Span } from './types.js';

// The table printed at the end: one row per scenario, one column per step with its time (the
// engine's share; the validators of verify have their own column), then the totals: the engine's
// and the validators' busy wall time (they overlap: validators run while later scenarios converge).

export interface Timing {
  /** Wall time while at least one scenario ran a playbook (or hashed its tree). */
  engineMs: number;
  /** Wall time while at least one rendered tree was being checked (external tools, JSON/YAML/Compose checks). */
  validatorsMs: number;
  wallMs: number;
}

/** Wall time covered by at least one span of `kind` (overlapping spans of parallel scenarios count once). */
export function busyMs(spans: Span[], kind: Span['kind']): number {
  const sorted = spans.filter((s) => s.kind === kind).sort((a, b) => a.start - b.start);
  let total = 0;
  let until = -Infinity;
  for (const span of sorted) {
    total += Math.max(0, span.end - Math.max(span.start, until));
    until = Math.max(until, span.end);
  }
  return total;
}

export function timing(reports: ScenarioReport[], wallMs: number): Timing {
  const spans = reports.flatMap((r) => r.spans);
  return { engineMs: busyMs(spans, 'engine'), validatorsMs: busyMs(spans, 'validators'), wallMs };
}

function cell(report: ScenarioReport, step: (typeof STEPS)[number]): string {
  const found = report.steps.find((s) => s.step === step);
  if (!found || found.status === 'skipped') return '-';
  return `${found.status === 'passed' ? 'ok' : 'FAIL'} ${Math.round(found.ms)}ms`;
}

function validatorsCell(report: ScenarioReport): string {
  const ms = report.steps.find((s) => s.step === 'verify')?.validatorsMs;
  return ms === undefined ? '-' : `${Math.round(ms)}ms`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

export function summaryTable(reports: ScenarioReport[], wallMs: number): string {
  const header = ['scenario', ...STEPS.slice(0, 4), 'validators', 'cleanup', 'total'];
  const rows = reports.map((r) => [
    r.scenario.id, ...STEPS.slice(0, 4).map((step) => cell(r, step)), validatorsCell(r), cell(r, 'cleanup'),
    `${Math.round(r.steps.reduce((sum, s) => sum + s.ms + (s.validatorsMs ?? 0), 0))}ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const failed = reports.filter((r) => !r.ok).length;
  const t = timing(reports, wallMs);
  const totals = `${reports.length - failed} passed, ${failed} failed: ${seconds(t.engineMs)} engine, ${seconds(t.validatorsMs)} validators, ${seconds(t.wallMs)} wall`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', totals].join('\n');
}

/** `--json`: every scenario's steps (times in ms), skips and failures, and the run's totals. */
export function jsonReport(reports: ScenarioReport[], wallMs: number): string {
  const scenarios = reports.map((r) => ({
    id: r.scenario.id, ok: r.ok, kept: r.kept, skippedValidators: r.skippedValidators,
    steps: r.steps.map((s) => ({ step: s.step, status: s.status, ms: Math.round(s.ms), validatorsMs: s.validatorsMs === undefined ? undefined : Math.round(s.validatorsMs), detail: s.detail })),
  }));
  const t = timing(reports, wallMs);
  const passed = reports.filter((r) => r.ok).length;
  const totals = { passed, failed: reports.length - passed, engineMs: Math.round(t.engineMs), validatorsMs: Math.round(t.validatorsMs), wallMs: Math.round(t.wallMs) };
  return JSON.stringify({ scenarios, ...totals }, null, 2);
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
