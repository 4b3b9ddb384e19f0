import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../../src/modules/args.js';
import type { JsonSchema } from '../../../src/modules/types.js';

// normalizeArgs keeps its answer for an arguments object (the look-ahead and the task share
// one), but only for the schema it was worked out with; defaults are never shared.

const withDefault: JsonSchema = { type: 'object', properties: { path: { type: 'string' }, opts: { type: 'array', items: { type: 'string' }, default: ['a'] } } };
const strict: JsonSchema = { type: 'object', properties: { dest: { type: 'string' } } };

describe('normalizeArgs memo', () => {
  it('answers again for the same arguments object, per schema', () => {
    const raw = { path: '/x' };
    const first = normalizeArgs('m', withDefault, raw);
    expect(first).toEqual({ ok: true, args: { path: '/x', opts: ['a'] } });
    expect(normalizeArgs('m', withDefault, raw)).toBe(first);
    expect(normalizeArgs('other', strict, raw)).toMatchObject({ ok: false, msg: expect.stringContaining('Unsupported parameters for (other) module: path') });
  });

  it('gives each call its own copy of an object default', () => {
    const a = normalizeArgs('m', withDefault, { path: '/a' });
    const b = normalizeArgs('m', withDefault, { path: '/b' });
    expect(a.ok && b.ok && a.args.opts !== b.args.opts).toBe(true);
  });
});
