import { describe, expect, it } from 'vitest';
import { mergeLayers, mergeVars, type VarLayer } from '../../../src/vars/precedence.js';

// mergeVars is mergeLayers without the origins: the same winners, in the same key order.

const layers: VarLayer[] = [
  { level: 'extra_vars', origin: '-e', values: { port: 9000 } },
  { level: 'play_vars', origin: 'play', values: { port: 80, name: 'play', list: [1] } },
  { level: 'role_defaults', origin: 'defaults a', values: { port: 8080, user: 'a', name: 'a' } },
  { level: 'role_defaults', origin: 'defaults b', values: { user: 'b' } },
  { level: 'set_fact_registered', origin: 'set_fact', values: { name: 'fact' } },
  { level: 'inventory_host_vars', origin: 'host', values: { host_only: true, user: 'host' } },
];

describe('mergeVars', () => {
  it('gives the values and key order of mergeLayers', () => {
    const merged = mergeVars(layers);
    expect(merged).toEqual({ port: 9000, user: 'host', name: 'fact', host_only: true, list: [1] });
    expect(Object.keys(merged)).toEqual(Object.keys(mergeLayers(layers).vars));
    expect(Object.keys(merged)).toEqual(['port', 'user', 'name', 'host_only', 'list']);
  });

  it('keeps the later of two layers at one level', () => {
    expect(mergeVars(layers.slice(2, 4))).toEqual({ port: 8080, user: 'b', name: 'a' });
  });
});
