import { describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { isSecret } from '../../../src/secret.js';
import { parseYaml, positionOf } from '../../../src/yaml/index.js';

// The same file with the same text is parsed by the library once per process (molecule-lite
// loads the same files in every run); every load still gets its own values.

vi.mock('yaml', async (original) => {
  const actual = await original<typeof yaml>();
  return { ...actual, parseDocument: vi.fn(actual.parseDocument) };
});

describe('parseYaml document reuse', () => {
  it('parses a file text once and builds fresh values, with positions, each time', () => {
    const parse = vi.mocked(yaml.parseDocument);
    const text = 'base: &b {x: 1}\nlist: [1, 2]\nmerged:\n  <<: *b\n  y: 2\nsecret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  00\n';
    const first = parseYaml(text, 'reuse.yml') as Record<string, Record<string, unknown>>;
    const calls = parse.mock.calls.length;
    const second = parseYaml(text, 'reuse.yml') as Record<string, Record<string, unknown>>;
    expect(parse.mock.calls.length).toBe(calls);
    expect(second).not.toBe(first);
    expect(second.merged).not.toBe(first.merged);
    first.merged!.x = 99;
    expect(second.merged).toEqual({ x: 1, y: 2 });
    expect(isSecret(second.secret)).toBe(true);
    expect(second.secret).not.toBe(first.secret);
    expect(positionOf(second, 'list')).toEqual({ file: 'reuse.yml', line: 2, col: 1 });
    expect(positionOf(second.merged, 'y')).toEqual({ file: 'reuse.yml', line: 5, col: 3 });
  });

  it('parses again when the text or the file differs', () => {
    const parse = vi.mocked(yaml.parseDocument);
    const before = parse.mock.calls.length;
    expect(parseYaml('a: 1\n', 'one.yml')).toEqual({ a: 1 });
    expect(parseYaml('a: 2\n', 'one.yml')).toEqual({ a: 2 });
    expect(positionOf(parseYaml('a: 1\n', 'two.yml'))).toMatchObject({ file: 'two.yml' });
    expect(parse.mock.calls.length).toBe(before + 3);
  });
});
