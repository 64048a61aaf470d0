// Every route says what it answers: the OpenAPI description (and so the web app's generated
// types) covers the whole API, and each answer passes through a schema that drops unknown keys.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../test/build-test-app.ts';
import { buildApp } from '../app.ts';

type Operation = {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
};

// Built without a database: describing the API must not need one (npm run api:types).
const app = await buildApp(testConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:9/unused', LOG_LEVEL: 'silent' }));
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  await app.ready();
  paths = (app.swagger() as { paths: typeof paths }).paths;
});
afterAll(async () => {
  await app.close();
});

// Not in the description, on purpose: the description itself, and the catch-all that answers
// 404 for unknown API addresses (both send fixed bodies that carry nothing from the database).
const hidden = [/openapi\.json \(/, /^\W*\* \(/];

it('every documented operation declares a success answer with a schema', () => {
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      // An undeclared answer shows as "200: Default Response" with no content; 204 has no body by definition.
      const declared = successes.filter(
        ([status, answer]) =>
          status === '204' || (answer.content && Object.values(answer.content).every((c) => c.schema)),
      );
      if (successes.length === 0 || declared.length !== successes.length)
        missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  expect(missing).toEqual([]);
});

it('documents every route except the two hidden on purpose', () => {
  const documented = Object.values(paths).reduce((n, operations) => n + Object.keys(operations).length, 0);
  // One line per path: "├── /api/venues (GET, HEAD, POST)"; HEAD comes with GET by itself.
  const registered = app
    .printRoutes({ commonPrefix: false })
    .split('\n')
    .filter((line) => !hidden.some((pattern) => pattern.test(line)))
    .flatMap((line) => line.match(/\(([A-Z, ]+)\)$/)?.[1]?.split(', ') ?? [])
    .filter((method) => method !== 'HEAD');
  expect(registered.length).toBeGreaterThanOrEqual(43);
  expect(documented).toBe(registered.length);
});
