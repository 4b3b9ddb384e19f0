import { test } from 'vitest';
import { openSsh } from '../../../src/connection/ssh.js';
import { startSshd } from './sshd.js';

// Prints milliseconds per exec over one SSH connection with and without TCP_NODELAY (the
// figure behind setting it in ssh-connect.ts). Not part of the suite (no .test.ts suffix);
// run it with:
//   npx vitest run --config test/e2e/harness/exec-latency.config.ts
// Set EXEC_LATENCY_N to change the number of sequential execs (default 200).

const N = Number(process.env.EXEC_LATENCY_N ?? 200);

async function msPerExec(noDelay: boolean, port: number, spec: Parameters<typeof openSsh>[0]): Promise<number> {
  const conn = await openSsh({ ...spec, port }, { agent: false, noDelay });
  try {
    await conn.run('true');
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await conn.run('true');
    return Number(process.hrtime.bigint() - start) / 1e6 / N;
  } finally {
    await conn.close();
  }
}

test('exec latency with and without TCP_NODELAY', async () => {
  const sshd = await startSshd();
  try {
    const withNoDelay = await msPerExec(true, sshd.port, sshd.spec());
    const withoutNoDelay = await msPerExec(false, sshd.port, sshd.spec());
    process.stdout.write(`exec latency over ${N} sequential execs: ${withNoDelay.toFixed(2)} ms with TCP_NODELAY, ${withoutNoDelay.toFixed(2)} ms without\n`);
  } finally {
    await sshd.stop();
  }
}, 300_000);
