import { randomBytes } from 'node:crypto';
import type { Become, Connection } from '../connection/types.js';
import { ClawError, EXIT } from '../errors.js';
import type { Fact, FactReader, FactValues } from './types.js';

// Every uncached fact of one `read` call runs in ONE remote command: each snippet in its own
// subshell (an `exit` in one cannot cut the others short), separated by marker lines that
// carry a per-command nonce so no file content can fake a boundary.

export function createFactReader(connection: Connection, become?: Become): FactReader {
  let cache = new Map<string, Promise<unknown>>();

  async function read<const T extends readonly Fact<unknown>[]>(facts: T): Promise<FactValues<T>> {
    const pending = uniqueByKey(facts.filter((fact) => !cache.has(fact.key)));
    if (pending.length > 0) {
      const batch = runBatch(connection, pending, become);
      const generation = cache;
      pending.forEach((fact, index) => {
        const value = batch.then((values) => values[index]);
        // A failed probe must not poison the cache: the next read retries it.
        value.catch(() => generation.delete(fact.key));
        generation.set(fact.key, value);
      });
    }
    const values = await Promise.all(facts.map((fact) => cache.get(fact.key)));
    return values as FactValues<T>;
  }

  return {
    read,
    invalidate(): void {
      cache = new Map();
    },
  };
}

function uniqueByKey(facts: Fact<unknown>[]): Fact<unknown>[] {
  const seen = new Map<string, Fact<unknown>>();
  for (const fact of facts) if (!seen.has(fact.key)) seen.set(fact.key, fact);
  return [...seen.values()];
}

async function runBatch(connection: Connection, facts: Fact<unknown>[], become: Become | undefined): Promise<unknown[]> {
  const nonce = randomBytes(8).toString('hex');
  const marker = (index: number | 'end'): string => `__claw_fact_${nonce}_${index}__`;
  const script = [
    ...facts.map((fact, index) => `printf '\\n%s\\n' '${marker(index)}'\n(\n${fact.script}\n) 2>/dev/null`),
    `printf '\\n%s\\n' '${marker('end')}'`,
  ].join('\n');
  const result = await connection.run(script, { become });
  return facts.map((fact, index) => {
    const next = index + 1 < facts.length ? marker(index + 1) : marker('end');
    const stdout = between(result.stdout, `\n${marker(index)}\n`, `\n${next}\n`);
    if (stdout === undefined) {
      throw new ClawError('fact-failed', `could not read facts from ${connection.host} (${fact.key}): ${result.stderr.trim() || `rc ${result.rc}`}`, EXIT.HOST_FAILED, {
        hint: 'check that the remote user can run POSIX sh and coreutils (and sudo when become is set)',
      });
    }
    return fact.parse(stdout);
  });
}

function between(text: string, start: string, end: string): string | undefined {
  const from = text.indexOf(start);
  if (from < 0) return undefined;
  const to = text.indexOf(end, from + start.length);
  if (to < 0) return undefined;
  return text.slice(from + start.length, to);
}
