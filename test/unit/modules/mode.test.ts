import { describe, expect, it } from 'vitest';
import { resolveMode } from '../../../src/modules/common/mode.js';
import { pyRegex } from '../../../src/modules/lineinfile/plan.js';
import { normalizeArgs } from '../../../src/modules/args.js';
import { expandingWord, shlexSplit } from '../../../src/modules/common/shlex.js';
import { defineSchema } from '../../../src/modules/common/schema.js';
import { Secret } from '../../../src/secret.js';

describe('resolveMode', () => {
  const cases: Array<[string | number, string | undefined, boolean, string]> = [
    [420, undefined, false, '0644'], // YAML 1.1: unquoted 0644
    ['0644', '0600', false, '0644'],
    ['644', undefined, false, '0644'],
    ['01777', undefined, true, '1777'],
    ['u=rw,g=r,o=r', '0777', false, '0644'],
    ['u+x', '0644', false, '0744'],
    ['a-w', '0666', false, '0444'],
    ['go=', '0755', false, '0700'],
    ['a+X', '0644', true, '0755'],
    ['a+X', '0644', false, '0644'],
    ['a+X', '0744', false, '0755'],
    ['u+s', '0755', false, '4755'],
    ['g=u', '0750', false, '0770'],
    ['u=rwx,g=rx,o=', undefined, true, '0750'],
  ];
  it.each(cases)('%s on %s (dir %s) → %s', (mode, current, isDir, expected) => {
    expect(resolveMode(mode, current, isDir)).toEqual({ ok: true, mode: expected });
  });

  it.each(['rwxr-xr-x', '0999', 'u=rw;g=r', 99999])('refuses %s', (mode) => {
    expect(resolveMode(mode, '0644', false)).toMatchObject({ ok: false, msg: expect.stringContaining('mode must be in octal or symbolic form') });
  });
});

describe('pyRegex', () => {
  it('Python $ also matches before the final newline', () => {
    expect(new RegExp(pyRegex('^a=(.*)$')!).test('a=1\n')).toBe(true);
    expect(new RegExp(pyRegex('x[$]')!).test('x$')).toBe(true);
    expect(new RegExp(pyRegex('\\Aa\\Z')!).test('a')).toBe(true);
  });
  it('converts named groups', () => {
    const match = new RegExp(pyRegex('(?P<k>\\w+)=(?P=k)')!).exec('ab=ab');
    expect(match?.groups?.['k']).toBe('ab');
  });
});

describe('normalizeArgs', () => {
  const schema = defineSchema({
    path: { type: 'string', required: true, aliases: ['dest'], description: 'p' },
    force: { type: 'boolean', default: false, description: 'f' },
    port: { type: 'integer', description: 'n' },
    names: { type: 'array', items: 'string', description: 'l' },
  });

  it('folds aliases, converts like Ansible, fills defaults', () => {
    expect(normalizeArgs('m', schema, { dest: '/x', force: 'yes', port: '22', names: 'a, b' })).toEqual({
      ok: true,
      args: { path: '/x', force: true, port: 22, names: ['a', 'b'] },
    });
    expect(normalizeArgs('m', schema, { path: 5, names: [1, true] })).toEqual({ ok: true, args: { path: '5', force: false, names: ['1', 'True'] } });
  });

  it('reveals vault values passed as arguments', () => {
    expect(normalizeArgs('m', schema, { path: Secret.of('/secret/path', 'test') })).toMatchObject({ ok: true, args: { path: '/secret/path' } });
  });

  it('refuses an alias given together with its name', () => {
    expect(normalizeArgs('m', schema, { path: '/a', dest: '/b' })).toEqual({ ok: false, msg: 'parameters are mutually exclusive: path|dest' });
  });
});

describe('shlexSplit (outputs captured from Python shlex.split)', () => {
  it.each([
    ['a "b c" d', ['a', 'b c', 'd']],
    ["it\\'s", ["it's"]],
    ['a\\ b', ['a b']],
    ['"x\\"y\\n"', ['x"y\\n']],
    ["'' b", ['', 'b']],
    ['x|y #c', ['x|y', '#c']],
    ['  ', []],
  ])('%s', (line, words) => expect(shlexSplit(line)).toEqual(words));

  it('refuses what shlex refuses', () => {
    expect(() => shlexSplit("echo it's")).toThrow('No closing quotation');
    expect(() => shlexSplit('echo \\')).toThrow('No escaped character');
  });
});

describe('expandingWord', () => {
  it('expands set variables and ~ only, as run_command does', () => {
    expect(expandingWord('plain')).toBe('plain');
    expect(expandingWord('$HOME/x')).toBe('"${HOME-\\$HOME}"/x');
    expect(expandingWord('${A}b')).toBe('"${A-\\${A\\}}"b');
    expect(expandingWord('~/a b')).toBe("~'/a b'");
    expect(expandingWord('a~')).toBe('a\\~');
    expect(expandingWord('')).toBe("''");
  });
});
