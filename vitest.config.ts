import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests print their seed and shrink path on failure (fast-check's
    // default reporter); keep the default timeout generous for 2-core CI.
    testTimeout: 60_000,
    pool: 'threads',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
