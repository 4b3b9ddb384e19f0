import { describe, expect, it } from 'vitest';
import { EXIT, ParseError } from '../../../src/errors.js';
import { didYouMean, suggestionHint } from '../../../src/schema/did-you-mean.js';
import { inventoryGroupSchema, playSchema, roleMetaSchema } from '../../../src/schema/definitions.js';
import { validateNode } from '../../../src/schema/validate.js';
import { parseYaml } from '../../../src/yaml/index.js';

function problem(schema: Record<string, unknown>, text: string, what: string): ParseError {
  const data = parseYaml(text, 'x.yml');
  try {
    validateNode(schema, data, what, { file: 'x.yml', line: 1, col: 1 });
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('validateNode', () => {
  it('accepts a valid node', () => {
    expect(() => validateNode(playSchema, parseYaml('hosts: all\nbecome: yes\nserial: [1, "50%"]\n', 'x.yml'), 'a play', { file: 'x.yml', line: 1, col: 1 })).not.toThrow();
  });

  it('maps a type error to the value position', () => {
    const error = problem(playSchema, 'hosts: all\nroles: {a: 1}\n', 'a play');
    expect(error.exitCode).toBe(EXIT.PARSE);
    expect(error.message).toBe("'roles' must be array,null");
    expect(error.where).toEqual({ file: 'x.yml', line: 2, col: 8 });
  });

  it('reports a missing required keyword at the node', () => {
    const error = problem(playSchema, 'name: x\ntasks: []\n', 'a play');
    expect(error.code).toBe('missing-keyword');
    expect(error.message).toBe("a play needs 'hosts'");
    expect(error.where).toEqual({ file: 'x.yml', line: 1, col: 1 });
  });

  it('reports several problems at once, the first as the place', () => {
    const error = problem(roleMetaSchema, 'galaxy_info: {}\ndependancies: []\nallow_duplicates: 3\n', 'role meta/main.yml');
    expect(error.message).toContain("unknown keyword 'dependancies' in role meta/main.yml");
    expect(error.message).toContain("also x.yml:3:19: 'allow_duplicates' must be boolean");
    expect(error.hint).toBe("did you mean 'dependencies'?");
  });

  it('names a nested unknown key in an inventory group', () => {
    const error = problem(inventoryGroupSchema, 'hosts:\n  a:\nvar:\n  x: 1\n', "inventory group 'all'");
    expect(error.message).toBe("unknown keyword 'var' in inventory group 'all'");
    expect(error.hint).toBe("did you mean 'vars'?");
    expect(error.where).toEqual({ file: 'x.yml', line: 3, col: 1 });
  });
});

describe('didYouMean', () => {
  it('suggests only plausible typos', () => {
    expect(didYouMean('becom', ['become', 'become_user'])).toBe('become');
    expect(didYouMean('zzzzzz', ['become', 'tags'])).toBeUndefined();
    expect(suggestionHint('zzzzzz', ['b', 'a'])).toBe('valid keywords: a, b');
    expect(didYouMean('ansible.builtin.user', ['ansible.builtin.assert'])).toBeUndefined();
    expect(didYouMean('ansible.builtin.cmmand', ['ansible.builtin.command'])).toBe('ansible.builtin.command');
  });
});
