// A real app on a fresh database for one test file, driven with `inject` (no port).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Database } from '@gaps/db';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { grantRole, insertPerson } from '../src/accounts/person.repository.ts';
import { buildApp } from '../src/app.ts';
import { loadServerConfig, type ServerConfig } from '../src/config.ts';
import { createTestDatabase } from './database.ts';
import './provided-context.ts';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: ServerConfig;
  /** Every log line the app wrote, for tests that check what is (not) logged. */
  logs: string[];
  /** Where this app stores files (a fresh temporary folder). */
  dataDir: string;
  /** Moves the app's clock (null: real time). */
  setNow(instant: Date | null): void;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): ServerConfig {
  return loadServerConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `test-${randomUUID()}`,
    PUBLIC_URL: 'http://localhost:3000',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gaps-test-')),
    ...overrides,
  });
}

export async function buildTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.url, ...overrides });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  let now: Date | null = null;
  const app = await buildApp(config, { db: database.db, logStream, clock: () => now ?? new Date() });
  await app.ready();
  return {
    app,
    db: database.db,
    config,
    logs,
    dataDir: config.DATA_DIR,
    setNow(instant) {
      now = instant;
    },
    async close() {
      await app.close();
      rmSync(config.DATA_DIR, { recursive: true, force: true });
      await database.drop();
      await deleteRedisKeys(config.REDIS_URL, config.QUEUE_PREFIX);
    },
  };
}

export async function deleteRedisKeys(url: string, prefix: string) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {}); // a test may point at a Redis that is deliberately away
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // nothing to clean where Redis does not answer
  } finally {
    redis.disconnect();
  }
}

export type Role = 'admin' | 'editor' | 'author';

/** Makes a verified person; editors edit every venue that exists. */
export async function makePerson(
  db: Database,
  role: Role = 'author',
  email = `${role}-${randomUUID().slice(0, 8)}@example.org`,
) {
  const id = await insertPerson(db, { email, name: `Test ${role}`, password: TEST_PASSWORD });
  if (role === 'admin') await grantRole(db, id, 'admin');
  if (role === 'editor') {
    for (const venue of await db.selectFrom('venue').select('id').execute())
      await grantRole(db, id, 'editor', venue.id);
  }
  return { id, email };
}

export async function makeVenue(db: Database, slug = `venue-${randomUUID().slice(0, 6)}`) {
  const prefix = `V${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 4)
    .toUpperCase()
    .padEnd(4, 'X')}`;
  return db
    .insertInto('venue')
    .values({ slug, name: `Venue ${slug}`, kind: 'journal', code_prefix: prefix })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}
