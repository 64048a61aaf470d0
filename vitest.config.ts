import { defineConfig } from 'vitest/config';

// One run across the workspaces. Integration tests talk to the real PostgreSQL and Redis that
// the global set-up finds (DATABASE_URL/REDIS_URL, else the embedded defaults); each test file
// clones its own database from a template migrated once.
export default defineConfig({
  test: {
    include: ['{db,server,workers,web,scripts}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/build/**', 'web/.svelte-kit/**'],
    globalSetup: ['scripts/test-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
