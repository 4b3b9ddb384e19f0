import { afterAll, describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { LocalConnection } from '../../../src/connection/local.js';
import type { Connection } from '../../../src/connection/types.js';
import type { FactReader, Touch } from '../../../src/facts/types.js';
import { executePlan } from '../../../src/modules/run-module.js';
import type { ModuleContext, Plan, StepOutput } from '../../../src/modules/types.js';

// Consecutive exec steps of one plan run as ONE remote command on a real shell, and each step
// still gets its own rc/stdout/stderr; the script stops where the steps one by one would.

const local = new LocalConnection();
afterAll(() => local.close());

function context(): { ctx: ModuleContext; calls: string[]; touched: Array<readonly Touch[] | undefined> } {
  const calls: string[] = [];
  const touched: Array<readonly Touch[] | undefined> = [];
  const conn: Connection = { host: 'h', run: async (cmd, options) => (calls.push(cmd), local.run(cmd, options)), put: local.put.bind(local), get: local.get.bind(local), close: async () => undefined };
  const facts: FactReader = { read: async () => [] as never, invalidate: (touches) => void touched.push(touches) };
  const controller = { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' };
  return { ctx: { host: 'h', connection: conn, facts, controller, check: false, diff: false, become: undefined, forceRun: false }, calls, touched };
}

const collectAll = (outputs: StepOutput[]) => ({ seen: outputs.map(({ rc, stdout, stderr }) => ({ rc, stdout, stderr })) });

describe('joined exec steps', () => {
  it('runs three steps in one command, each with its own output', async () => {
    const { ctx, calls } = context();
    const plan: Plan = {
      steps: [
        { kind: 'exec', command: "printf 'one'" },
        { kind: 'exec', command: "echo two; echo err >&2; cd / ; exit 0" },
        { kind: 'exec', command: 'printf "three\\n\\n"; pwd' },
      ],
      collect: collectAll,
    };
    const result = await executePlan(plan, ctx);
    expect(calls).toHaveLength(1);
    expect(result.seen).toEqual([
      { rc: 0, stdout: 'one', stderr: '' },
      { rc: 0, stdout: 'two\n', stderr: 'err\n' },
      { rc: 0, stdout: `three\n\n${process.cwd()}\n`, stderr: '' },
    ]);
  });

  it('stops at a failing step 2 of 3 with its rc and stderr, as separate commands would', async () => {
    const { ctx, calls } = context();
    const plan: Plan = {
      steps: [
        { kind: 'exec', command: 'echo first' },
        { kind: 'exec', command: 'echo half; echo "no such thing" >&2; exit 3' },
        { kind: 'exec', command: 'echo never' },
      ],
      collect: collectAll,
    };
    const result = await executePlan(plan, ctx);
    expect(calls).toHaveLength(1);
    expect(result).toMatchObject({ failed: true, changed: true, rc: 3, stdout: 'half', stderr: 'no such thing', msg: 'non-zero return code' });
    expect(result.seen).toEqual([
      { rc: 0, stdout: 'first\n', stderr: '' },
      { rc: 3, stdout: 'half\n', stderr: 'no such thing\n' },
    ]);
  });

  it('goes on after a failing step that allows failure', async () => {
    const { ctx } = context();
    const plan: Plan = {
      steps: [
        { kind: 'exec', command: 'exit 4', allowFailure: true },
        { kind: 'exec', command: 'echo after' },
      ],
      collect: collectAll,
    };
    const result = await executePlan(plan, ctx);
    expect(result.failed).toBeUndefined();
    expect(result.seen).toEqual([{ rc: 4, stdout: '', stderr: '' }, { rc: 0, stdout: 'after\n', stderr: '' }]);
  });

  it('keeps steps with stdin, another cwd, or a transfer in between as their own commands', async () => {
    const conn = new FakeConnection('h');
    const { ctx } = context();
    const plan: Plan = {
      steps: [
        { kind: 'exec', command: 'echo a' },
        { kind: 'exec', command: 'cat', stdin: 'x' },
        { kind: 'exec', command: 'echo b', cwd: '/tmp' },
        { kind: 'put', path: '/tmp/f', content: Buffer.from('f') },
        { kind: 'exec', command: 'echo c' },
      ],
    };
    await executePlan(plan, { ...ctx, connection: conn });
    expect(conn.calls.map((call) => (call.kind === 'run' ? call.command : `put ${call.path}`))).toEqual(['echo a', 'cat', 'echo b', 'put /tmp/f', 'echo c']);
  });

  it('hands the plan\'s touches to the fact cache after the steps (none: drop all)', async () => {
    const { ctx, touched } = context();
    const touches: Touch[] = [{ path: '/tmp/x', recursive: false }];
    await executePlan({ steps: [{ kind: 'exec', command: 'true' }], touches }, ctx);
    await executePlan({ steps: [{ kind: 'exec', command: 'true' }] }, ctx);
    expect(touched).toEqual([touches, undefined]);
  });
});
