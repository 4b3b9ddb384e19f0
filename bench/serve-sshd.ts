import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { test } from 'vitest';
import { startSshd } from '../test/e2e/harness/sshd.js';
import { writeInventories } from './lib/setup.js';

// Development aid for profiling: keeps a test sshd running and writes inventories for it
// to $BENCH_SERVE_DIR (default /tmp/claw-bench-serve) until that dir's `stop` file appears.
//   BENCH_SERVE=1 npx vitest run --config bench/vitest.bench.config.ts bench/serve-sshd.ts &

const dir = process.env.BENCH_SERVE_DIR ?? '/tmp/claw-bench-serve';

test.runIf(process.env.BENCH_SERVE === '1')('serve sshd', async () => {
  const sshd = await startSshd({ nopasswd: true });
  try {
    const target = { port: sshd.port, user: sshd.user, privateKeyFile: sshd.privateKeyFile, knownHostsFile: sshd.knownHostsFile };
    await writeInventories(dir, [1, 10, 50], target);
    await writeFile(`${dir}/port`, String(sshd.port));
    while (!existsSync(`${dir}/stop`)) await new Promise((r) => setTimeout(r, 500));
  } finally {
    await sshd.stop();
  }
});
