import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../../src/errors.js';
import { createTemplater } from '../../../src/template/index.js';
import { render, scratchFile } from './helpers.js';

function failure(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

const t = createTemplater();

describe('template errors', () => {
  it('names the undefined variable, the template file and line, with the line as snippet', () => {
    const path = scratchFile('undef.j2', 'line one\nport {{ web_port }}\n');
    const error = failure(() => t.renderFile(path, {}));
    expect(error.message).toContain("'web_port' is undefined");
    expect(error.message).toContain('2 | port {{ web_port }}');
    expect(error.where).toEqual({ file: path, line: 2, col: expect.any(Number) });
    expect(error.format()).toContain(`${path}:2:`);
    expect(error.hint).toMatch(/default/);
    expect(error.exitCode).toBe(4);
  });

  it('places errors in a YAML string relative to its position', () => {
    const error = failure(() => t.template('a\n{{ nope.x }}', {}, { file: 'site.yml', line: 10, col: 12 }));
    expect(error.message).toContain("'nope' is undefined");
    expect(error.where).toMatchObject({ file: 'site.yml', line: 11 });
  });

  it('reports a missing attribute on a defined value like Jinja2', () => {
    const error = failure(() => t.template('{{ d.missing }}', { d: { a: 1 } }, 'task'));
    expect(error.message).toContain("'dict object' has no attribute 'missing'");
  });

  it('fails on undefined values used in output, arithmetic, loops and filters', () => {
    for (const src of ['{{ x }}', '{{ x + 1 }}', '{% for i in x %}{% endfor %}', '{{ x | upper }}', '{% if x %}{% endif %}', '{{ d.a.b }}']) {
      expect(() => t.template(`${src}!`, { d: {} }), src).toThrow(/is undefined|has no attribute/);
    }
  });

  it('reports syntax errors with their line', () => {
    const path = scratchFile('syntax.j2', 'ok\n{% if x %}\nno endif\n');
    const error = failure(() => t.renderFile(path, { x: 1 }));
    expect(error.code).toBe('template-syntax');
    expect(error.message).toMatch(/template syntax error/);
    const unclosed = failure(() => t.template('a\n{{ x + }}', {}, 'vars'));
    expect(unclosed.message).toContain('2 | {{ x + }}');
  });

  it('rejects unknown filters and tests when parsing, even in branches not taken', () => {
    expect(failure(() => t.template('{% if false %}{{ x | no_such_filter }}{% endif %}', {})).message).toContain("no filter named 'no_such_filter'");
    expect(failure(() => t.template('{{ 1 is no_such_test }}', {})).message).toContain("no test named 'no_such_test'");
  });

  it('names the included file when the error is inside it', () => {
    const inner = scratchFile('inner-bad.j2', 'inner {{ missing_in_include }}\n');
    const outer = scratchFile('outer.j2', "{% include 'inner-bad.j2' %}\n");
    const error = failure(() => t.renderFile(outer, {}));
    expect(error.where).toMatchObject({ file: inner, line: 1 });
  });

  it('lets mandatory fail with its message', () => {
    expect(failure(() => render('{{ x | mandatory }}')).message).toContain("Mandatory variable 'x' not defined.");
    expect(failure(() => render("{{ x | mandatory('set x please') }}")).message).toContain('set x please');
  });
});
