import { describe, expect, it } from 'vitest';
import { render, value } from './helpers.js';

const users = [
  { name: 'b', uid: 2, on: true, tags: ['x'] },
  { name: 'a', uid: 3, on: false, tags: [] },
  { name: 'C', uid: 1, on: true, tags: ['x', 'y'] },
];

describe('list filters', () => {
  it('first, last, unique, sort (case-insensitive by default), min, max, sum', () => {
    expect(render("{{ [3, 1] | first }} {{ 'ab' | last }} {{ [1, 2, 1] | unique }} {{ ['b', 'A', 'c'] | sort }} {{ ['b', 'A'] | sort(case_sensitive=true) }}")).toBe(
      "3 b [1, 2] ['A', 'b', 'c'] ['A', 'b']",
    );
    expect(render("{{ users | sort(attribute='uid') | map(attribute='name') | join }} {{ (users | max(attribute='uid')).name }}", { users })).toBe('Cba a');
    expect(render('{{ [1, 2.5] | sum }} {{ users | sum(attribute="uid") }} {{ [[1], [2]] | sum(start=[]) }}', { users })).toBe('3.5 6 [1, 2]');
    expect(render('{{ [] | first is defined }} {{ [4, 2] | min }}')).toBe('False 2');
  });

  it('select, reject, selectattr, rejectattr, map', () => {
    expect(render("{{ [1, 2, 3, 4] | select('even') | list }} {{ [0, 1, ''] | select | list }} {{ [1, 5] | reject('gt', 2) | list }}")).toBe('[2, 4] [1] [1]');
    expect(render("{{ users | selectattr('on') | map(attribute='name') | list }} {{ users | rejectattr('uid', 'lt', 2) | map(attribute='name') | list }}", { users })).toBe(
      "['b', 'C'] ['b', 'a']",
    );
    expect(render("{{ users | selectattr('tags', 'contains', 'y') | map(attribute='name') | first }}", { users })).toBe('C');
    expect(render("{{ ['a'] | map('upper') | list }} {{ users | map(attribute='nope', default=0) | list }}", { users })).toBe("['A'] [0, 0, 0]");
  });

  it('flatten, zip, product, batch, subelements, groupby', () => {
    expect(render('{{ [1, [2, [3, None]]] | flatten }} {{ [1, [2, [3]]] | flatten(1) }}')).toBe('[1, 2, 3] [1, 2, [3]]');
    expect(render("{{ [1, 2] | zip(['a']) | list }} {{ [1] | product([2, 3]) | list }} {{ [1, 2, 3] | batch(2) | list }}")).toBe("[(1, 'a')] [(1, 2), (1, 3)] [[1, 2], [3]]");
    expect(render("{{ users | subelements('tags') | map('last') | list }}", { users })).toBe("['x', 'x', 'y']");
    expect(render("{{ users | groupby('on') | map('first') | list }}", { users })).toBe('[False, True]');
  });

  it('set theory keeps order and uniqueness', () => {
    expect(render('{{ [3, 1, 3] | difference([1]) }} {{ [1, 2, 2] | intersect([2, 1]) }} {{ [1] | union([2, 1]) }} {{ [1, 2] | symmetric_difference([2, 3]) }}')).toBe(
      '[3] [1, 2] [1, 2] [1, 3]',
    );
  });

  it('random and shuffle with a seed are Python-compatible and deterministic', () => {
    expect(render("{{ 60 | random(seed='host1') }}")).toBe('31');
    expect(render("{{ ['a', 'b', 'c', 'd'] | random(seed=42) }}")).toBe('a');
    const unseeded = Number(render('{{ 10 | random }}'));
    expect(unseeded).toBeGreaterThanOrEqual(0);
    expect(unseeded).toBeLessThan(10);
  });

  it('dict filters', () => {
    expect(render("{{ {'b': 1, 'a': 2} | dictsort }} {{ {'a': 1} | dict2items }} {{ [{'key': 'k', 'value': 1}] | items2dict }}")).toBe(
      "[('a', 2), ('b', 1)] [{'key': 'a', 'value': 1}] {'k': 1}",
    );
    expect(value("{{ {'a': {'x': 1, 'l': [1]}} | combine({'a': {'y': 2, 'l': [2]}}, recursive=true, list_merge='append') }}")).toEqual({ a: { x: 1, l: [1, 2], y: 2 } });
    expect(value("{{ {'a': {'x': 1}} | combine({'a': {'y': 2}}) }}")).toEqual({ a: { y: 2 } });
  });
});
