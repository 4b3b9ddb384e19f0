import { defineConfig } from 'vitest/config';

// Runs only the latency printer (see exec-latency.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/harness/exec-latency.ts'],
    testTimeout: 300_000,
  },
});
