// The real workers beside a test app: the same database, Redis queue prefix and data folder, so
// what the app writes to the outbox is relayed, processed and (with an SMTP address) sent.
import { type RunningWorkers, startWorkers } from '@gaps/workers/start-workers';
import { memoryLogger, testConfig } from '@gaps/workers/testing';
import type { TestApp } from './build-test-app.ts';

export function startWorkersFor(t: TestApp, options: { smtpUrl?: string } = {}): Promise<RunningWorkers> {
  return startWorkers(
    testConfig({
      DATABASE_URL: t.config.DATABASE_URL,
      REDIS_URL: t.config.REDIS_URL,
      QUEUE_PREFIX: t.config.QUEUE_PREFIX,
      DATA_DIR: t.dataDir,
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    }),
    { logger: memoryLogger().logger },
  );
}
