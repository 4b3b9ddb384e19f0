import { describe, expect, it } from 'vitest';
import { render, value } from './helpers.js';

describe('serialization filters (byte-compatible with ansible-core)', () => {
  it('to_json like json.dumps: separators, ensure_ascii, floats', () => {
    expect(render("{{ {'a': [1, 2.0, None, true], 'é': 'ü✓'} | to_json }}")).toBe('{"a": [1, 2.0, null, true], "\\u00e9": "\\u00fc\\u2713"}');
    expect(render("{{ {'b': 1, 'a': 2} | to_json(sort_keys=true) }}")).toBe('{"a": 2, "b": 1}');
    expect(render("{{ {'a': [1]} | to_json(indent=2) }}")).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('to_nice_json sorts keys with 4-space indent', () => {
    expect(render("{{ {'b': {}, 'a': []} | to_nice_json }}")).toBe('{\n    "a": [],\n    "b": {}\n}');
  });

  it('to_yaml uses flow style for scalar-only collections and quotes ambiguous scalars', () => {
    expect(render("{{ {'b': [1, 2], 'a': {'x': 'yes'}} | to_yaml }}")).toBe("a: {x: 'yes'}\nb: [1, 2]\n");
    expect(render("{{ ['on', '0644', '', 'a: b', 'x'] | to_yaml }}")).toBe("['on', '0644', '', 'a: b', x]\n");
    expect(render("{{ 'tab\\there' | to_yaml }}")).toBe('"tab\\there"\n');
    // libyaml (which Ansible uses) double-quotes astral characters and NEL.
    expect(render("{{ ['\\U0001F600', 'x\\x85y'] | to_yaml }}")).toBe('["\\U0001F600", "x\\Ny"]\n');
  });

  it('to_nice_yaml indents mappings by 4 and leaves sequences indentless', () => {
    expect(render("{{ {'k': [{'a': 1, 'b': [1]}]} | to_nice_yaml }}")).toBe('k:\n-   a: 1\n    b:\n    - 1\n');
  });

  it('folds long scalars at 80 columns like the emitter', () => {
    const long = Array.from({ length: 20 }, () => 'word').join(' ');
    expect(render('{{ {"k": long} | to_yaml }}', { long })).toBe(`{k: ${long.slice(0, 79)}\n    ${long.slice(80)}}\n`);
  });

  it('multi-line strings are single-quoted with blank-line breaks', () => {
    expect(render("{{ {'t': 'a\\nb'} | to_yaml }}")).toBe("{t: 'a\n\n    b'}\n");
  });

  it('from_json and from_yaml (YAML 1.1 as PyYAML reads it)', () => {
    expect(value("{{ '{\"a\": [1]}' | from_json }}")).toEqual({ a: [1] });
    expect(value('{{ y | from_yaml }}', { y: 'a: yes\nb: [y, 0644]' })).toEqual({ a: true, b: ['y', 420] });
  });
});

const CRYPT_10000 = '$6$rounds=10000$saltsalt$WowrPBpEDVlCoruBosYlrZycTCx3//TyDHYqEhX9DUHHt0XTztUqzQDDUuvUGRA8aUe9p55hcAxeGcu58sm3u.';

describe('hash filters', () => {
  it('hash, checksum', () => {
    expect(render("{{ 'text' | hash('md5') }} {{ 'text' | checksum }}")).toBe('1cb251ec0d568de6a929b520c4aed8d1 372ea08cab33e71c02c651dbc83a474d32c676ea');
  });

  it('password_hash matches crypt(3) SHA-512 for a given salt and rounds', () => {
    // Reference: python3 -c "import crypt; print(crypt.crypt('secret', '$6$saltsalt$'))"
    expect(render("{{ 'secret' | password_hash('sha512', 'saltsalt') }}")).toBe(
      '$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1',
    );
    expect(render("{{ 'secret' | password_hash('sha512') }}")).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    // Reference: python3 -c "import crypt; print(crypt.crypt('secret', '$6$rounds=10000$saltsalt$'))"
    expect(render("{{ 'secret' | password_hash('sha512', 'saltsalt', rounds=10000) }}")).toBe(CRYPT_10000);
  });

  it('rejects salts crypt would not accept', () => {
    expect(() => render("{{ 'x' | password_hash('sha512', 'bad salt!') }}")).toThrow(/invalid characters in salt/);
  });
});
