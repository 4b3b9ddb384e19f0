import { randomBytes } from 'node:crypto';
import type { Become, Connection } from '../connection/types.js';
import { ClawError, EXIT } from '../errors.js';
import { shellQuote } from './quote.js';
import { parseStatBatch, statBatchKey, statBatchScript } from './stat-batch.js';
import { formSources, normalizePath, pathForms, reaches, reachesEverything, touchForms as formsOfTouch, type TouchForms } from './scope.js';
import type { Fact, FactCache, FactValues, Touch } from './types.js';

// Every uncached fact of one `read` call runs in ONE remote command: each snippet in its own
// subshell (an `exit` in one cannot cut the others short), separated by marker lines that
// carry a per-command nonce so no file content can fake a boundary. The same command asks
// `readlink -m` for the facts' paths, so a change can later drop just what it reaches.

interface Entry {
  value: Promise<unknown>;
  settled?: { value: unknown };
  /** Every form of the paths the value depends on; absent (unknown or pathless): any change drops it. */
  forms?: string[];
  /** See Fact.listingIndependent. */
  listingIndependent?: boolean;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface BatchResult {
  outcomes: Outcome[];
  /** Written path → its forms, for the paths the host could resolve. */
  forms: Map<string, string[]>;
}

export function createFactReader(connection: Connection, become?: Become): FactCache {
  let cache = new Map<string, Entry>();
  // Forms of the paths read so far: a touched path must be found here to be compared.
  let known = new Map<string, string[]>();
  let fullDrops = 0;

  function start(facts: Fact<unknown>[]): void {
    const batch = runBatch(connection, facts, become);
    for (const [index, fact] of facts.entries()) {
      const entry: Entry = { value: batch.then((result) => settle(fact, entry, result, index)) };
      // A failed probe must not poison the cache: the next read retries it.
      entry.value.catch(() => cache.get(fact.key) === entry && cache.delete(fact.key));
      cache.set(fact.key, entry);
    }
  }

  function settle(fact: Fact<unknown>, entry: Entry, result: BatchResult, index: number): unknown {
    const value = unwrap(result.outcomes[index]);
    // Dropped while in flight: the change may have come after the read, so learn nothing.
    if (cache.get(fact.key) !== entry) return value;
    entry.settled = { value };
    entry.forms = formsOf(fact, result.forms);
    if (fact.listingIndependent) entry.listingIndependent = true;
    for (const path of fact.paths ?? []) {
      const forms = result.forms.get(path);
      if (forms) known.set(normalizePath(path), forms);
    }
    return value;
  }

  async function read<const T extends readonly Fact<unknown>[]>(facts: T, extra: readonly Fact<unknown>[] = []): Promise<FactValues<T>> {
    const pending = uniqueByKey(facts.filter((fact) => !cache.has(fact.key)));
    if (pending.length > 0) {
      const own = new Set(pending.map((fact) => fact.key));
      const riders = uniqueByKey(extra.filter((fact) => !cache.has(fact.key) && !own.has(fact.key)));
      start([...pending, ...withinLimit(pending, riders)]);
    }
    const values = await Promise.all(facts.map((fact) => cache.get(fact.key)?.value));
    return values as FactValues<T>;
  }

  function invalidate(touches?: readonly Touch[]): void {
    const reach = touches && touchForms(touches, known);
    if (!reach || reachesEverything(reach)) {
      cache = new Map();
      known = new Map();
      fullDrops += 1;
      return;
    }
    for (const [key, entry] of cache) if (!entry.forms || reaches(entry.forms, reach, !entry.listingIndependent)) cache.delete(key);
    // A path's forms (readlink -m) change with the path or a directory above it, not with
    // entries added inside it.
    for (const [path, forms] of known) if (reaches(forms, reach, false)) known.delete(path);
  }

  return {
    read,
    invalidate,
    has: (key) => cache.has(key),
    peek: (key) => cache.get(key)?.settled,
    get fullDrops() {
      return fullDrops;
    },
  };
}

/** The touched paths' forms, or undefined when one is unknown (then everything must go). */
function touchForms(touches: readonly Touch[], known: Map<string, string[]>): TouchForms[] | undefined {
  const out: TouchForms[] = [];
  for (const touch of touches) {
    const forms = known.get(normalizePath(touch.path));
    if (!forms) return undefined;
    out.push(formsOfTouch(forms, touch.recursive));
  }
  return out;
}

function formsOf(fact: Fact<unknown>, known: Map<string, string[]>): string[] | undefined {
  if (!fact.paths || fact.paths.length === 0) return undefined;
  const forms: string[] = [];
  for (const path of fact.paths) {
    const found = known.get(path);
    if (!found) return undefined;
    forms.push(...found);
  }
  return forms;
}

function unwrap(outcome: Outcome | undefined): unknown {
  if (!outcome) throw new Error('internal: fact batch without an outcome');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * Without become the batch is one exec argument, which Linux caps at 128 KiB: the extras
 * that would push it past a safe size wait for a later read.
 */
const MAX_BATCH_CHARS = 100_000;

function withinLimit(own: Fact<unknown>[], extra: Fact<unknown>[]): Fact<unknown>[] {
  const cost = (fact: Fact<unknown>): number => fact.script.length + 80 + (fact.paths ?? []).reduce((sum, path) => sum + 2 * path.length + 8, 0);
  let total = own.reduce((sum, fact) => sum + cost(fact), 0);
  const fitting: Fact<unknown>[] = [];
  for (const fact of extra) {
    total += cost(fact);
    if (total > MAX_BATCH_CHARS) break;
    fitting.push(fact);
  }
  return fitting;
}

function uniqueByKey(facts: Fact<unknown>[]): Fact<unknown>[] {
  const seen = new Map<string, Fact<unknown>>();
  for (const fact of facts) if (!seen.has(fact.key)) seen.set(fact.key, fact);
  return [...seen.values()];
}

async function runBatch(connection: Connection, facts: Fact<unknown>[], become: Become | undefined): Promise<BatchResult> {
  const nonce = randomBytes(8).toString('hex');
  const marker = (section: number | 'stats' | 'paths' | 'end'): string => `__claw_fact_${nonce}_${section}__`;
  const stats = facts.flatMap((fact) => (fact.stat ? [fact.stat] : []));
  const sources = [...new Set(facts.flatMap((fact) => (fact.paths ?? []).flatMap(formSources)))];
  const sections: Array<{ name: number | 'stats' | 'paths'; script: string }> = [
    ...facts.flatMap((fact, index) => (fact.stat ? [] : [{ name: index, script: `(\n${fact.script}\n) 2>/dev/null` }])),
    ...(stats.length > 0 ? [{ name: 'stats' as const, script: statBatchScript(stats) }] : []),
    ...(sources.length > 0 ? [{ name: 'paths' as const, script: `readlink -m -z -- ${sources.map(shellQuote).join(' ')} 2>/dev/null` }] : []),
  ];
  const script = [...sections.map(({ name, script: body }) => `printf '\\n%s\\n' '${marker(name)}'\n${body}`), `printf '\\n%s\\n' '${marker('end')}'`].join('\n');
  const result = await connection.run(script, { become });
  const output = (name: number | 'stats' | 'paths'): string | undefined => {
    const at = sections.findIndex((section) => section.name === name);
    if (at < 0) return undefined;
    return between(result.stdout, `\n${marker(name)}\n`, `\n${marker(sections[at + 1]?.name ?? 'end')}\n`);
  };
  const statOutput = output('stats');
  const statAnswers = statOutput === undefined ? undefined : parseStatBatch(stats, statOutput);
  const outcomes = facts.map((fact, index): Outcome => {
    const stdout = fact.stat ? statAnswers?.get(statBatchKey(fact.stat)) : output(index);
    if (stdout === undefined) {
      const error = new ClawError('fact-failed', `could not read facts from ${connection.host} (${fact.key}): ${result.stderr.trim() || `rc ${result.rc}`}`, EXIT.HOST_FAILED, {
        hint: 'check that the remote user can run POSIX sh and GNU coreutils (and sudo when become is set)',
      });
      return { ok: false, error };
    }
    try {
      return { ok: true, value: fact.parse(stdout) };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { outcomes, forms: resolvedForms(facts, sources, output('paths')) };
}

/** Pairs each path with its forms; nothing when the host's answer does not line up (no GNU readlink). */
function resolvedForms(facts: Fact<unknown>[], sources: string[], output: string | undefined): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  const answers = output?.split('\0') ?? [];
  if (answers.at(-1) === '') answers.pop();
  if (answers.length !== sources.length) return forms;
  const canonical = new Map(sources.map((source, index) => [source, answers[index] as string]));
  for (const path of facts.flatMap((fact) => fact.paths ?? [])) {
    const [self, dir] = formSources(path);
    const resolved = canonical.get(self);
    const resolvedDir = canonical.get(dir);
    if (resolved && resolvedDir) forms.set(path, pathForms(path, resolved, resolvedDir));
  }
  return forms;
}

function between(text: string, start: string, end: string): string | undefined {
  const from = text.indexOf(start);
  if (from < 0) return undefined;
  const to = text.indexOf(end, from + start.length);
  if (to < 0) return undefined;
  return text.slice(from + start.length, to);
}
