import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReporter } from '../../../src/report/create-reporter.js';
import type { JsonReportDocument } from '../../../src/report/json-report.js';
import { exitCodeFromStats, recap } from '../../../src/report/recap.js';
import { CENSORED } from '../../../src/report/format-result.js';
import { registerSecret, resetSecretsForTests, Secret } from '../../../src/secret.js';
import { scriptedRun } from './scripted-run.js';

afterEach(() => resetSecretsForTests());

const zero = { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };

describe('PLAY RECAP', () => {
  it('matches the golden capture of ansible-playbook 2.14', () => {
    const golden = readFileSync(join(import.meta.dirname, 'golden/ansible-2.14.txt'), 'utf8');
    const event = scriptedRun().at(-1);
    if (event?.type !== 'recap') throw new Error('script must end with recap');
    expect(golden.endsWith(recap(event.stats))).toBe(true);
  });

  it('keeps the columns for long host names and big counts', () => {
    const line = recap({ 'a-very-long-host-name-over-26.example.org': { ...zero, ok: 12345 } }).split('\n')[2];
    expect(line).toBe('a-very-long-host-name-over-26.example.org : ok=12345 changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ');
  });

  it('exit code: unreachable before failed', () => {
    expect(exitCodeFromStats({ a: { ...zero, failed: 1 }, b: { ...zero, unreachable: 1 } })).toBe(3);
    expect(exitCodeFromStats({ a: { ...zero, failed: 1, ignored: 2 } })).toBe(2);
    expect(exitCodeFromStats({ a: { ...zero, ignored: 2 } })).toBe(0);
    expect(exitCodeFromStats({}, true)).toBe(99);
  });
});

function jsonOf(events = scriptedRun()): Promise<JsonReportDocument> {
  let out = '';
  const reporter = createReporter({ json: true, verbosity: 0, diff: false, tty: false, write: (text) => void (out += text) });
  events.forEach((event) => reporter.emit(event));
  return reporter.close().then(() => JSON.parse(out) as JsonReportDocument);
}

describe('--json report', () => {
  it('holds plays, tasks, per-host results with items, stats and the exit code', async () => {
    const doc = await jsonOf();
    expect(doc.playbook).toBe('/tmp/h5-ans/golden.yml');
    expect(doc.plays).toHaveLength(1);
    expect(doc.plays[0]?.tasks.map((t) => t.task.name)).toEqual(['say hello', 'edit a line', 'loop over items', 'never runs', 'hidden', 'fail in loop', 'fail but ignore']);
    const failLoop = doc.plays[0]?.tasks[5]?.hosts.alpha;
    expect(failLoop?.status).toBe('failed');
    expect(failLoop?.ignored).toBe(true);
    expect(failLoop?.items?.map((i) => [i.item, i.status])).toEqual([
      ['a', 'skipped'],
      ['b', 'failed'],
    ]);
    expect(doc.plays[0]?.tasks[4]?.hosts.beta?.result).toEqual({ censored: CENSORED, changed: false });
    expect(doc.stats.alpha?.changed).toBe(1);
    expect(doc.exit_code).toBe(0);
  });

  it('masks registered secrets and Secret values; writes a 0600 file for --json FILE', async () => {
    registerSecret('hello');
    const events = scriptedRun();
    events.splice(3, 0, { type: 'host-result', task: 'x', host: 'gamma', status: 'ok', noLog: false, result: { changed: false, token: Secret.of('tok-value', 'vault.yml:1:1') } });
    const doc = await jsonOf(events);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('hello');
    expect(text).not.toContain('tok-value');
    expect(doc.plays[0]?.tasks[0]?.hosts.gamma?.result.token).toBe('********');
    const path = join(mkdtempSync(join(tmpdir(), 'json-report-')), 'report.json');
    const reporter = createReporter({ json: path, verbosity: 0, diff: false, tty: false, write: () => undefined });
    events.forEach((event) => reporter.emit(event));
    await reporter.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain('hello');
  });
});
