import { describe, expect, it } from 'vitest';
import { floatRepr, pyRepr, pyStr, reprString } from '../../../src/template/py/repr.js';
import { percentFormat } from '../../../src/template/py/ops.js';
import { PyFloat, pyEq, tuple, truthy } from '../../../src/template/py/values.js';

describe('Python stringification', () => {
  it('prints Python literals', () => {
    expect(pyRepr([true, false, null, 1, 'a'])).toBe("[True, False, None, 1, 'a']");
    expect(pyRepr({ k: 'v', n: [1, { x: null }] })).toBe("{'k': 'v', 'n': [1, {'x': None}]}");
    expect(pyRepr(tuple(['a', 1]))).toBe("('a', 1)");
    expect(pyRepr(tuple(['a']))).toBe("('a',)");
    expect(pyStr('plain')).toBe('plain');
  });

  it('quotes strings like repr()', () => {
    expect(reprString("it's")).toBe('"it\'s"');
    expect(reprString('say "hi"')).toBe('\'say "hi"\'');
    expect(reprString('both \' and "')).toBe("'both \\' and \"'");
    expect(reprString('tab\tnl\n\\')).toBe("'tab\\tnl\\n\\\\'");
    expect(reprString('\x01é✓')).toBe("'\\x01é✓'");
  });

  it('prints floats like repr(float)', () => {
    expect(floatRepr(1)).toBe('1.0');
    expect(floatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(floatRepr(1e16)).toBe('1e+16');
    expect(floatRepr(1e-5)).toBe('1e-05');
    expect(floatRepr(0.0001)).toBe('0.0001');
    expect(floatRepr(123456789012345.6)).toBe('123456789012345.6');
    expect(floatRepr(-0)).toBe('-0.0');
    expect(floatRepr(Infinity)).toBe('inf');
    expect(pyStr(new PyFloat(2))).toBe('2.0');
  });
});

describe('Python semantics', () => {
  it('uses Python truthiness', () => {
    expect([[], {}, '', 0, null, false, new PyFloat(0)].map(truthy)).toEqual([false, false, false, false, false, false, false]);
    expect([[0], { a: 1 }, ' ', -1, true].map(truthy)).toEqual([true, true, true, true, true]);
  });

  it('compares deeply, ints equal to floats', () => {
    expect(pyEq([1, { a: [2] }], [new PyFloat(1), { a: [2] }])).toBe(true);
    expect(pyEq({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pyEq(true, 1)).toBe(true);
  });

  it('formats with %', () => {
    expect(percentFormat('%s-%d', tuple(['a', 5]))).toBe('a-5');
    expect(percentFormat('%05.1f|%-4s|%4s|%x|%%', tuple([3.14159, 'ab', 'cd', 255]))).toBe('003.1|ab  |  cd|ff|%');
    expect(percentFormat('%(a)s', { a: 1 })).toBe('1');
    expect(percentFormat('%s', [1, 2])).toBe('[1, 2]');
    expect(percentFormat('%r', 'x')).toBe("'x'");
  });
});
