import { describe, expect, it } from 'vitest';
import { ChannelLimit } from '../../../src/connection/channel-limit.js';
import { FakeConnection } from '../../../src/connection/fake.js';
import { ConnectionPool } from '../../../src/connection/pool.js';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { UnreachableError } from '../../../src/errors.js';

const spec = (overrides: Partial<ConnectionSpec> = {}): ConnectionSpec => ({
  name: 'web1', kind: 'ssh', address: '10.0.0.1', port: 22, user: 'deploy', hostKeyPolicy: 'strict', connectTimeoutMs: 1000, ...overrides,
});

describe('ConnectionPool (fake transport)', () => {
  it('opens once per host and again when address, port, user or key change', async () => {
    const opened: ConnectionSpec[] = [];
    const pool = new ConnectionPool({}, async (s) => (opened.push(s), new FakeConnection(s.name)));
    const a = await pool.get(spec());
    expect(await pool.get(spec({ connectTimeoutMs: 5 }))).toBe(a);
    const b = await pool.get(spec({ port: 2222 }));
    expect(b).not.toBe(a);
    expect((a as FakeConnection).closed).toBe(true);
    await pool.get(spec({ port: 2222, user: 'admin' }));
    await pool.get(spec({ name: 'web2' }));
    expect(opened.map((s) => `${s.name}:${s.port}:${s.user}`)).toEqual(['web1:22:deploy', 'web1:2222:deploy', 'web1:2222:admin', 'web2:22:deploy']);
    await pool.closeAll();
  });

  it('retries after a failed connect and closes everything on closeAll', async () => {
    let fail = true;
    const conns: FakeConnection[] = [];
    const pool = new ConnectionPool({}, async (s) => {
      if (fail) throw new UnreachableError('x', 'down');
      const c = new FakeConnection(s.name);
      conns.push(c);
      return c;
    });
    await expect(pool.get(spec())).rejects.toThrow('down');
    fail = false;
    await pool.get(spec());
    await pool.get(spec({ name: 'db1' }));
    await pool.closeAll();
    expect(conns.map((c) => c.closed)).toEqual([true, true]);
  });
});

describe('ChannelLimit', () => {
  it('queues beyond the limit and hands slots over in order', async () => {
    const limit = new ChannelLimit(2);
    const order: number[] = [];
    await limit.acquire();
    await limit.acquire();
    const third = limit.acquire().then(() => order.push(3));
    const fourth = limit.acquire().then(() => order.push(4));
    await Promise.resolve();
    expect(order).toEqual([]);
    limit.release();
    await third;
    expect(order).toEqual([3]);
    limit.release();
    await fourth;
    expect(order).toEqual([3, 4]);
  });
});
