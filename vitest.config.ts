import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: a busy 2-core CI machine may run a test several times slower than an idle one.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two test files at a time: many tests wait on child processes, so two files share the 2 cores well.
    maxWorkers: 2,
  },
});
