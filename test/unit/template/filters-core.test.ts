import { describe, expect, it } from 'vitest';
import { render, value } from './helpers.js';

describe('core filters', () => {
  it('default / d', () => {
    expect(render("{{ x | default('a') }} {{ x | d('b') }} {{ '' | default('c', true) }} {{ 0 | default(1, boolean=true) }} {{ y.z | default('deep') }}", { y: {} })).toBe('a b c 1 deep');
    expect(value('{{ n | default(5) }}', { n: null })).toBe(''); // None is defined; ansible-core renders it empty
  });

  it('bool, int, float, string', () => {
    expect(render("{{ 'Yes' | bool }} {{ 'off' | bool }} {{ '1' | bool }} {{ 0 | bool }}")).toBe('True False True False');
    expect(render("{{ ' 42 ' | int }} {{ '4.9' | int }} {{ 'zz' | int(-1) }} {{ 'ff' | int(base=16) }} {{ '0o17' | int(base=8) }}")).toBe('42 4 -1 255 15');
    expect(render("{{ '2' | float }} {{ 3 | float }} {{ 'nan' | float | string }} {{ 'x' | float(1.5) }}")).toBe('2.0 3.0 nan 1.5');
    expect(value("{{ 5 | string }}")).toBe('5');
  });

  it('length, count, type_debug, ternary', () => {
    expect(render("{{ 'héllo' | length }} {{ [1, 2] | count }} {{ {'a': 1} | length }}")).toBe('5 2 1');
    expect(render('{{ 1 | type_debug }} {{ 1.5 | type_debug }} {{ x | type_debug }}')).toBe('int float AnsibleUndefined');
    expect(render("{{ true | ternary('y', 'n') }} {{ none | ternary('y', 'n', 'none') }}")).toBe('y none');
  });

  it('abs and round like Python', () => {
    expect(render('{{ -3 | abs }} {{ -1.5 | abs }} {{ 2.5 | round }} {{ 3.5 | round }} {{ 0.125 | round(2) }} {{ 2.675 | round(2) }} {{ 5 | round }} {{ 1.01 | round(1, "ceil") }}')).toBe(
      '3 1.5 2.0 4.0 0.12 2.67 5 1.1',
    );
  });

  it('to_uuid matches uuid5 in Ansible namespace', () => {
    expect(render("{{ 'claw' | to_uuid }}")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
