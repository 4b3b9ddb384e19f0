import type { Connection, ConnectionSpec } from '../connection/types.js';
import { ConnectionPool } from '../connection/pool.js';
import type { ConnectOptions } from '../connection/index.js';
import { createFactReader } from '../facts/reader.js';
import { loadCatalog } from '../modules/catalog.js';
import { findModule } from '../modules/registry.js';
import { runModule } from '../modules/run-module.js';
import { loadTaskFile } from '../playbook/load-task-file.js';
import { shouldRun, type TagSelection } from '../playbook/tags.js';
import { createTemplater } from '../template/templater.js';
import { loadVarsFile } from '../vars/load-vars-file.js';
import type { RunnerDeps } from './types.js';

// The real collaborators of the runner: templater, module executor and catalog, fact reader,
// connection pool, run-time include loader, tag selection. Tests swap `connect` for fakes.

export interface WireOptions {
  tags: TagSelection;
  playbookDir: string;
  connectOptions?: ConnectOptions | undefined;
  /** Replaces the SSH/local pool (unit tests hand out FakeConnections). */
  connect?: ((spec: ConnectionSpec) => Promise<Connection>) | undefined;
}

export function createRunnerDeps(options: WireOptions): RunnerDeps {
  loadCatalog();
  const pool = new ConnectionPool(options.connectOptions ?? {});
  return {
    templater: createTemplater({ searchPaths: [options.playbookDir] }),
    runModule,
    findModule,
    createFactReader,
    connect: options.connect ?? ((spec) => pool.get(spec)),
    closeAll: () => pool.closeAll(),
    loadIncludedTasks: (file, include) => loadTaskFile(file, { role: include.role, baseDir: include.baseDir, playbookDir: options.playbookDir, from: include.source }),
    loadVarsFile: (path) => loadVarsFile(path),
    shouldRun: (tags) => shouldRun(tags, options.tags),
  };
}
