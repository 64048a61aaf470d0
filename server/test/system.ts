/**
 * The whole system for browser tests: a fresh database with the demo data, and the real API
 * serving the built web pages on a free port of 127.0.0.1. E-mail is captured in the
 * `email_message` table (no SMTP), so a test reads links from `text_body` through `db`.
 *
 *   const system = await startTestSystem();
 *   await page.goto(`${system.baseUrl}/sign-in`);   // demo log-ins: demoPeople, system.demoPassword
 *   ...
 *   await system.stop();
 *
 * Needs `web/build` (the root `npm test` builds it first; otherwise run `npm run build`).
 */
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Database } from '@gaps/db';
import { LocalFileStore } from '@gaps/workers/shared';
import { type RunningWorkers, startWorkers } from '@gaps/workers/start-workers';
import { memoryLogger, testConfig as workersTestConfig } from '@gaps/workers/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type DataProtectionJobs, startDataProtectionJobs } from '../src/data-protection/jobs.ts';
import { demoPeople, seedDemoData } from '../src/demo/seed-demo-data.ts';
import { deleteRedisKeys, testConfig } from './build-test-app.ts';
import { createTestDatabase } from './database.ts';

export const webBuildDir = path.resolve(import.meta.dirname, '../../web/build');

export interface TestSystem {
  baseUrl: string;
  db: Database;
  app: FastifyInstance;
  demoPassword: string;
  demoPeople: typeof demoPeople;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /**
   * Also run the jobs, as `npm start` does: the workers (outbox relay, mail captured without SMTP,
   * review copies) and the API's privacy jobs (a person's export). Off by default: most pages need none.
   */
  jobs?: boolean;
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  if (!existsSync(path.join(webBuildDir, 'handler.js'))) {
    throw new Error('web/build is missing: run `npm run build` before the browser tests.');
  }
  const database = await createTestDatabase();
  const demoPassword = 'demo-demo-demo';
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: baseUrl, LOG_LEVEL: 'warn' });
  await seedDemoData(database.db, { password: demoPassword, dataDir: config.DATA_DIR });
  const app = await buildApp(config, { db: database.db, webBuildDir });
  await app.listen({ port, host: '127.0.0.1' });
  let workers: RunningWorkers | null = null;
  let privacyJobs: DataProtectionJobs | null = null;
  if (options.jobs) {
    workers = await startWorkers(
      workersTestConfig({
        DATABASE_URL: database.url,
        REDIS_URL: config.REDIS_URL,
        QUEUE_PREFIX: config.QUEUE_PREFIX,
        DATA_DIR: config.DATA_DIR,
        PUBLIC_URL: baseUrl,
      }),
      { db: database.db, logger: memoryLogger().logger },
    );
    privacyJobs = startDataProtectionJobs({
      db: database.db,
      store: new LocalFileStore(config.DATA_DIR),
      dataDir: config.DATA_DIR,
      publicUrl: baseUrl,
      clock: app.clock,
      redisUrl: config.REDIS_URL,
      queuePrefix: config.QUEUE_PREFIX,
      retentionEveryHours: config.RETENTION_SWEEP_HOURS,
      log: app.log,
    });
  }
  return {
    baseUrl,
    db: database.db,
    app,
    demoPassword,
    demoPeople,
    async stop() {
      await privacyJobs?.close();
      await workers?.stop();
      await app.close();
      await database.drop();
      rmSync(config.DATA_DIR, { recursive: true, force: true });
      await deleteRedisKeys(config.REDIS_URL, config.QUEUE_PREFIX);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
