import { Duplex } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSsh, type SshConnection } from '../../src/connection/ssh.js';
import { startSshd, type TestSshd } from './harness/sshd.js';

// Per-channel overhead: once a command finished, nothing may call end() on its channel again
// (Node builds an ERR_STREAM_ALREADY_FINISHED with a stack for every such call). ssh2's
// Channel is a Duplex, so counting Duplex#end calls on finished streams sees them all.

let sshd: TestSshd;
let conn: SshConnection;

beforeAll(async () => {
  sshd = await startSshd();
  conn = await openSsh(sshd.spec(), { agent: false });
});

afterAll(async () => {
  await conn?.close();
  await sshd?.stop();
});

it('ends each exec channel once, with and without stdin', async () => {
  const end = Duplex.prototype.end;
  let redundant = 0;
  Duplex.prototype.end = function (this: Duplex, ...args: unknown[]) {
    if (this.writableFinished) redundant += 1;
    return end.apply(this, args as never);
  } as typeof end;
  try {
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => conn.run(`echo ${i}`)),
      ...Array.from({ length: 5 }, () => conn.run('cat', { stdin: 'in\n' })),
    ]);
    expect(results.map((r) => r.rc)).toEqual(Array(15).fill(0));
    expect(results.at(-1)?.stdout).toBe('in\n');
    // Let the streams' autoDestroy (next tick after 'end') run.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    Duplex.prototype.end = end;
  }
  expect(redundant).toBe(0);
});
