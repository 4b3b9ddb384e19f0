import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTemplater } from '../../../src/template/index.js';
import { scratchDir } from './helpers.js';

const base = join(scratchDir, 'lookup-base');
mkdirSync(join(base, 'files'), { recursive: true });
mkdirSync(join(base, 'templates'), { recursive: true });
writeFileSync(join(base, 'files', 'data.txt'), 'data line\n\n');
writeFileSync(join(base, 'templates', 'greet.j2'), 'hello {{ who }}\n');
const t = createTemplater({ searchPaths: [base] });

describe('lookups', () => {
  it('file (trailing whitespace stripped), template, env, pipe, vars', () => {
    expect(t.template("{{ lookup('file', 'data.txt') }}", {})).toBe('data line');
    expect(t.template("{{ lookup('template', 'greet.j2') }}", { who: 'you' })).toBe('hello you\n');
    process.env.CLAW_TEMPLATE_TEST = 'from-env';
    expect(t.template("{{ lookup('env', 'CLAW_TEMPLATE_TEST') }}", {})).toBe('from-env');
    expect(t.template("{{ lookup('pipe', 'echo one; echo two') }}", {})).toBe('one\ntwo');
    expect(t.template("{{ lookup('vars', 'a') }}", { a: '{{ b }}', b: 3 })).toBe(3);
  });

  it('lookup joins with commas, query returns lists', () => {
    expect(t.template("{{ lookup('items', ['a', 'b']) }}", {})).toBe('a,b');
    expect(t.template("{{ lookup('items', ['a', 'b'], wantlist=True) }}", {})).toEqual(['a', 'b']);
    expect(t.template("{{ query('file', 'data.txt') }}", {})).toEqual(['data line']);
    expect(t.template("{{ q('list', 1, 2) }}", {})).toEqual([1, 2]);
  });

  it('first_found returns the first existing file', () => {
    expect(String(t.template("{{ lookup('first_found', ['missing.txt', 'data.txt']) }}", {}))).toBe(join(base, 'files', 'data.txt'));
  });

  it('errors=ignore swallows a failing lookup; otherwise the error names the plugin', () => {
    expect(t.template("{{ lookup('file', 'missing.txt', errors='ignore') }}", {})).toBe('');
    expect(() => t.template("{{ lookup('file', 'missing.txt') }}", {})).toThrow(/lookup plugin 'file'.*could not locate file/);
    expect(() => t.template("{{ lookup('nope', 'x') }}", {})).toThrow(/lookup plugin \(nope\) not found/);
  });
});

describe('lookups inside a role', () => {
  it("search the role's files/ first (role_path)", () => {
    const role = join(scratchDir, 'roles', 'r1');
    mkdirSync(join(role, 'files'), { recursive: true });
    writeFileSync(join(role, 'files', 'data.txt'), 'from the role\n');
    expect(t.template("{{ lookup('file', 'data.txt') }}", { role_path: role })).toBe('from the role');
    expect(t.template("{{ lookup('file', 'data.txt') }}", {})).toBe('data line');
  });
});
