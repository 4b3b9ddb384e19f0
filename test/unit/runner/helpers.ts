import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FakeConnection } from '../../../src/connection/fake.js';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { loadPlaybook } from '../../../src/playbook/load-playbook.js';
import type { Vars } from '../../../src/playbook/model.js';
import type { Reporter, RunEvent } from '../../../src/report/events.js';
import { runPlaybook } from '../../../src/runner/index.js';
import type { RunInventory, RunnerDeps, RunnerOptions, RunSummary } from '../../../src/runner/types.js';
import { createRunnerDeps } from '../../../src/runner/wire.js';

// Runs a playbook written inline (YAML files in a temp dir) through the REAL loader,
// templater and module executor, against FakeConnections and an in-memory inventory.

export interface Scenario {
  files: Record<string, string>;
  hosts?: Record<string, Vars>;
  groups?: Record<string, string[]>;
  options?: Partial<RunnerOptions>;
  tags?: string[];
  skipTags?: string[];
  fakes?: Map<string, FakeConnection>;
  /** Hosts whose connect fails. */
  unreachable?: string[];
  /** Adjusts the real collaborators (e.g. a module answering as a fixed module would). */
  wrapDeps?: ((deps: RunnerDeps) => RunnerDeps) | undefined;
}

export interface Outcome {
  summary: RunSummary;
  events: RunEvent[];
  fakes: Map<string, FakeConnection>;
  dir: string;
  /** host-result events as "task|host|status". */
  lines: string[];
}

export async function writeTree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'claw-runner-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

export function memoryInventory(hosts: Record<string, Vars>, groups: Record<string, string[]> = {}): RunInventory {
  const vars = new Map(Object.entries(hosts));
  const groupMap = new Map(Object.entries(groups).map(([g, members]) => [g, [...members]]));
  const all = (): string[] => [...vars.keys()];
  return {
    selectHosts: (pattern) => {
      if (pattern === 'all') return all();
      return pattern.split(/[,:]/).flatMap((part) => (groupMap.get(part) ?? (vars.has(part) || part === 'localhost' ? [part] : [])));
    },
    allHosts: all,
    hostLayers: async (host) => [{ level: 'inventory_host_vars', origin: 'memory', values: vars.get(host) ?? {} }],
    groups: () => ({ all: all(), ...Object.fromEntries(groupMap) }),
    groupNames: (host) => [...groupMap].filter(([, members]) => members.includes(host)).map(([g]) => g),
    addHost: (name, groupsOf, hostVars) => {
      let changed = !vars.has(name);
      vars.set(name, { ...(vars.get(name) ?? {}), ...hostVars });
      for (const g of groupsOf) {
        const members = groupMap.get(g) ?? [];
        if (!members.includes(name)) {
          members.push(name);
          changed = true;
        }
        groupMap.set(g, members);
      }
      return changed;
    },
    connectionSpec: (host, v): ConnectionSpec => ({
      name: host, kind: 'ssh', address: String(v.ansible_host ?? host), port: Number(v.ansible_port ?? 22),
      user: String(v.ansible_user ?? 'root'), hostKeyPolicy: 'strict', connectTimeoutMs: 1000,
    }),
  };
}

export function recorder(): Reporter & { events: RunEvent[] } {
  const events: RunEvent[] = [];
  return { events, emit: (event) => void events.push(event), close: async () => undefined };
}

export async function runScenario(scenario: Scenario): Promise<Outcome> {
  const dir = await writeTree(scenario.files);
  const playbook = await loadPlaybook(join(dir, 'playbook.yml'));
  const fakes = scenario.fakes ?? new Map<string, FakeConnection>();
  const reporter = recorder();
  const realDeps = createRunnerDeps({
    tags: { tags: scenario.tags ?? [], skipTags: scenario.skipTags ?? [] },
    playbookDir: dir,
    connect: async (spec) => {
      if (scenario.unreachable?.includes(spec.name)) {
        const { UnreachableError } = await import('../../../src/errors.js');
        throw new UnreachableError('connect-failed', `${spec.name}: connection refused`);
      }
      let fake = fakes.get(spec.name);
      if (!fake) fakes.set(spec.name, (fake = new FakeConnection(spec.name)));
      return fake;
    },
  });
  const deps = scenario.wrapDeps ? scenario.wrapDeps(realDeps) : realDeps;
  const options: RunnerOptions = { check: false, diff: false, forks: 5, verbosity: 0, extraVars: [], forceHandlers: false, sleep: async () => undefined, ...scenario.options };
  const summary = await runPlaybook(playbook, memoryInventory(scenario.hosts ?? { web1: {} }, scenario.groups), options, reporter, deps);
  const lines = reporter.events.flatMap((e) => (e.type === 'host-result' && !e.item ? [`${e.task}|${e.host}|${e.status}`] : []));
  return { summary, events: reporter.events, fakes, dir, lines };
}

export function results(outcome: Outcome, task: string): Array<Extract<RunEvent, { type: 'host-result' }>> {
  return outcome.events.filter((e): e is Extract<RunEvent, { type: 'host-result' }> => e.type === 'host-result' && e.task === task && !e.item);
}
