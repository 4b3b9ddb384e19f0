import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../../src/errors.js';
import { Secret } from '../../../src/secret.js';
import { createTemplater, OMIT } from '../../../src/template/index.js';
import { UnsafeText } from '../../../src/yaml/unsafe.js';
import { render, value } from './helpers.js';

const t = createTemplater();

describe('template(): Ansible 2.14 value semantics', () => {
  it('returns strings without Jinja syntax untouched', () => {
    expect(value('50% done', {})).toBe('50% done');
    expect(t.isTemplate('a {{ b }}')).toBe(true);
    expect(t.isTemplate('a {# c #}')).toBe(true);
    expect(t.isTemplate('a { b }')).toBe(false);
  });

  it('keeps native values for a single expression', () => {
    const vars = { n: 5, l: [1, 'a'], d: { k: true }, b: false, z: null };
    expect(value('{{ n }}', vars)).toBe(5);
    expect(value('{{ n + 1 }}', vars)).toBe(6);
    expect(value('{{ l }}', vars)).toEqual([1, 'a']);
    expect(value('{{ d }}', vars)).toEqual({ k: true });
    expect(value('{{ b }}', vars)).toBe(false);
    expect(value('{{ 4 / 2 }}', vars)).toBe(2);
    expect(value('{{ z }}', vars)).toBe(null);
    expect(value('{{ n }}\n', vars)).toBe(5);
  });

  it('renders None from an expression as empty text, like ansible-core', () => {
    expect(value('{{ None }}')).toBe('');
    expect(value("{{ x | default(None) }}")).toBe('');
  });

  it('turns mixed text that reads as a Python literal into that value (literal_eval)', () => {
    expect(value('[{{ 1 }}, {{ 2 }}]')).toEqual([1, 2]);
    expect(value("{{ '[1, 2]' }}")).toEqual([1, 2]);
    expect(value("{{ 'True' }}")).toBe(true);
    expect(value('x{{ 1 }}')).toBe('x1');
    expect(value('[not a list {{ 1 }}')).toBe('[not a list 1');
    expect(value("{{ '[true]' }}")).toBe('[true]');
  });

  it('keeps to_json/to_yaml output as text', () => {
    expect(value('{{ d | to_json }}', { d: { a: 1 } })).toBe('{"a": 1}');
  });

  it('templates variables lazily and recursively', () => {
    const vars = { a: 'A', b: '{{ a }}-b', c: ['{{ b }}', { k: '{{ a | lower }}' }] };
    expect(value('{{ c }}', vars)).toEqual(['A-b', { k: 'a' }]);
    expect(render('{{ b }} {{ c[1].k }}', vars)).toBe('A-b a');
  });

  it('detects recursive variables', () => {
    expect(() => value('{{ a }}', { a: '{{ b }}', b: '{{ a }}' })).toThrow(/recursive loop detected in template/);
  });

  it('exposes omit', () => {
    expect(value('{{ x | default(omit) }}')).toBe(OMIT);
  });

  it('never templates !unsafe text and reveals secrets', () => {
    const vars = { u: new UnsafeText('{{ nope }}'), s: Secret.of('hunter22', 'test') };
    expect(value('{{ u }}', vars)).toBe('{{ nope }}');
    expect(t.template(new UnsafeText('{{ x }}') as unknown as string, {})).toBe('{{ x }}');
    expect(value('pw={{ s }}', vars)).toBe('pw=hunter22');
  });

  it('templates deeply, keys included', () => {
    const out = t.templateDeep({ '{{ k }}': ['{{ v }}', 3, true], plain: 'x' }, { k: 'key', v: 'val' });
    expect(out).toEqual({ key: ['val', 3, true], plain: 'x' });
  });
});

describe('evaluate() and condition()', () => {
  const vars = { n: 3, s: 'text', flag: 'false', items: [], expr: 'n > 2' };
  it('evaluates bare expressions', () => {
    expect(t.evaluate('n * 2', vars)).toBe(6);
    expect(t.condition('n > 2 and s is string', vars)).toBe(true);
    expect(t.condition('items', vars)).toBe(false);
    expect(t.condition(true, vars)).toBe(true);
    expect(t.condition('{{ n > 5 }}', vars)).toBe(false);
  });

  it('treats a bare variable holding an expression as that expression, as Ansible does', () => {
    expect(t.condition('flag', vars)).toBe(false);
    expect(t.condition('expr', vars)).toBe(true);
  });

  it('fails on undefined names in conditions', () => {
    expect(() => t.condition('missing == 1', vars, 'site.yml:4:9')).toThrow(TemplateError);
    expect(t.condition('missing is defined', vars)).toBe(false);
  });
});

describe('string literals', () => {
  it('decode Python escapes in template files', () => {
    expect(render("{{ 'a\\tb' }}|{{ '\\x41\\u00e9' }}|{{ '\\d' }}")).toBe('a\tb|Aé|\\d');
  });

  it('keep backslashes inside {{ }} of variable values, as Ansible escape_backslashes does', () => {
    expect(value("{{ 'a1b22' | regex_replace('\\d+', '#') }}")).toBe('a#b#');
    expect(value("{{ 'x\\ny' }}")).toBe('x\\ny');
  });
});

describe('hostvars and vars', () => {
  const web = { name: 'web', port: '{{ base + 1 }}', base: 80 };
  const db = { name: 'db', port: '{{ base + 2 }}', base: 5000 };
  const vars = { base: 1, hostvars: { web, db }, me: 'x' };

  it("templates another host's variables in that host's context", () => {
    expect(value("{{ hostvars['db'].port }} {{ hostvars.web.port }}", vars)).toBe('5002 81');
    expect(value("{{ hostvars['db']['nope'] | default('none') }} {{ 'db' in hostvars }} {{ hostvars | length }}", vars)).toBe('none True 2');
    expect(value('{{ hostvars.web }}', vars)).toEqual({ name: 'web', port: 81, base: 80 });
  });

  it('vars gives every variable by name', () => {
    expect(value("{{ vars['me'] }} {{ vars.base }} {{ 'me' in vars }} {{ vars.nope | default('d') }}", vars)).toBe('x 1 True d');
  });
});

describe('variables whose templates use undefined names', () => {
  const vars = { broken: '{{ nowhere }}/x', ok: 'fine' };
  it('are undefined themselves, so tests and defaults still work', () => {
    expect(value("{{ broken is defined }} {{ broken | default('fallback') }} {{ ok }}", vars)).toBe('False fallback fine');
  });

  it('fail with both names when used', () => {
    expect(() => value('{{ broken }}', vars)).toThrow("{{ nowhere }}/x: 'nowhere' is undefined");
  });
});

describe('trailing newlines (ansible-core keeps them on templated strings)', () => {
  it('keeps the newline after a lone expression, as text', () => {
    const t = createTemplater();
    expect(t.template('{{ word }}\n', { word: 'one' })).toBe('one\n');
    expect(t.template('{{ n }}\n', { n: 5 })).toBe(5); // a lone non-text value stays native
    expect(t.template('{{ n }}\n\n', { n: 5 })).toBe('5\n\n');
    expect(t.template('a {{ word }}\n\n', { word: 'one' })).toBe('a one\n\n');
  });
});
