import { join } from 'node:path';
import type { LocalConnection } from '../../../src/connection/local.js';
import type { Connection } from '../../../src/connection/types.js';
import { loadPlaybook } from '../../../src/playbook/load-playbook.js';
import { runPlaybook } from '../../../src/runner/index.js';
import type { RunnerOptions } from '../../../src/runner/types.js';
import { createRunnerDeps } from '../../../src/runner/wire.js';
import { memoryInventory, recorder, writeTree } from './helpers.js';

// A playbook run for host web1 on this machine's shell, through a connection that records
// every command (`put PATH` for a put): what the look-ahead tests count and compare.

export interface LocalRun {
  commands: string[];
  /** `task|status` per host result (loop items left out). */
  lines: string[];
  /** Where playbook.yml and `files` were written. */
  dir: string;
}

export async function runLocally(
  local: LocalConnection,
  playbook: string,
  files: Record<string, string> = {},
  options: Partial<RunnerOptions> & { tags?: string[] } = {},
): Promise<LocalRun> {
  const dir = await writeTree({ 'playbook.yml': playbook, ...files });
  const commands: string[] = [];
  const connection: Connection = {
    host: 'web1',
    run: async (command, opts) => (commands.push(command), local.run(command, opts)),
    put: async (path, content, opts) => (commands.push(`put ${path}`), local.put(path, content, opts)),
    get: (path, opts) => local.get(path, opts),
    close: async () => undefined,
  };
  const deps = createRunnerDeps({ tags: { tags: options.tags ?? [], skipTags: [] }, playbookDir: dir, connect: async () => connection });
  const reporter = recorder();
  const runnerOptions: RunnerOptions = { check: false, diff: false, forks: 5, verbosity: 0, extraVars: [], forceHandlers: false, sleep: async () => undefined, ...options };
  await runPlaybook(await loadPlaybook(join(dir, 'playbook.yml')), memoryInventory({ web1: {} }), runnerOptions, reporter, deps);
  const lines = reporter.events.flatMap((e) => (e.type === 'host-result' && !e.item ? [`${e.task}|${e.status}`] : []));
  return { commands, lines, dir };
}
