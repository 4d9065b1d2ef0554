/**
 * `npm run bench:checks`: the long versions of checks that `npm test` runs shrunk so that the suite stays under five
 * minutes on a 2-core machine (issue 12, section 5). The same test files, with PAGESYNTH_FULL_CHECKS=1:
 *
 * - test/languages.test.ts: font coverage over 50 sampled pages per language (15 in `npm test`), the ink check on 4
 *   rendered pages per language (2);
 * - test/render.test.ts: boxes tight to the ink over 40 seeds per spec source (20), every category shown more than 3
 *   times (more than 2 on the every-kind pages) instead of at least once;
 * - test/fuzz.test.ts: 60 s of in-process fuzz cases (20 s), up to PAGESYNTH_FUZZ_CASES per group.
 *
 * Every check fails here as it does in `npm test`; only the sample is larger. About 4 minutes on an idle 2-core
 * machine. One file: `PAGESYNTH_FULL_CHECKS=1 npx vitest run test/render.test.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/languages.test.ts', 'test/render.test.ts', 'test/fuzz.test.ts'],
    env: { PAGESYNTH_FULL_CHECKS: '1' },
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
