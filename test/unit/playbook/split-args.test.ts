import { describe, expect, it } from 'vitest';
import { parseArgString, splitArgs } from '../../../src/playbook/split-args.js';

describe('splitArgs / parseArgString', () => {
  it('keeps quoted and templated parts together', () => {
    expect(splitArgs(`a=1 b="x y" c='{{ v }}' d={{ foo | default("a b") }} e`)).toEqual([
      'a=1', 'b="x y"', "c='{{ v }}'", 'd={{ foo | default("a b") }}', 'e',
    ]);
  });

  it('takes every key=value for ordinary modules', () => {
    expect(parseArgString('path=/x state=directory mode=0755 msg="a b"', 'ansible.builtin.file')).toEqual({
      path: '/x', state: 'directory', mode: '0755', msg: 'a b',
    });
  });

  it('keeps the command text for free-form modules, taking only their known keys', () => {
    expect(parseArgString('echo a=b "x  y" creates=/tmp/y chdir=/tmp', 'ansible.builtin.command')).toEqual({
      _raw_params: 'echo a=b "x  y"', creates: '/tmp/y', chdir: '/tmp',
    });
    expect(parseArgString('flush_handlers', 'ansible.builtin.meta')).toEqual({ _raw_params: 'flush_handlers' });
  });
});
