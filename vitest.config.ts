import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: a busy 2-core CI machine may run a test several times slower than an idle one (at load 20 on this
    // machine the experiment chain took over 300 s). A timeout says nothing about correctness; speed is npm run bench's.
    testTimeout: 900_000,
    hookTimeout: 900_000,
    pool: 'forks',
    // Two test files at a time: many tests wait on child processes, so two files share the 2 cores well.
    maxWorkers: 2,
  },
});
