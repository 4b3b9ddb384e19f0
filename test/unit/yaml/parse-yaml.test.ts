import { describe, expect, it } from 'vitest';
import { ParseError, EXIT } from '../../../src/errors.js';
import { isSecret } from '../../../src/secret.js';
import { parseYaml, positionOf, valuePositionOf, UnsafeText } from '../../../src/yaml/index.js';

function failure(text: string): ParseError {
  try {
    parseYaml(text, 'f.yml');
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('parseYaml (YAML 1.1 like PyYAML)', () => {
  it('reads booleans, octal and floats as Ansible does', () => {
    const v = parseYaml('a: yes\nb: 0644\nc: y\nd: 1e3\ne: 1.5e+3\nf: 2024-01-01\ng: off\nh: 0x1F\ns: 1:20\n', 'f.yml');
    expect(v).toEqual({ a: true, b: 420, c: 'y', d: '1e3', e: 1500, f: '2024-01-01', g: false, h: 31, s: 80 });
  });

  it('records positions of containers, keys and values', () => {
    const v = parseYaml('top: 1\nlist:\n  - one\n  - two: 2\n', 'f.yml') as { list: Array<unknown> };
    expect(positionOf(v, 'list')).toEqual({ file: 'f.yml', line: 2, col: 1 });
    expect(valuePositionOf(v, 'top')).toEqual({ file: 'f.yml', line: 1, col: 6 });
    expect(positionOf(v.list, 1)).toEqual({ file: 'f.yml', line: 4, col: 5 });
    expect(positionOf(v.list[1] as object, 'two')).toEqual({ file: 'f.yml', line: 4, col: 5 });
  });

  it('applies merge keys without overriding explicit keys', () => {
    const v = parseYaml('base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n', 'f.yml');
    expect(v).toEqual({ base: { x: 1, y: 2 }, m: { x: 1, y: 3 } });
  });

  it('turns !unsafe into UnsafeText and !vault into a lazy Secret', () => {
    const v = parseYaml('u: !unsafe "{{ x }}"\ns: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n', 'f.yml') as Record<string, unknown>;
    expect(v.u).toBeInstanceOf(UnsafeText);
    expect(String(v.u)).toBe('{{ x }}');
    expect(isSecret(v.s)).toBe(true);
    expect((v.s as { origin: string }).origin).toMatch(/^f\.yml:2:\d+$/);
  });

  it('reports a duplicate key with its position and the first one', () => {
    const error = failure('a: 1\nb: 2\na: 3\n');
    expect(error.code).toBe('duplicate-key');
    expect(error.exitCode).toBe(EXIT.PARSE);
    expect(error.where).toEqual({ file: 'f.yml', line: 3, col: 1 });
    expect(error.message).toContain("duplicate key 'a' (first defined at line 1)");
  });

  it('reports malformed YAML with file:line:col and a snippet', () => {
    const error = failure('ok: 1\nname: {{ x }} y\n');
    expect(error.code).toBe('yaml-syntax');
    expect(error.format()).toMatch(/^f\.yml:2:\d+: YAML syntax error: /);
    expect(error.message).toContain('    name: {{ x }} y\n');
    expect(error.hint).toContain('quoted');
  });

  it('points an unclosed quote at the last written line', () => {
    const error = failure('a: 1\nx: "unterminated\n');
    expect(error.where).toMatchObject({ line: 2 });
    expect(error.message).toContain('    x: "unterminated\n');
  });

  it('rejects unknown tags as PyYAML does', () => {
    const error = failure('a: !vualt |\n  x\n');
    expect(error.code).toBe('yaml-syntax');
    expect(error.message).toContain('!vualt');
    expect(error.where).toMatchObject({ line: 1 });
  });

  it('rejects several documents in one file', () => {
    expect(failure('a: 1\n---\nb: 2\n').code).toBe('yaml-syntax');
  });

  it('returns null for an empty file', () => {
    expect(parseYaml('# nothing\n', 'f.yml')).toBeNull();
  });
});
