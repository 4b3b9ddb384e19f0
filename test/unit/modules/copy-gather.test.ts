import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import type { Fact, FactReader } from '../../../src/facts/types.js';
import { gatherWrite } from '../../../src/modules/copy/facts.js';
import type { WriteArgs } from '../../../src/modules/copy/schema.js';
import type { ModuleContext } from '../../../src/modules/types.js';

// copy/template's gather: how many round trips it takes, and that --diff fetches the old
// content only when the plan will show a content diff (the checksums differ).

const HELLO = Buffer.from('hello\n');
const HELLO_SHA1 = 'f572d396fae9206628714fb2ce00f72e94f2258f';

/** Answers facts by key (stat:<options>:<path>, content:<path>) and records each read's keys. */
function recordingReader(values: Record<string, unknown>): { reader: FactReader; reads: string[][] } {
  const reads: string[][] = [];
  const reader: FactReader = {
    read: async (facts: readonly Fact<unknown>[]) => {
      reads.push(facts.map((fact) => fact.key));
      return facts.map((fact) => values[fact.key] ?? { exists: false }) as never;
    },
    invalidate: () => undefined,
  };
  return { reader, reads };
}

function context(reader: FactReader, diff: boolean): ModuleContext {
  const controller = { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' };
  return { host: 'h1', connection: new FakeConnection('h1'), facts: reader, controller, check: true, diff, become: undefined, forceRun: false };
}

const args = (dest: string, follow = false, force = true): WriteArgs => ({ dest, follow, force }) as WriteArgs;

const motd = (checksum: string) => ({
  'stat:sha1:/etc/motd': { exists: true, path: '/etc/motd', isreg: true, checksum },
  'stat:follow:nosum:kind:/etc': { exists: true, path: '/etc', isdir: true },
  'content:/etc/motd': { exists: true, content: 'aGkK' },
});

describe('gatherWrite', () => {
  it('reads the destination and its directory in one round trip', async () => {
    const { reader, reads } = recordingReader(motd(HELLO_SHA1));
    const facts = await gatherWrite(args('/etc/motd'), undefined, HELLO, context(reader, false));
    expect(reads).toEqual([['stat:sha1:/etc/motd', 'stat:follow:nosum:kind:/etc']]);
    expect(facts).toMatchObject({ path: '/etc/motd', dest: { checksum: HELLO_SHA1 }, parent: { isdir: true } });
  });

  it('with --diff does not fetch the old content when the checksums match', async () => {
    const { reader, reads } = recordingReader(motd(HELLO_SHA1));
    const facts = await gatherWrite(args('/etc/motd'), undefined, HELLO, context(reader, true));
    expect(reads.flat()).not.toContain('content:/etc/motd');
    expect(facts.before).toBeUndefined();
  });

  it('with --diff fetches the old content when the checksums differ', async () => {
    const { reader, reads } = recordingReader(motd('0000'));
    const facts = await gatherWrite(args('/etc/motd'), undefined, HELLO, context(reader, true));
    expect(reads).toEqual([['stat:sha1:/etc/motd', 'stat:follow:nosum:kind:/etc'], ['content:/etc/motd']]);
    expect(facts.before).toEqual({ exists: true, content: 'aGkK' });
  });

  it('with --diff and force: false does not fetch the content of a file it will not replace', async () => {
    const { reader, reads } = recordingReader(motd('0000'));
    await gatherWrite(args('/etc/motd', false, false), undefined, HELLO, context(reader, true));
    expect(reads.flat()).not.toContain('content:/etc/motd');
  });

  it('a directory DEST: the file inside it, with that directory as the parent', async () => {
    const { reader, reads } = recordingReader({
      'stat:sha1:/etc': { exists: true, path: '/etc', isdir: true },
      'stat:follow:nosum:kind:/etc': { exists: true, path: '/etc', isdir: true },
    });
    const facts = await gatherWrite(args('/etc'), 'motd', HELLO, context(reader, true));
    expect(reads).toEqual([
      ['stat:sha1:/etc', 'stat:follow:nosum:kind:/'],
      ['stat:sha1:/etc/motd', 'stat:follow:nosum:kind:/etc'],
    ]);
    expect(facts).toMatchObject({ path: '/etc/motd', dest: { exists: false }, parent: { path: '/etc', isdir: true } });
  });

  it('follow: a link DEST is replaced by its target, whose directory is the parent', async () => {
    const { reader } = recordingReader({
      'stat:follow:sha1:/etc/motd': { exists: true, path: '/etc/motd', isreg: true, realpath: '/srv/motd', checksum: HELLO_SHA1 },
      'stat:follow:sha1:/srv/motd': { exists: true, path: '/srv/motd', isreg: true, checksum: HELLO_SHA1 },
      'stat:follow:nosum:kind:/srv': { exists: true, path: '/srv', isdir: true },
    });
    const facts = await gatherWrite(args('/etc/motd', true), undefined, HELLO, context(reader, false));
    expect(facts).toMatchObject({ path: '/srv/motd', dest: { path: '/srv/motd' }, parent: { path: '/srv' } });
  });
});
