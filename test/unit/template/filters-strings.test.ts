import { describe, expect, it } from 'vitest';
import { render } from './helpers.js';

describe('string filters', () => {
  it('case and trimming', () => {
    expect(render("{{ 'aB' | lower }} {{ 'aB' | upper }} {{ 'hELLO wORLD' | capitalize }} {{ \"it's a-b (c)\" | title }} [{{ ' x ' | trim }}]")).toBe(
      "ab AB Hello world It's A-B (C) [x]",
    );
  });

  it('replace, split, join', () => {
    expect(render("{{ 'aaa' | replace('a', 'b', 2) }} {{ 'a,b' | split(',') }} {{ ' a  b ' | split }} {{ [1, 'x'] | join('-') }}")).toBe("bba ['a', 'b'] ['a', 'b'] 1-x");
  });

  it('indent follows Jinja2 (first line untouched, blank lines kept empty)', () => {
    expect(render("{{ 'a\\n\\nb' | indent(2) }}")).toBe('a\n\n  b');
    expect(render("{{ 'a\\nb' | indent(2, true) }}")).toBe('  a\n  b');
    expect(render("{{ 'a\\n\\nb' | indent(2, blank=true) }}")).toBe('a\n  \n  b');
  });

  it('center like str.center', () => {
    expect(render("[{{ 'ab' | center(5) }}][{{ 'abc' | center(6) }}]")).toBe('[  ab ][ abc  ]');
  });

  it('quote like shlex.quote', () => {
    expect(render(`{{ 'ok' | quote }} {{ "it's" | quote }} {{ '' | quote }} {{ 'a b' | quote }}`)).toBe(`ok 'it'"'"'s' '' 'a b'`);
  });

  it('paths', () => {
    expect(render("{{ '/a/b.tar.gz' | basename }} {{ '/a/b' | dirname }} {{ '/a/b.txt' | splitext }} {{ '.x' | splitext }}")).toBe("b.tar.gz /a ('/a/b', '.txt') ('.x', '')");
  });

  it('b64, urlencode, comment', () => {
    expect(render("{{ 'é' | b64encode }} {{ 'w6k=' | b64decode }} {{ 'a b/c' | urlencode }} {{ {'a': 'x y'} | urlencode }}")).toBe('w6k= é a%20b/c a=x+y');
    expect(render("{{ 'a\\nb' | comment }}")).toBe('#\n# a\n# b\n#');
    expect(render("{{ 'x' | comment('c') }}")).toBe('//\n// x\n//');
  });

  it('regex filters translate Python regex syntax', () => {
    expect(render("{{ 'ab-12' | regex_replace('(?P<w>[a-z]+)-(\\\\d+)', '\\\\2:\\\\g<w>') }}")).toBe('12:ab');
    expect(render("{{ 'héllo wörld' | regex_findall('\\\\w+') }}")).toBe("['héllo', 'wörld']");
    expect(render("{{ 'k=v' | regex_search('(\\\\w)=(\\\\w)', '\\\\2') }}")).toBe("['v']");
    expect(render("{{ 'x' | regex_search('y') }}|")).toBe('|');
    expect(render("{{ 'a.b' | regex_escape }}")).toBe('a\\.b');
    expect(render("{{ 'aXbx' | regex_replace('x', '-', ignorecase=true) }}")).toBe('a-b-');
  });

  it('string methods', () => {
    expect(render("{{ 'a,b'.split(',') }} {{ 'Ab'.startswith('A') }} {{ '{}-{x}'.format(1, x=2) }} {{ 'abc'[::-1] }}")).toBe("['a', 'b'] True 1-2 cba");
  });
});
