import { defineConfig } from 'vitest/config';

/**
 * One worker and one shared database for the whole run: PGlite takes seconds to start, and the demo centre
 * is seeded once. Tests create their own records (unique codes) and never depend on each other's data.
 * TEST_DATABASE_URL switches the suite to a PostgreSQL server.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    // wrangler (test/worker.test.ts) stays on loopback: no metrics, no update check, no Request.cf download.
    env: { WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  },
});
