import { formatPos } from '../errors.js';
import { redact } from '../secret.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { HostStats, HostStatus, Reporter, RunEvent } from './events.js';
import { visibleResult } from './format-result.js';
import { exitCodeFromStats } from './recap.js';

// `--json`: one machine-readable document for the whole run (plays → tasks → per-host
// results, stats, exit code), written when the run closes — to stdout (`--json`) or a file
// (`--json FILE`, atomically, 0600). no_log results are censored and secrets masked.

export interface JsonHostEntry {
  status: HostStatus;
  ignored?: boolean;
  delegated_to?: string;
  result: Record<string, unknown>;
  items?: Array<{ item: string; status: HostStatus; result: Record<string, unknown> }>;
}

export interface JsonReportDocument {
  playbook: string | null;
  check: boolean;
  plays: Array<{ play: { name: string; hosts: string[] }; tasks: Array<{ task: { name: string; source: string; handler: boolean }; hosts: Record<string, JsonHostEntry> }> }>;
  warnings: string[];
  stats: Record<string, HostStats>;
  interrupted: boolean;
  exit_code: number;
}

export interface JsonReportOptions {
  /** File path, or undefined for `write` (stdout). */
  path?: string;
  write: (text: string) => void;
}

export function jsonReport(options: JsonReportOptions): Reporter {
  const doc: JsonReportDocument = { playbook: null, check: false, plays: [], warnings: [], stats: {}, interrupted: false, exit_code: 0 };
  return {
    emit: (event) => record(doc, event),
    close: async () => {
      doc.exit_code = exitCodeFromStats(doc.stats, doc.interrupted);
      const text = `${redact(JSON.stringify(doc, null, 2))}\n`;
      if (options.path === undefined) options.write(text);
      else await writeFileAtomic(options.path, text, { mode: 0o600 });
    },
  };
}

function record(doc: JsonReportDocument, event: RunEvent): void {
  switch (event.type) {
    case 'playbook-start':
      doc.playbook = event.file;
      doc.check = event.check;
      return;
    case 'play-start':
      doc.plays.push({ play: { name: event.name, hosts: event.hosts }, tasks: [] });
      return;
    case 'task-start':
      currentPlay(doc).tasks.push({ task: { name: event.name, source: formatPos(event.source), handler: event.handler }, hosts: {} });
      return;
    case 'host-result':
      recordResult(doc, event);
      return;
    case 'warning':
      doc.warnings.push(event.message);
      return;
    case 'recap':
      doc.stats = event.stats;
      return;
    case 'interrupted':
      doc.interrupted = true;
      return;
    default:
      return;
  }
}

function currentPlay(doc: JsonReportDocument): JsonReportDocument['plays'][number] {
  let play = doc.plays.at(-1);
  if (!play) {
    play = { play: { name: '', hosts: [] }, tasks: [] };
    doc.plays.push(play);
  }
  return play;
}

function recordResult(doc: JsonReportDocument, event: Extract<RunEvent, { type: 'host-result' }>): void {
  const play = currentPlay(doc);
  let task = play.tasks.at(-1);
  if (!task) {
    task = { task: { name: event.task, source: '', handler: false }, hosts: {} };
    play.tasks.push(task);
  }
  const result = visibleResult(event);
  const entry = (task.hosts[event.host] ??= { status: event.status, result: {} });
  if (event.item !== undefined) {
    (entry.items ??= []).push({ item: event.noLog ? '(censored due to no_log)' : event.item, status: event.status, result });
    return;
  }
  entry.status = event.status;
  entry.result = result;
  if (event.ignored) entry.ignored = true;
  if (event.delegatedTo) entry.delegated_to = event.delegatedTo;
}
