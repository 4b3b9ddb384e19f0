import { basename } from 'node:path';
import { redact } from '../secret.js';
import type { Reporter, RunEvent } from './events.js';
import { cleanResult, dumpResult, isVerbose, itemLabel, visibleResult } from './format-result.js';
import { banner, recap } from './recap.js';
import { unifiedDiff } from './unified-diff.js';

// The line-per-event log of ansible-playbook's default callback (no colour), for CI and any
// non-TTY output: banners, "ok: [host]", "fatal: [host]: FAILED! => {...}", diffs, warnings,
// PLAY RECAP. Every line goes through redact() on its way out.

export interface PlainLogOptions {
  verbosity: number;
  diff: boolean;
  write: (text: string) => void;
}

type HostResult = Extract<RunEvent, { type: 'host-result' }>;

export function plainLog(options: PlainLogOptions): Reporter {
  const display = (text: string): void => options.write(redact(text.endsWith('\n') ? text : `${text}\n`));
  let playbook = '';
  return {
    emit(event) {
      for (const text of render(event, options)) display(text);
      if (event.type === 'playbook-start') playbook = event.file;
      if (event.type === 'recap') for (const text of retryHint(event.stats, playbook)) display(text);
    },
    close: async () => undefined,
  };
}

function render(event: RunEvent, options: PlainLogOptions): string[] {
  switch (event.type) {
    case 'playbook-start':
      return options.verbosity > 1 ? [banner(`PLAYBOOK: ${basename(event.file)}`)] : [];
    case 'play-start':
      return [banner(event.name.trim() ? `PLAY [${event.name.trim()}]` : 'PLAY')];
    case 'task-start': {
      const title = banner(`${event.handler ? 'RUNNING HANDLER' : 'TASK'} [${event.name.trim()}]`);
      return options.verbosity >= 2 ? [title, `task path: ${event.source.file}:${event.source.line}`] : [title];
    }
    case 'host-result':
      return hostResult(event, options);
    case 'warning':
      return [warning(event.message)];
    case 'verbose':
      return options.verbosity >= event.level ? [event.host ? `<${event.host}> ${event.message}` : event.message] : [];
    case 'no-hosts-matched':
      return ['skipping: no hosts matched'];
    case 'recap':
      return [recap(event.stats)];
    case 'interrupted':
      return ['\n[ERROR]: User interrupted execution'];
    case 'host-output':
      return [];
  }
}

/** After the recap: how to re-run only the hosts that were unreachable (once they are back). */
function retryHint(stats: Extract<RunEvent, { type: 'recap' }>['stats'], playbook: string): string[] {
  const hosts = Object.keys(stats).filter((host) => (stats[host]?.unreachable ?? 0) > 0).sort();
  return hosts.length === 0 ? [] : [`to retry: claw-provision apply ${playbook || '<playbook>'} … --limit ${hosts.join(',')}`];
}

function hostResult(event: HostResult, options: PlainLogOptions): string[] {
  const out: string[] = [];
  const warnings = event.noLog ? [] : event.result.warnings;
  if (Array.isArray(warnings)) out.push(...warnings.map((text) => warning(String(text))));
  const diff = event.diff ?? event.result.diff;
  if (options.diff && event.status === 'changed' && diff && diff.length > 0 && !event.noLog) {
    const text = unifiedDiff(diff);
    if (text) out.push(text);
  }
  const line = statusLine(event, options.verbosity);
  if (line !== undefined) out.push(line);
  if (event.ignored && event.item === undefined && (event.status === 'failed' || event.status === 'unreachable')) out.push('...ignoring');
  return out;
}

function statusLine(event: HostResult, verbosity: number): string | undefined {
  const host = event.delegatedTo && event.delegatedTo !== event.host ? `${event.host} -> ${event.delegatedTo}` : event.host;
  const visible = visibleResult(event);
  const json = (): string => dumpResult(cleanResult(visible, event.action, verbosity), visible._ansible_verbose_always === true, verbosity);
  const verbose = (): string => (isVerbose(visible, verbosity) ? ` => ${json()}` : '');
  const item = itemLabel(event);
  const aggregate = item === undefined && Array.isArray(event.result.results);
  switch (event.status) {
    case 'ok':
    case 'changed':
      if (item !== undefined) return `${event.status}: [${host}] => (item=${item})${verbose()}`;
      return aggregate ? undefined : `${event.status}: [${host}]${verbose()}`;
    case 'skipped':
      return item !== undefined ? `skipping: [${event.host}] => (item=${item}) ${verbose()}` : `skipping: [${event.host}]${verbose()}`;
    case 'failed':
      if (item !== undefined) return `failed: [${host}] (item=${item}) => ${json()}`;
      return aggregate ? undefined : `fatal: [${host}]: FAILED! => ${json()}`;
    case 'unreachable':
      return `fatal: [${host}]: UNREACHABLE! => ${json()}`;
  }
}

/** "[WARNING]: ..." wrapped at 79 columns like Python's textwrap. */
export function warning(message: string): string {
  const words = `[WARNING]: ${message}`.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    while (word.length > 79) {
      if (current) lines.push(current);
      current = '';
      lines.push(word.slice(0, 79));
      word = word.slice(79);
    }
    if (current && current.length + 1 + word.length > 79) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return `${lines.join('\n')}\n`;
}
