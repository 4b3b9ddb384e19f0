import { defineConfig } from 'vitest/config';

// Runs only the benchmark driver (bench/benchmark.ts, not a test: it asserts nothing about
// timing). Started by bench/run, which passes its options in BENCH_* environment variables.
export default defineConfig({
  test: {
    include: ['bench/benchmark.ts', 'bench/serve-sshd.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
