import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../../../src/connection/fake.js';
import { UnreachableError } from '../../../src/errors.js';
import type { FactReader } from '../../../src/facts/types.js';
import { defineSchema } from '../../../src/modules/common/schema.js';
import { moduleDescriptor } from '../../../src/modules/catalog.js';
import { runModule } from '../../../src/modules/run-module.js';
import type { Module, ModuleContext, Plan } from '../../../src/modules/types.js';

// The executor with the fake connection: what runs, what is reported, when facts go stale.

function context(overrides: Partial<ModuleContext> = {}): { ctx: ModuleContext; conn: FakeConnection; invalidated: () => number } {
  const conn = new FakeConnection('h1');
  let count = 0;
  const facts: FactReader = { read: async () => [] as never, invalidate: () => void count++ };
  const controller = { find: async () => '', read: async () => Buffer.alloc(0), renderTemplate: async () => '' };
  const ctx: ModuleContext = { host: 'h1', connection: conn, facts, controller, check: false, diff: false, become: undefined, forceRun: false, ...overrides };
  return { ctx, conn, invalidated: () => count };
}

function moduleWith(plan: (args: { name: string; count: number }) => Plan): Module<{ name: string; count: number }, null> {
  return {
    name: 'test.demo',
    aliases: ['demo'],
    schema: defineSchema({
      name: { type: 'string', required: true, description: 'n' },
      count: { type: 'integer', default: 1, description: 'c' },
    }),
    description: 'demo',
    gather: async () => null,
    plan: (args) => plan(args),
  };
}

const twoSteps = moduleWith((args) => ({
  steps: [
    { kind: 'exec', command: `echo ${args.name}` },
    { kind: 'put', path: '/tmp/x', content: Buffer.from('x'), mode: '0600' },
  ],
  diff: [{ before: 'a', after: 'b' }],
}));

describe('runModule', () => {
  it('runs exec and put steps in order with become, then invalidates facts', async () => {
    const become = { method: 'sudo' as const, user: 'root' };
    const { ctx, conn, invalidated } = context({ become });
    const result = await runModule(moduleDescriptor(twoSteps), { name: 'web' }, ctx);
    expect(result).toEqual({ changed: true });
    expect(conn.calls.map((c) => c.kind)).toEqual(['run', 'put']);
    expect(conn.calls[0]).toMatchObject({ command: 'echo web', options: { become } });
    expect(conn.calls[1]).toMatchObject({ path: '/tmp/x', options: { mode: '0600', become } });
    expect(invalidated()).toBe(1);
  });

  it('in check mode runs nothing, reports changed and the diff when asked', async () => {
    const { ctx, conn, invalidated } = context({ check: true, diff: true });
    const result = await runModule(moduleDescriptor(twoSteps), { name: 'web' }, ctx);
    expect(result).toEqual({ changed: true, diff: [{ before: 'a', after: 'b' }] });
    expect(conn.calls).toEqual([]);
    expect(invalidated()).toBe(0);
  });

  it('check_mode: false (forceRun) runs under --check', async () => {
    const { ctx, conn } = context({ check: true, forceRun: true });
    await runModule(moduleDescriptor(twoSteps), { name: 'web' }, ctx);
    expect(conn.calls).toHaveLength(2);
  });

  it('a failing exec stops the plan and fails with rc/stdout/stderr', async () => {
    const { ctx, conn, invalidated } = context();
    conn.respond('echo web', { rc: 2, stdout: 'out\n', stderr: 'err\n' });
    const result = await runModule(moduleDescriptor(twoSteps), { name: 'web' }, ctx);
    expect(result).toMatchObject({ failed: true, rc: 2, stdout: 'out', stdout_lines: ['out'], stderr: 'err', stderr_lines: ['err'], msg: 'non-zero return code' });
    expect(conn.calls).toHaveLength(1);
    expect(invalidated()).toBe(1);
  });

  it('no steps: ok and unchanged, nothing invalidated', async () => {
    const { ctx, conn, invalidated } = context();
    const result = await runModule(moduleDescriptor(moduleWith(() => ({ steps: [], result: { seen: 1 } }))), { name: 'x' }, ctx);
    expect(result).toEqual({ changed: false, seen: 1 });
    expect(conn.calls).toEqual([]);
    expect(invalidated()).toBe(0);
  });

  it('schema errors fail the task naming the argument', async () => {
    const { ctx } = context();
    const descriptor = moduleDescriptor(twoSteps);
    expect(await runModule(descriptor, {}, ctx)).toEqual({ changed: false, failed: true, msg: 'missing required arguments: name' });
    expect(await runModule(descriptor, { name: 'x', count: 'many' }, ctx)).toMatchObject({ failed: true, msg: expect.stringContaining("'count'") });
    expect(await runModule(descriptor, { name: 'x', colour: 1 }, ctx)).toMatchObject({ failed: true, msg: expect.stringContaining('Unsupported parameters for (demo) module: colour') });
  });

  it('fail and skip plans run nothing', async () => {
    const { ctx, conn } = context();
    expect(await runModule(moduleDescriptor(moduleWith(() => ({ steps: [], fail: 'no' }))), { name: 'x' }, ctx)).toEqual({ changed: false, failed: true, msg: 'no' });
    expect(await runModule(moduleDescriptor(moduleWith(() => ({ steps: [], skip: 'later' }))), { name: 'x' }, ctx)).toEqual({ changed: false, skipped: true, msg: 'later' });
    expect(conn.calls).toEqual([]);
  });

  it('a failed transfer is a failed result; an unreachable host propagates', async () => {
    const { ctx, conn } = context();
    conn.put = async () => {
      throw new Error('cannot write /tmp/x: disk full');
    };
    expect(await runModule(moduleDescriptor(twoSteps), { name: 'a' }, ctx)).toMatchObject({ failed: true, msg: 'cannot write /tmp/x: disk full' });
    conn.unreachable = new UnreachableError('gone', 'host went away');
    await expect(runModule(moduleDescriptor(twoSteps), { name: 'a' }, ctx)).rejects.toBeInstanceOf(UnreachableError);
  });

  it('collect turns outputs into result fields', async () => {
    const { ctx, conn } = context();
    conn.respond('id -u', { stdout: '0\n' });
    const module = moduleWith(() => ({ steps: [{ kind: 'exec', command: 'id -u' }], collect: (outputs) => ({ uid: outputs[0]?.stdout.trim() }) }));
    expect(await runModule(moduleDescriptor(module), { name: 'x' }, ctx)).toEqual({ changed: true, uid: '0' });
  });
});
