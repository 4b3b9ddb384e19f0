import { describe, expect, it } from 'vitest';
import { render } from './helpers.js';

const ok = { changed: false, failed: false };

describe('Jinja2 and Ansible tests', () => {
  it('type tests', () => {
    expect(render('{{ x is defined }} {{ x is undefined }} {{ none is none }} {{ "s" is string }} {{ 1 is number }} {{ 1 is integer }} {{ 1.5 is float }}')).toBe(
      'False True True True True True True',
    );
    expect(render('{{ {} is mapping }} {{ [] is sequence }} {{ "s" is iterable }} {{ true is boolean }} {{ true is true }} {{ 0 is false }}')).toBe('True True True True True False');
  });

  it('comparison tests, with and without parentheses', () => {
    expect(render('{{ 3 is eq 3 }} {{ 3 is equalto(3) }} {{ 3 is ne(4) }} {{ 3 is gt 2 }} {{ 3 is lt(2) }} {{ 3 is ge 3 }} {{ 3 is le(2) }} {{ 9 is divisibleby 3 }} {{ 3 is odd }}')).toBe(
      'True True True True False True False True True',
    );
    expect(render("{{ 'a' is in 'abc' }} {{ [1, 2] is contains 2 }} {{ 'b' not in ['a'] }} {{ not 1 is even }}")).toBe('True True True True');
  });

  it('regex tests: match anchors at the start, search anywhere', () => {
    expect(render("{{ 'abc' is match('b') }} {{ 'abc' is search('b') }} {{ 'ABC' is match('a', ignorecase=true) }} {{ 'x1' is regex('\\\\d$') }}")).toBe('False True True True');
  });

  it('task result tests', () => {
    const vars = { ok, bad: { failed: true }, ch: { changed: true }, sk: { skipped: true }, un: { unreachable: true } };
    expect(render('{{ ok is succeeded }} {{ ok is success }} {{ bad is failed }} {{ ch is changed }} {{ sk is skipped }} {{ un is unreachable }} {{ ok is reachable }}', vars)).toBe(
      'True True True True True True True',
    );
    expect(() => render('{{ "x" is failed }}')).toThrow(/expects a dictionary/);
  });

  it('truthy, falsy, version, subset, superset', () => {
    expect(render("{{ 'no' is truthy }} {{ 'no' is truthy(convert_bool=true) }} {{ '' is falsy }}")).toBe('True False True');
    expect(render("{{ '1.10' is version('1.9', '>') }} {{ '2.0' is version('2.0.0', '==') }} {{ '1.0.0-rc1' is version('1.0.0', '<', version_type='semver') }}")).toBe('True False True');
    expect(render('{{ [1] is subset([1, 2]) }} {{ [1, 2] is superset([3]) }}')).toBe('True False');
  });

  it('controller path tests', () => {
    expect(render("{{ '/' is directory }} {{ '/' is exists }} {{ '/nope-claw' is exists }} {{ '/etc' is abs }} {{ 'etc' is abs }}")).toBe('True True False True False');
  });
});
