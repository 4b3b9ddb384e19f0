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
  // How many steps of each joined script ran (the script stops at a failing step).
  const ran = new Map<string, number>();
  connection.fallback = (command) => {
    const steps = joinedSteps(command);
    if (!steps) return outputs.shift() ?? {};
    const answer = answerJoined(steps, outputs);
    ran.set(command, answer.ran);
    return answer;
  };
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
  return { result, steps: connection.calls.flatMap((call) => describeCall(call, ran)), invalidations };
}

function describeCall(call: FakeConnection['calls'][number], ran: Map<string, number>): unknown[] {
  if (call.kind === 'run') {
    const { stdin, cwd } = call.options;
    const commands = joinedSteps(call.command)?.slice(0, ran.get(call.command)).map((step) => step.command) ?? [call.command];
    return commands.map((command) => ({ exec: command, ...(stdin !== undefined ? { stdin: String(stdin) } : {}), ...(cwd ? { cwd } : {}) }));
  }
  if (call.kind === 'put') {
    const { mode, owner, group } = call.options;
    return [{ put: call.path, content: call.content.toString('utf8'), ...(mode ? { mode } : {}), ...(owner ? { owner } : {}), ...(group ? { group } : {}) }];
  }
  return [{ get: call.path }];
}

interface JoinedStep {
  command: string;
  begin: string;
  end: string;
  stopsOnFailure: boolean;
}

/**
 * The executor runs consecutive exec steps as one script (run-module.ts runJoined). Fixtures
 * describe steps, not transport: the script is split back into its steps, and answered as the
 * host would, each step with the next canned output, stopping where the script would.
 */
function joinedSteps(script: string): JoinedStep[] | undefined {
  const block = /printf '%s\\n' '(__claw_step_\w+?__)'; printf '%s\\n' '\1' >&2\n\(\n([\s\S]*?)\n\)\nrc=\$\?; printf '\\n%s %s\\n' '(__claw_end_\w+?__)' "\$rc"; printf '\\n%s\\n' '\3' >&2(\n\[ "\$rc" -eq 0 \] \|\| exit "\$rc")?/g;
  const steps = [...script.matchAll(block)].map((m) => ({ begin: m[1] as string, command: m[2] as string, end: m[3] as string, stopsOnFailure: m[4] !== undefined }));
  return steps.length > 0 ? steps : undefined;
}

function answerJoined(steps: JoinedStep[], outputs: Array<{ rc?: number; stdout?: string; stderr?: string }>): { rc: number; stdout: string; stderr: string; ran: number } {
  let stdout = '';
  let stderr = '';
  for (const [index, step] of steps.entries()) {
    const output = outputs.shift() ?? {};
    const rc = output.rc ?? 0;
    stdout += `${step.begin}\n${output.stdout ?? ''}\n${step.end} ${rc}\n`;
    stderr += `${step.begin}\n${output.stderr ?? ''}\n${step.end}\n`;
    if (rc !== 0 && step.stopsOnFailure) return { rc, stdout, stderr, ran: index + 1 };
  }
  return { rc: 0, stdout, stderr, ran: steps.length };
}

/** Fixture YAML cannot hold bytes: any `data` string (a source's content) becomes a Buffer. */
function toBuffers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toBuffers);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === 'data' && typeof inner === 'string' ? Buffer.from(inner, 'utf8') : toBuffers(inner)]),
  );
}
