import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import type { Connection } from '../../../src/connection/types.js';
import { fileContentFact } from '../../../src/facts/file-content.js';
import { globFact } from '../../../src/facts/glob.js';
import { createFactReader } from '../../../src/facts/reader.js';
import { normalizePath, reaches, touchForms } from '../../../src/facts/scope.js';
import { statFact } from '../../../src/facts/stat.js';
import type { Fact } from '../../../src/facts/types.js';

// A change that names the paths it touched drops only the cached facts it can reach: the
// path itself, its parent directory, and (recursive changes) what lies below; facts read
// through a symlink are reached through their resolved forms; anything unknown drops all.

const dir = mkdtempSync(join(tmpdir(), 'claw-scope-'));
mkdirSync(join(dir, 'etc', 'app'), { recursive: true });
mkdirSync(join(dir, 'opt', 'real'), { recursive: true });
writeFileSync(join(dir, 'etc', 'app', 'a.conf'), 'a\n');
writeFileSync(join(dir, 'etc', 'app', 'b.conf'), 'b\n');
writeFileSync(join(dir, 'opt', 'real', 'x.conf'), 'x\n');
symlinkSync(join(dir, 'opt', 'real'), join(dir, 'etc', 'alias'));
const local = new LocalConnection();
afterAll(() => local.close());

function recording(): { conn: Connection; calls: string[] } {
  const calls: string[] = [];
  const conn: Connection = { host: 'h', run: async (cmd, options) => (calls.push(cmd), local.run(cmd, options)), put: local.put.bind(local), get: local.get.bind(local), close: async () => undefined };
  return { conn, calls };
}

const p = (...parts: string[]): string => join(dir, ...parts);

async function cachedAfter(touch: { path: string; recursive: boolean }, facts: Fact<unknown>[]): Promise<string[]> {
  const { conn } = recording();
  const reader = createFactReader(conn);
  await reader.read([statFact(touch.path), ...facts]);
  reader.invalidate([touch]);
  return facts.filter((fact) => reader.has(fact.key)).map((fact) => fact.key);
}

describe('scoped invalidation', () => {
  it('keeps siblings and unrelated paths; drops the path itself and its parent', async () => {
    const a = statFact(p('etc', 'app', 'a.conf'));
    const b = statFact(p('etc', 'app', 'b.conf'));
    const parent = statFact(p('etc', 'app'), { checksum: false, follow: true });
    const grandparent = statFact(p('etc'), { checksum: false });
    const content = fileContentFact(p('etc', 'app', 'a.conf'));
    const kept = await cachedAfter({ path: p('etc', 'app', 'a.conf'), recursive: false }, [a, b, parent, grandparent, content]);
    expect(kept).toEqual([b.key, grandparent.key]);
  });

  it('a kindOnly stat of the parent survives a change inside it, not a change of the parent itself', async () => {
    const kind = statFact(p('etc', 'app'), { checksum: false, follow: true, kindOnly: true });
    const full = statFact(p('etc', 'app'), { checksum: false, follow: true });
    expect(await cachedAfter({ path: p('etc', 'app', 'a.conf'), recursive: false }, [kind, full])).toEqual([kind.key]);
    // Through the symlinked name too: etc/alias is opt/real.
    const viaLink = statFact(p('opt', 'real'), { checksum: false, follow: true, kindOnly: true });
    expect(await cachedAfter({ path: p('etc', 'alias', 'x.conf'), recursive: false }, [viaLink])).toEqual([viaLink.key]);
    expect(await cachedAfter({ path: p('etc', 'app'), recursive: false }, [kind])).toEqual([]);
    expect(await cachedAfter({ path: p('etc'), recursive: true }, [kind])).toEqual([]);
  });

  it('drops what lies below a path only when the change is recursive', async () => {
    const below = statFact(p('etc', 'app', 'a.conf'));
    const glob = globFact(p('etc', 'app', '*.conf'));
    expect(await cachedAfter({ path: p('etc', 'app'), recursive: false }, [below, glob])).toEqual([below.key]);
    expect(await cachedAfter({ path: p('etc', 'app'), recursive: true }, [below, glob])).toEqual([]);
  });

  it('a glob over a directory goes when an entry in it changes', async () => {
    const glob = globFact(p('etc', 'app', '*.conf'));
    const literal = globFact(p('etc', 'app', 'missing.conf'));
    expect(await cachedAfter({ path: p('etc', 'app', 'new.conf'), recursive: false }, [glob, literal])).toEqual([literal.key]);
  });

  it('reaches facts read through a symlinked directory', async () => {
    const viaAlias = statFact(p('etc', 'alias', 'x.conf'));
    const realDir = statFact(p('opt', 'real'), { checksum: false });
    expect(await cachedAfter({ path: p('opt', 'real', 'x.conf'), recursive: false }, [viaAlias, realDir])).toEqual([]);
    const real = statFact(p('opt', 'real', 'x.conf'));
    expect(await cachedAfter({ path: p('etc', 'alias', 'x.conf'), recursive: false }, [real, realDir])).toEqual([]);
  });

  it('drops everything for a path it never resolved, for facts without paths, and without touches', async () => {
    const { conn } = recording();
    const reader = createFactReader(conn);
    const stat = statFact(p('etc', 'app', 'b.conf'));
    const pathless: Fact<string> = { key: 'uname', script: 'uname -s', parse: (out) => out.trim() };
    await reader.read([stat, pathless, statFact(p('etc', 'app', 'a.conf'))]);
    reader.invalidate([{ path: p('opt', 'real', 'x.conf'), recursive: false }]);
    expect([reader.has(stat.key), reader.has(pathless.key), reader.fullDrops]).toEqual([false, false, 1]);
    await reader.read([stat, pathless, statFact(p('etc', 'app', 'a.conf'))]);
    reader.invalidate([{ path: p('etc', 'app', 'a.conf'), recursive: false }]);
    expect([reader.has(stat.key), reader.has(pathless.key), reader.fullDrops]).toEqual([true, false, 1]);
    reader.invalidate();
    expect([reader.has(stat.key), reader.fullDrops]).toEqual([false, 2]);
  });

  it('a change to where owner names come from (/etc/group) drops every stat', async () => {
    const { conn } = recording();
    const reader = createFactReader(conn);
    const stat = statFact(p('etc', 'app', 'b.conf'));
    await reader.read([stat, statFact('/etc/group', { checksum: false })]);
    reader.invalidate([{ path: '/etc/group', recursive: false }]);
    expect([reader.has(stat.key), reader.fullDrops]).toEqual([false, 1]);
  });

  it('a value still in flight when a change comes is not kept', async () => {
    const { conn } = recording();
    const reader = createFactReader(conn);
    const stat = statFact(p('etc', 'app', 'b.conf'));
    await reader.read([statFact(p('opt', 'real', 'x.conf'))]);
    const reading = reader.read([stat]);
    reader.invalidate([{ path: p('opt', 'real', 'x.conf'), recursive: false }]);
    await reading;
    expect(reader.has(stat.key)).toBe(false);
  });
});

