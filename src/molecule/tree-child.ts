import { rm } from 'node:fs/promises';
import { getPriority, setPriority } from 'node:os';
import { VALIDATOR_NICENESS } from '../validate/external-tool.js';
import { validateTree } from '../validate/validate-tree.js';
import type { TreeAnswer, TreeRequest } from './tree-process.js';

// Entry point of molecule-lite's tree process (tree-process.ts): validates or removes each
// rendered tree it is sent and answers. Niced, so the engine comes first; it ends with its
// parent (the IPC channel closes).

try {
  setPriority(Math.max(getPriority(), VALIDATOR_NICENESS));
} catch {
  // Not allowed here: it runs at normal priority, which is only slower for the engine.
}

async function work({ job, dir }: TreeRequest): Promise<Omit<TreeAnswer, 'id'>> {
  if (job === 'validate') return { results: await validateTree(dir) };
  await rm(dir, { recursive: true, force: true });
  return {};
}

process.on('message', (request: TreeRequest) => {
  void work(request).then(
    (answer) => process.send?.({ id: request.id, ...answer }),
    (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
