import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTool } from '../../../src/validate/external-tool.js';

describe('runTool', () => {
  it('runs validators niced, so they yield the CPU to the engine', async () => {
    // The priority is lowered right after the spawn; the pause makes sure `nice` runs after that.
    const outcome = await runTool('sh', 'dash', ['-c', 'sleep 1; echo "niceness $(nice)"; exit 1']);
    expect(outcome).toEqual({ status: 'failed', detail: `niceness ${Math.max(getPriority(), 10)}` });
  });

  it('names the package to install when the tool is missing', async () => {
    expect(await runTool('no-such-validator-tool', 'some-package', [])).toEqual({ status: 'skipped', detail: 'skipped: install some-package' });
  });
});
