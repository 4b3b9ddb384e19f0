import { describe, expect, it } from 'vitest';
import { slots } from '../../../src/molecule/slots.js';

describe('slots', () => {
  it('runs at most N jobs at once, the waiting ones in arrival order', async () => {
    const queue = slots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const job = (id: number) => () =>
      new Promise<number>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        order.push(id);
        releases.push(() => {
          running -= 1;
          resolve(id);
        });
      });
    const all = Promise.all([1, 2, 3, 4].map((id) => queue(job(id))));
    await Promise.resolve();
    expect(order).toEqual([1, 2]);
    releases.shift()!();
    // A newcomer arriving while the slot is handed over still waits its turn.
    const late = queue(job(5));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([1, 2, 3]);
    while (releases.length) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await all).toEqual([1, 2, 3, 4]);
    expect(await late).toBe(5);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('frees the slot when a job fails', async () => {
    const queue = slots(1);
    await expect(queue(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await queue(() => Promise.resolve('next'))).toBe('next');
  });
});
