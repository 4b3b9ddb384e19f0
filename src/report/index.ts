// Subscribers to the engine's RunEvents (events.ts is the contract): the plain log, the
// listr2 live view, the PLAY RECAP and the --json report; createReporter picks among them.
export type { HostStats, HostStatus, Reporter, RunEvent } from './events.js';
export { createReporter, fanOut, type ReporterOptions } from './create-reporter.js';
export { plainLog, type PlainLogOptions } from './plain-log.js';
export { liveView, type LiveViewOptions } from './live-view.js';
export { jsonReport, type JsonReportDocument, type JsonReportOptions } from './json-report.js';
export { recap, banner, exitCodeFromStats } from './recap.js';
export { unifiedDiff } from './unified-diff.js';
export { pythonJson } from './python-json.js';
export { CENSORED } from './format-result.js';
