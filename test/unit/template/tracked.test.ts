import { describe, expect, it } from 'vitest';
import { createTemplater, readsHold } from '../../../src/template/index.js';

// templateDeepTracked: the variables a templating read, so the runner can reuse the result
// while they hold (src/runner/prefetch.ts); results that depend on more are never reusable.

const templater = createTemplater();

describe('templateDeepTracked', () => {
  it('records every variable read, through variables whose values are templates, and missing ones', () => {
    const vars = { base: '/srv', name: 'app', path: '{{ base }}/{{ name }}', unused: 'x' };
    const { value, reads } = templater.templateDeepTracked({ dest: '{{ path }}', mode: "{{ mode | default('0644') }}" }, vars);
    expect(value).toEqual({ dest: '/srv/app', mode: '0644' });
    expect([...(reads?.keys() ?? [])].sort()).toEqual(['base', 'mode', 'name', 'path']);
    expect(readsHold(reads!, { ...vars })).toBe(true);
    expect(readsHold(reads!, { ...vars, unused: 'changed' })).toBe(true);
    expect(readsHold(reads!, { ...vars, name: 'other' })).toBe(false);
    expect(readsHold(reads!, { ...vars, mode: '0600' })).toBe(false);
  });

  it('compares objects by identity: a new register result is a change', () => {
    const r = { stdout: 'a' };
    const { reads } = templater.templateDeepTracked('{{ r.stdout }}', { r });
    expect(readsHold(reads!, { r })).toBe(true);
    expect(readsHold(reads!, { r: { stdout: 'a' } })).toBe(false);
  });

  it.each([
    ["{{ lookup('env', 'HOME') }}"],
    ["{{ query('env', 'HOME') }}"],
    ['{{ hostvars["h1"].x }}'],
    ['{{ [1, 2, 3] | random }}'],
    ['{{ [1, 2, 3] | shuffle }}'],
    ["{{ 'pw' | password_hash('sha512') }}"],
    ["{{ '/etc' is directory }}"],
    ["{{ now() }}"],
    ["{{ vars['x'] }}"],
  ])('%s is not reusable', (src) => {
    const { reads } = templater.templateDeepTracked(src, { x: 1, hostvars: { h1: { x: 1 } } });
    expect(reads).toBeUndefined();
  });
});