describe('extra facts riding along', () => {
  it('reads them in the same command, caches them, and never fails the read for them', async () => {
    const { conn, calls } = recording();
    const reader = createFactReader(conn);
    const broken: Fact<never> = { key: 'broken', script: 'echo x', parse: () => { throw new Error('unparsable'); } };
    const later = statFact(p('etc', 'app', 'b.conf'));
    const [own] = await reader.read([statFact(p('etc', 'app', 'a.conf'))], [later, broken]);
    expect(own.exists).toBe(true);
    expect(calls).toHaveLength(1);
    expect(reader.peek(later.key)?.value).toMatchObject({ exists: true, size: 2 });
    expect(reader.has(broken.key)).toBe(false);
    await reader.read([later]);
    expect(calls).toHaveLength(1);
  });
});

describe('normalizePath', () => {
  it('is posix.normalize without a trailing slash, fast for clean paths', () => {
    const cases = ['/a/b', '/a//b/', 'a/./b', '/a/../b', './a', '../a', '/', '.', 'a/', '/a/.b', '/a/..b', 'a/..'];
    expect(cases.map(normalizePath)).toEqual(['/a/b', '/a/b', 'a/b', '/b', 'a', '../a', '/', '.', 'a', '/a/.b', '/a/..b', '.']);
  });
});

describe('reaches', () => {
  it('compares every form: equal, parent, and below only when recursive', () => {
    const touch = (path: string, recursive = false) => [touchForms([path], recursive)];
    expect(reaches(['/etc/app/a'], touch('/etc/app/a'))).toBe(true);
    expect(reaches(['/etc/app'], touch('/etc/app/a'))).toBe(true);
    expect(reaches(['/etc'], touch('/etc/app/a'))).toBe(false);
    expect(reaches(['/etc/app/a/b'], touch('/etc/app/a'))).toBe(false);
    expect(reaches(['/etc/app/a/b'], touch('/etc/app/a', true))).toBe(true);
    expect(reaches(['/etc/app/ab'], touch('/etc/app/a', true))).toBe(false);
    expect(reaches(['/x', '/real/a'], touch('/real/a'))).toBe(true);
  });
});
