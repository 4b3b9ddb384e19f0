import { describe, expect, it } from 'vitest';
import { render, scratchFile } from './helpers.js';

describe('Jinja2 syntax on the Nunjucks parser', () => {
  it('uses Jinja2 operator precedence', () => {
    expect(render("{{ 2 * 3 % 4 }} {{ 'a' ~ 1 + 2 if false else 'ok' }} {{ 1 + 2 * 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }}")).toBe('2 ok 7 64 4');
    expect(() => render("{{ 'x' ~ 1 + 1 }}")).toThrow(/unsupported operand/);
  });

  it('accepts Python literals and tuples', () => {
    expect(render('{{ True }} {{ False }} {{ None | string }} {{ true }} {{ (1, 2) }} {{ [1, (2, 3)] }} {{ 1e3 }} {{ 1.50 }}')).toBe('True False None True (1, 2) [1, (2, 3)] 1000.0 1.5');
  });

  it('closes nested dict literals correctly', () => {
    expect(render("{{ {'a': {'b': {}}} }}{% set x = {'k': {'v': 1}} %}{{ x.k.v }}")).toBe("{'a': {'b': {}}}1");
  });

  it('slices, negative indexes, dotted integer indexes', () => {
    expect(render("{{ [1, 2, 3, 4][1:3] }} {{ 'abcdef'[::2] }} {{ [1, 2][-1] }} {{ l.1.k }}", { l: [0, { k: 'v' }] })).toBe("[2, 3] ace 2 v");
  });

  it('whitespace control, comments, raw', () => {
    expect(render('a  {%- if true -%}  b  {%- endif %}\n{# c #}\nd{% raw %}{{ x }}{% endraw %}\ne')).toBe('abd{{ x }}e');
  });

  it('if/elif/else, inline if, loop filter and else', () => {
    expect(render('{% for i in [1, 2, 3] if i > 1 %}{{ i }}{{ loop.length }}{% else %}none{% endfor %}|{% if 0 %}a{% elif [] %}b{% else %}c{% endif %}')).toBe('2232|c');
    expect(render('{% for i in [] %}x{% else %}empty{% endfor %} {{ "y" if 1 else "n" }} [{{ "y" if 0 }}]')).toBe('empty y []');
  });

  it('loop variables', () => {
    expect(render('{% for x in "abc" %}{{ loop.index }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.previtem | default("-") }}{{ loop.cycle("o", "e") }} {% endfor %}')).toBe(
      '12True-o 21Falseae 30Falsebo ',
    );
  });

  it('set scoping: loop bodies do not leak, namespace does', () => {
    expect(render('{% set n = 1 %}{% for i in [1] %}{% set n = 2 %}{% endfor %}{{ n }}{% set ns = namespace(n=1) %}{% for i in [1] %}{% set ns.n = 2 %}{% endfor %}{{ ns.n }}')).toBe('12');
  });

  it('filter blocks and call blocks', () => {
    expect(render('{% filter upper %}shout {{ "it" }}{% endfilter %}')).toBe('SHOUT IT');
    expect(render('{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}in{% endcall %}')).toBe('[in]');
  });

  it('include and import resolve relative to the template', () => {
    scratchFile('inc-part.j2', '{{ who }}\n');
    scratchFile('inc-macros.j2', '{% macro hi(x) %}hi {{ x }}{% endmacro %}');
    expect(render("<{% include 'inc-part.j2' %}>{% import 'inc-macros.j2' as m %}{{ m.hi(1) }}", { who: 'me' })).toBe('<me>hi 1');
    expect(render("{% include ['missing.j2', 'inc-part.j2'] %}|{% include 'missing.j2' ignore missing %}", { who: 'x' })).toBe('x|');
  });

  it('keeps the source trailing newlines as Ansible does', () => {
    expect(render('a\n')).toBe('a\n');
    expect(render('a\n\n')).toBe('a\n\n');
    expect(render('a')).toBe('a');
    expect(render('{% if true %}\nx\n{% endif %}\n')).toBe('x\n');
  });
});

describe('{% with %}', () => {
  it('scopes its assignments to the block', () => {
    expect(render('{% set a = 1 %}{% with a = 2, b = a + 1 %}{{ a }}{{ b }}{% endwith %}{{ a }}{{ b is defined }}')).toBe('22' + '1False');
  });
});
