// Overload ends with the load: when every connection is taken, requests are answered 503 with
// Retry-After within the pool's bounded wait, and the API answers normally as soon as it is free.
import { Writable } from 'node:stream';
import { connectionPool, createDatabase } from '@gaps/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/build-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildApp } from '../app.ts';

let database: TestDatabase;
let tight: ReturnType<typeof createDatabase>;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  database = await createTestDatabase();
  tight = createDatabase(database.url, { max: 1, connectionTimeoutMillis: 3_000, statementTimeoutMillis: 1_000 });
  const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  app = await buildApp(testConfig({ DATABASE_URL: database.url }), { db: tight, logStream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await tight.destroy();
  await database.drop();
});

describe('overload', () => {
  it('answers 503 with Retry-After while no connection is free, and 200 once one is', async () => {
    expect((await app.inject('/api/calls')).statusCode).toBe(200);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = tight.connection().execute(async (connection) => {
      await sql`SELECT 1`.execute(connection);
      await held;
    });
    const busy = await app.inject('/api/calls');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('2');
    expect(busy.json().error.code).toBe('busy');
    release();
    await holding;
    expect((await app.inject('/api/calls')).statusCode).toBe(200);
  });

  it('turns a request away at once, without queueing it, while fifty queries per connection wait', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = tight.connection().execute(async (connection) => {
      await sql`SELECT 1`.execute(connection);
      await held;
    });
    const waiting = Array.from({ length: 50 }, () => app.inject('/api/calls'));
    while ((connectionPool(tight)?.waiting ?? 0) < 50) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    const shed = await app.inject('/api/calls');
    // Shedding answers without waiting for the pool's 3 s.
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('2');
    release();
    await holding;
    for (const answer of await Promise.all(waiting)) expect([200, 503]).toContain(answer.statusCode);
    expect((await app.inject('/api/calls')).statusCode).toBe(200);
  });

  it('runs every connection with JIT off and the statement timeout set', async () => {
    const settings = await sql<{ jit: string; timeout: string }>`
      SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS timeout`.execute(tight);
    expect(settings.rows[0]).toEqual({ jit: 'off', timeout: '1s' });
  });

  it('has PostgreSQL cancel a statement that runs past the statement timeout, and recovers', async () => {
    const error = await sql`SELECT pg_sleep(3)`.execute(tight).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('57014');
    expect((await app.inject('/api/calls')).statusCode).toBe(200);
  });
});
