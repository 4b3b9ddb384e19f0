import { describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendKnownHost, fingerprint, keyTypeOf, knownHostName, loadKnownHosts, matchesHost, parseKnownHosts } from '../../../src/connection/known-hosts.js';

/** A syntactically valid ssh-ed25519 public key blob. */
function ed25519Blob(): Buffer {
  const name = Buffer.from('ssh-ed25519');
  const key = randomBytes(32);
  const len = (n: number) => Buffer.from([0, 0, 0, n]);
  return Buffer.concat([len(name.length), name, len(key.length), key]);
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('parses plain, marked, commented and malformed lines', () => {
    const key = ed25519Blob().toString('base64');
    const text = `# comment\n\nweb1,10.0.0.1 ssh-ed25519 ${key} me@host\n@revoked * ssh-ed25519 ${key}\ngarbage\n`;
    const entries = parseKnownHosts(text, 'kh');
    expect(entries.map((e) => [e.line, e.marker, e.patterns, e.keyType])).toEqual([
      [3, undefined, 'web1,10.0.0.1', 'ssh-ed25519'],
      [4, '@revoked', '*', 'ssh-ed25519'],
    ]);
    expect(entries[0]?.key.toString('base64')).toBe(key);
  });

  it('names non-22 ports as [host]:port', () => {
    expect(knownHostName('10.0.0.1', 22)).toBe('10.0.0.1');
    expect(knownHostName('10.0.0.1', 2222)).toBe('[10.0.0.1]:2222');
  });

  it('matches hashed entries by HMAC-SHA1 of the name, including [host]:port', () => {
    expect(matchesHost(hashed('[127.0.0.1]:2222'), '[127.0.0.1]:2222')).toBe(true);
    expect(matchesHost(hashed('[127.0.0.1]:2222'), '127.0.0.1')).toBe(false);
    expect(matchesHost(hashed('example.org'), 'example.org')).toBe(true);
  });

  it('matches pattern lists with wildcards and negation', () => {
    expect(matchesHost('web*,!web3,db?', 'web1')).toBe(true);
    expect(matchesHost('web*,!web3,db?', 'web3')).toBe(false);
    expect(matchesHost('web*,!web3,db?', 'db1')).toBe(true);
    expect(matchesHost('web*,!web3,db?', 'db10')).toBe(false);
    expect(matchesHost('[10.0.0.1]:2222', '10.0.0.1')).toBe(false);
  });

  it('computes fingerprints and key types from the blob', () => {
    const blob = ed25519Blob();
    expect(keyTypeOf(blob)).toBe('ssh-ed25519');
    expect(fingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('loads matching entries from several files (missing ones are empty) and appends new keys', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kh-'));
    const blob = ed25519Blob();
    await writeFile(join(dir, 'a'), `${hashed('[h]:2200')} ssh-ed25519 ${blob.toString('base64')}\nother ssh-ed25519 ${blob.toString('base64')}`);
    const found = await loadKnownHosts([join(dir, 'missing'), join(dir, 'a')], '[h]:2200');
    expect(found).toHaveLength(1);
    await appendKnownHost(join(dir, 'a'), '[new]:2201', blob);
    await appendKnownHost(join(dir, 'sub', 'b'), 'new', blob);
    expect((await readFile(join(dir, 'a'), 'utf8')).split('\n')[2]).toBe(`[new]:2201 ssh-ed25519 ${blob.toString('base64')}`);
    expect(await loadKnownHosts([join(dir, 'sub', 'b')], 'new')).toHaveLength(1);
  });
});
