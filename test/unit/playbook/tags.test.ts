import { describe, expect, it } from 'vitest';
import { shouldRun } from '../../../src/playbook/tags.js';

// Cases follow ansible-core's Taggable.evaluate_tags.
const table: Array<[string[], string[], string[], boolean]> = [
  // node tags, --tags, --skip-tags, runs?
  [[], [], [], true],
  [['a'], [], [], true],
  [['never'], [], [], false],
  [['never', 'a'], ['a'], [], true],
  [['never'], ['all'], [], false],
  [['always'], ['b'], [], true],
  [['always'], [], ['always'], false],
  [['always'], [], ['all'], true],
  [['always'], [], ['all', 'always'], false],
  [['a'], ['b'], [], false],
  [['a', 'b'], ['b'], [], true],
  [[], ['untagged'], [], true],
  [['a'], ['untagged'], [], false],
  [['a'], ['tagged'], [], true],
  [[], ['tagged'], [], false],
  [['never', 'x'], ['tagged'], [], false],
  [['a'], [], ['a'], false],
  [['a'], [], ['b'], true],
  [['a'], [], ['tagged'], false],
  [[], [], ['tagged'], true],
  [[], [], ['untagged'], false],
  [['a'], ['a'], ['a'], false],
  [['a'], [], ['all'], false],
];

describe('shouldRun', () => {
  it.each(table)('tags %j with --tags %j --skip-tags %j → %s', (node, tags, skipTags, expected) => {
    expect(shouldRun(node, { tags, skipTags })).toBe(expected);
  });
});
