import { FakeConnection } from '../../../src/connection/fake.js';
import type { FactReader } from '../../../src/facts/types.js';
import { moduleDescriptor } from '../../../src/modules/catalog.js';
import { runModule } from '../../../src/modules/run-module.js';
import type { Module, ModuleContext, ModuleResult } from '../../../src/modules/types.js';

// Runs one data fixture through the real executor: the module's gather is replaced by the
// canned facts, the connection records what would be sent and answers with `outputs`.

export interface Fixture {
  description?: string;
  args: Record<string, unknown>;
  facts?: unknown;
  check?: boolean;
  diff?: boolean;
  force_run?: boolean;
  /** Replies of the exec steps, in order (rc 0 and no output when missing). */
  outputs?: Array<{ rc?: number; stdout?: string; stderr?: string }>;
  expect: Record<string, unknown> & { steps?: unknown[] };
}

export interface FixtureRun {
  result: ModuleResult;
  steps: unknown[];
  invalidations: number;
}

export async function runFixture(module: Module<any, any>, fixture: Fixture): Promise<FixtureRun> {
  const facts = toBuffers(fixture.facts);
  const connection = new FakeConnection('fixture');
  const outputs = [...(fixture.outputs ?? [])];
  connection.fallback = () => outputs.shift() ?? {};
  let invalidations = 0;
  const reader: FactReader = {
    read: () => Promise.reject(new Error('fixtures must not read facts')),
    invalidate: () => void invalidations++,
  };
  const ctx: ModuleContext = {
    host: 'fixture',
    connection,
    facts: reader,
    controller: {
      find: () => Promise.reject(new Error('fixtures must not read controller files')),
      read: () => Promise.reject(new Error('fixtures must not read controller files')),
      renderTemplate: () => Promise.reject(new Error('fixtures must not render')),
    },
    check: fixture.check ?? false,
    diff: fixture.diff ?? false,
    become: undefined,
    forceRun: fixture.force_run ?? false,
  };
  const canned = { ...module, gather: async () => facts };
  const result = await runModule(moduleDescriptor(canned), fixture.args, ctx);
  return { result, steps: connection.calls.map(describeCall), invalidations };
}

function describeCall(call: FakeConnection['calls'][number]): unknown {
  if (call.kind === 'run') {
    const { stdin, cwd } = call.options;
    return { exec: call.command, ...(stdin !== undefined ? { stdin: String(stdin) } : {}), ...(cwd ? { cwd } : {}) };
  }
  if (call.kind === 'put') {
    const { mode, owner, group } = call.options;
    return { put: call.path, content: call.content.toString('utf8'), ...(mode ? { mode } : {}), ...(owner ? { owner } : {}), ...(group ? { group } : {}) };
  }
  return { get: call.path };
}

/** Fixture YAML cannot hold bytes: any `data` string (a source's content) becomes a Buffer. */
function toBuffers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toBuffers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === 'data' && typeof inner === 'string' ? Buffer.from(inner, 'utf8') : toBuffers(inner)]),
  );
}
