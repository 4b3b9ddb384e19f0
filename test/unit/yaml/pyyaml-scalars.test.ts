import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/yaml/index.js';

// Plain scalars resolved as PyYAML's SafeLoader (what Ansible uses) resolves them; expected
// values taken from python3 -c "yaml.safe_load(...)". Dates stay strings on purpose.
const cases: Array<[string, unknown]> = [
  ['.', '.'], ['1.', 1], ['.5', 0.5], ['1e3', '1e3'], ['1.0e+3', 1000], ['+1', 1], ['-.inf', -Infinity],
  ['~', null], ['Null', null], ['NULL', null], ['0o17', '0o17'], ['1_0', 10], ['0b11', 3], ['08', '08'],
  ['09.5', 9.5], ['0', 0], ['1:20', 80], ['1:70', '1:70'], ['y', 'y'], ['n', 'n'], ['Yes', true], ['oN', 'oN'],
  ['OFF', false], ['0644', 420], ['0x_1F', 31], ['+0x1F', 31], ['0.1_1', 0.11], ['_1', '_1'], ['2024-01-01', '2024-01-01'],
];

describe('plain scalars like PyYAML', () => {
  it.each(cases)('%s', (text, expected) => {
    expect((parseYaml(`v: ${text}\n`, 't.yml') as { v: unknown }).v).toEqual(expected);
  });
});
