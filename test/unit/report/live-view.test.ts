import { createWritable, ProcessOutput } from 'listr2';
import { afterEach, describe, expect, it } from 'vitest';
import { liveView } from '../../../src/report/live-view.js';
import { createReporter } from '../../../src/report/create-reporter.js';
import { registerSecret, resetSecretsForTests } from '../../../src/secret.js';
import { scriptedRun } from './scripted-run.js';

// The live view is a TTY renderer; here listr2's "simple" renderer writes into a buffer so
// the same code path (one list per task, a line per host) can be asserted.

afterEach(() => resetSecretsForTests());

async function render(events = scriptedRun(), diff = true): Promise<string> {
  let screen = '';
  const stream = createWritable((chunk) => void (screen += chunk)) as unknown as NodeJS.WriteStream;
  const view = liveView({ verbosity: 0, diff, write: (text) => void (screen += text), renderer: 'simple', processOutput: new ProcessOutput(stream, stream, { leaveEmptyLine: false }) });
  events.forEach((event) => view.emit(event));
  await view.close();
  return screen.replace(/\u001b\[[0-9;]*m/g, '');
}

describe('live view', () => {
  it('shows each task, each host state, failures in full and the recap', async () => {
    const screen = await render();
    expect(screen).toContain('PLAY [Golden play]');
    expect(screen).toContain('edit a line');
    expect(screen).toContain('alpha: changed');
    expect(screen).toContain('beta: ok');
    expect(screen).toContain('+port=8080');
    expect(screen).toContain('alpha: FAILED (ignored)');
    expect(screen).toContain('fatal: [alpha]: FAILED! => {"changed": false, "msg": "boom"}');
    expect(screen.indexOf('say hello')).toBeLessThan(screen.indexOf('never runs'));
    expect(screen).toMatch(/PLAY RECAP \*+\nalpha {22}: ok=6/);
  });

  it('prints diffs only with --diff', async () => {
    expect(await render(scriptedRun(), false)).not.toContain('+port=8080');
  });

  it('shows a long command output line and a failing host, masking secrets', async () => {
    registerSecret('sekrit-pw');
    const screen = await render([
      { type: 'play-start', name: 'p', hosts: ['web'] },
      { type: 'task-start', name: 'long job', source: { file: 'a.yml', line: 1, col: 1 }, hosts: ['web'], handler: false },
      { type: 'host-output', host: 'web', line: 'downloading sekrit-pw 50%' },
      { type: 'host-result', task: 'long job', host: 'web', status: 'failed', noLog: false, result: { changed: false, msg: 'bad sekrit-pw' } },
    ]);
    expect(screen).toContain('downloading ******** 50%');
    expect(screen).toContain('web: FAILED');
    expect(screen).toContain('fatal: [web]: FAILED! => {"changed": false, "msg": "bad ********"}');
    expect(screen).not.toContain('sekrit-pw');
  });

  it('createReporter picks the plain log when not on a TTY', async () => {
    let out = '';
    const reporter = createReporter({ verbosity: 0, diff: false, tty: false, write: (text) => void (out += text) });
    scriptedRun().forEach((event) => reporter.emit(event));
    await reporter.close();
    expect(out).toContain('TASK [say hello] ****');
  });
});
