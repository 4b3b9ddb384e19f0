import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { plainLog, warning } from '../../../src/report/plain-log.js';
import { registerSecret, resetSecretsForTests } from '../../../src/secret.js';
import { scriptedRun } from './scripted-run.js';

const golden = (name: string): string => readFileSync(join(import.meta.dirname, 'golden', name), 'utf8');

function run(verbosity: number, diff = true, events = scriptedRun()): string {
  let out = '';
  const log = plainLog({ verbosity, diff, write: (text) => void (out += text) });
  for (const event of events) log.emit(event);
  return out;
}

afterEach(() => resetSecretsForTests());

describe('plain log', () => {
  it('prints byte for byte what ansible-playbook 2.14 prints for the same run', () => {
    expect(run(0)).toBe(golden('ansible-2.14.txt'));
  });

  it('and with -v', () => {
    expect(run(1)).toBe(golden('ansible-2.14-v.txt'));
  });

  it('no diff without --diff', () => {
    expect(run(0, false)).not.toContain('--- before');
  });

  it('masks a registered secret everywhere, and no_log hides the result', () => {
    registerSecret('port=8080');
    const out = run(1);
    expect(out).not.toContain('port=8080');
    expect(out).toContain('+********');
    expect(out).not.toContain('secret stuff');
  });

  it('unreachable, delegation, warnings, -vvv indentation', () => {
    const out = run(3, false, [
      { type: 'host-result', task: 't', host: 'web', status: 'unreachable', noLog: false, ignored: true, result: { changed: false, unreachable: true, msg: 'no route' } },
      { type: 'host-result', task: 't', host: 'web', status: 'changed', delegatedTo: 'db', noLog: false, result: { changed: true, warnings: ['careful'] } },
      { type: 'warning', message: 'a '.repeat(50) },
    ]);
    expect(out).toBe(
      [
        'fatal: [web]: UNREACHABLE! => {',
        '    "changed": false,',
        '    "msg": "no route",',
        '    "unreachable": true',
        '}',
        '...ignoring',
        '[WARNING]: careful',
        'changed: [web -> db] => {',
        '    "changed": true',
        '}',
        // Python's textwrap.wrap('[WARNING]: ' + 'a ' * 50, 79)
        `[WARNING]: ${'a '.repeat(33)}a`,
        `${'a '.repeat(15)}a`,
        '',
      ].join('\n'),
    );
    expect(warning('x')).toBe('[WARNING]: x\n');
  });
});
