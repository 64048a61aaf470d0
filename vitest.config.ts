import { defineConfig } from 'vitest/config';

const workspaces = '{db,server,workers,web,scripts}';

// One run across the workspaces, in three projects:
// - unit: pure functions (*.unit.test.ts), no services; `npm run test:unit` runs only these.
// - integration: the rest, against the real PostgreSQL and Redis that the global set-up finds
//   (DATABASE_URL/REDIS_URL, else the embedded defaults); each test file clones its own database
//   from a template migrated once.
// - browser: web/e2e in Chromium; its set-up first checks that Chromium is there.
// The root global set-up starts the services once for the integration and browser projects
// (it skips them when only the unit project runs) and hands them to every project.
export default defineConfig({
  test: {
    globalSetup: ['scripts/test-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: [`${workspaces}/**/*.unit.test.ts`], exclude: ['**/node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [`${workspaces}/**/*.test.ts`],
          exclude: ['**/node_modules/**', 'web/build/**', 'web/.svelte-kit/**', 'web/e2e/**', '**/*.unit.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['web/e2e/**/*.test.ts'],
          globalSetup: ['scripts/test-chromium-check.ts'],
        },
      },
    ],
  },
});
