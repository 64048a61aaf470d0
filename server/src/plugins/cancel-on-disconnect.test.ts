// A read whose client disconnects stops costing the database: its running statement is cancelled
// within a second, its connection goes back to the pool clean, and other requests are untouched.
import net from 'node:net';
import { Writable } from 'node:stream';
import { createDatabase, type Database } from '@gaps/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/build-test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildApp } from '../app.ts';

let database: TestDatabase;
let db: Database;
let app: FastifyInstance;
let port: number;
const slowQuery = (tag: string) => sql`SELECT pg_sleep(20), ${sql.lit(tag)} AS tag`;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase(database.url, { max: 2, connectionTimeoutMillis: 5_000 });
  const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  app = await buildApp(testConfig({ DATABASE_URL: database.url }), { db, logStream });
  // Test-only routes: a slow read, and a slow write (writes are never cancelled).
  app.get('/test/slow/:tag', async (request) => {
    await slowQuery((request.params as { tag: string }).tag).execute(app.db);
    return { done: true };
  });
  app.get('/test/in-transaction/:tag', async (request) => {
    await app.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await slowQuery((request.params as { tag: string }).tag).execute(trx);
    });
    return { done: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await db.destroy();
  await database.drop();
});

/** The backends running the statement tagged `tag`, seen from a connection of the test's own. */
async function running(tag: string): Promise<number[]> {
  const rows = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity
    WHERE state = 'active' AND query LIKE ${`%pg_sleep(20), '${tag}'%`} AND pid <> pg_backend_pid()`.execute(
    database.db,
  );
  return rows.rows.map((row) => row.pid);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

/** Sends a GET on a raw socket and returns it, so the test can hang up mid-request. */
function startRequest(path: string): net.Socket {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  return socket;
}

describe('cancel on disconnect', () => {
  it('cancels the running statement of a read whose client hung up, within a second', async () => {
    const socket = startRequest('/test/slow/abandoned');
    await until(async () => (await running('abandoned')).length === 1, 10_000);
    socket.destroy();
    const took = await until(async () => (await running('abandoned')).length === 0, 5_000);
    expect(took).toBeLessThan(1_000);
    // Its connection went back to the pool clean: both connections answer normal requests.
    const answers = await Promise.all([1, 2, 3].map(() => fetch(`http://127.0.0.1:${port}/api/calls`)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('rolls back a transaction cut short, leaving no open transaction on the pooled connection', async () => {
    const socket = startRequest('/test/in-transaction/abandoned-trx');
    await until(async () => (await running('abandoned-trx')).length === 1, 10_000);
    socket.destroy();
    const took = await until(async () => (await running('abandoned-trx')).length === 0, 5_000);
    expect(took).toBeLessThan(1_000);
    await until(async () => {
      const open = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(database.db);
      return open.rows[0]!.n === 0;
    }, 5_000);
  });

  it('leaves the statement of a client who stays alone, and cancels only the one who left', async () => {
    const leaving = startRequest('/test/slow/leaving');
    const staying = startRequest('/test/slow/staying');
    await until(async () => (await running('leaving')).length === 1 && (await running('staying')).length === 1, 10_000);
    leaving.destroy();
    await until(async () => (await running('leaving')).length === 0, 5_000);
    expect(await running('staying')).toHaveLength(1);
    staying.destroy();
    await until(async () => (await running('staying')).length === 0, 5_000);
  });
});
