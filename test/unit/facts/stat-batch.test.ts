import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quote } from 'shell-quote';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalConnection } from '../../../src/connection/local.js';
import { createFactReader } from '../../../src/facts/reader.js';
import { parseStat, statFact, type StatOptions, type StatValue } from '../../../src/facts/stat.js';
import { parseStatBatch, statBatchScript } from '../../../src/facts/stat-batch.js';

// The batched stat (one `stat` and one checksum run per command) must describe every path
// exactly as a plain per-path probe does (the oracle below, the reader's former snippet):
// both run here on the real local shell.

/** stat, readlink and the checksum of one path, in the line form parseStat reads. */
function oracle(path: string, options: StatOptions): string {
  const sum = options.checksum ?? 'sha1';
  const follow = options.follow ?? false;
  return [
    `p=${quote([path])}`,
    `if ${follow ? '[ -e "$p" ]' : '{ [ -e "$p" ] || [ -L "$p" ]; }'}; then`,
    `  printf 'S %s\\n' "$(stat ${follow ? '-L ' : ''}-c '%f|%u|%g|%s|%.9Y|%.9X|%.9Z|%i|%h|%U|%G' -- "$p")"`,
    `  if [ -L "$p" ]; then printf 'L %s\\n' "$(readlink -- "$p")"; printf 'R %s\\n' "$(readlink -f -- "$p")"; fi`,
    `  [ -r "$p" ] && echo A`,
    sum ? `  if [ -f "$p" ] && [ -r "$p" ]; then printf 'C %s\\n' "$(${sum}sum < "$p" | cut -d' ' -f1)"; fi` : '  :',
    'else echo N; fi',
  ].join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'claw-stat-batch-'));
writeFileSync(join(dir, 'plain'), 'hello\n');
chmodSync(join(dir, 'plain'), 0o640);
writeFileSync(join(dir, 'empty'), '');
mkdirSync(join(dir, 'sub'));
symlinkSync('plain', join(dir, 'link'));
symlinkSync('missing-target', join(dir, 'dangling'));
symlinkSync('sub', join(dir, 'dirlink'));
for (const odd of ["it's $x", 'new\nline', '-dash', 'back\\slash', 'sp ace  two', 'E', 'G', 'S']) writeFileSync(join(dir, odd), odd);
const local = new LocalConnection();
afterAll(() => local.close());

const names = ['plain', 'empty', 'sub', 'link', 'dangling', 'dirlink', 'absent', "it's $x", 'new\nline', '-dash', 'back\\slash', 'sp ace  two', 'E', 'G', 'S'];
const variants: StatOptions[] = [{}, { checksum: false }, { follow: true }, { follow: true, checksum: 'sha256' }, { checksum: 'sha256' }];

describe('stat batch', () => {
  it('describes every path as the single-path snippet does, for each follow/checksum variant', async () => {
    const cases = variants.flatMap((options) => names.map((name) => ({ path: join(dir, name), options })));
    const facts = cases.map(({ path, options }) => statFact(path, options));
    const single = await Promise.all(cases.map(async ({ path, options }) => parseStat(path, (await local.run(oracle(path, options))).stdout, options.follow)));
    const batched = await createFactReader(local).read(facts);
    // atime moves as the checksums read the files.
    const withoutAtime = (values: readonly StatValue[]): object[] => values.map(({ atime: _atime, ...rest }) => rest);
    expect(withoutAtime(batched)).toEqual(withoutAtime(single));
    // The fixture really covers the cases: checksums, links, a missing path.
    expect(single.filter((value) => value.checksum).length).toBeGreaterThan(20);
    expect(single.some((value) => value.lnk_target === 'missing-target')).toBe(true);
    expect(single.filter((value) => !value.exists).length).toBeGreaterThan(2);
  });

  it('a fact read alone (its own script) and in a batch agree; kindOnly drops size, times and links count', async () => {
    const path = join(dir, 'sub');
    const [alone] = await createFactReader(local).read([statFact(path, { kindOnly: true })]);
    const [, batched] = await createFactReader(local).read([statFact(join(dir, 'plain')), statFact(path, { kindOnly: true }), statFact(path)]);
    expect(alone).toEqual(batched);
    expect(alone).toMatchObject({ exists: true, type: 'directory', mode: expect.any(String) });
    expect(alone).not.toHaveProperty('mtime');
    expect(alone).not.toHaveProperty('nlink');
  });

  it('a duplicate path and "/" itself are answered once each', async () => {
    const facts = [statFact('/'), statFact('/'), statFact(join(dir, 'plain')), statFact(join(dir, 'plain'))];
    const values = await createFactReader(local).read(facts);
    expect(values.map((value) => value.type)).toEqual(['directory', 'directory', 'file', 'file']);
  });

  it('a host whose stat has no --printf fails the read instead of reporting paths missing', async () => {
    const requests = [{ path: join(dir, 'plain'), follow: false, checksum: 'sha1' as const }];
    const script = statBatchScript(requests).replaceAll('--printf', '--no-such-option');
    const { stdout } = await local.run(script);
    expect(parseStatBatch(requests, stdout)).toBeUndefined();
    expect(parseStatBatch(requests, (await local.run(statBatchScript(requests))).stdout)?.size).toBe(1);
  });
});
