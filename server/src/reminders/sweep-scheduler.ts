// Runs the reminder sweep every REMINDER_SWEEP_MINUTES: a BullMQ job scheduler on the 'reminders'
// queue makes one job per interval (one across every API process: Redis holds the schedule), and a
// Worker in this API process runs it.
//
// Why in the API process and not the workers': the sweep expires invitations and invites the next
// alternate, which takes the server's assignment rules (the state machine, alternates, conflicts,
// the editors who may hear of a submission). The worker process loads none of the server's code,
// and should not (it would need the server's whole dependency tree); the API has it all loaded.
// Several API processes are fine: each job runs once, and a sweep is safe alongside another.
import type { Database } from '@gaps/db';
import { Queue, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { runSweep, sentSomething } from './sweep.ts';

export const REMINDERS_QUEUE = 'reminders';
const SCHEDULER_ID = 'reminder-sweep';

export interface ReminderSweeps {
  close(): Promise<void>;
}

export function startReminderSweeps(deps: {
  db: Database;
  /** The same Redis the API's health check and rate limits reach (REDIS_URL), under QUEUE_PREFIX. */
  redisUrl: string;
  queuePrefix: string;
  everyMinutes: number;
  publicUrl: string;
  clock: () => Date;
  log: FastifyBaseLogger;
}): ReminderSweeps {
  // BullMQ's blocking connection must retry forever (maxRetriesPerRequest: null); it duplicates this
  // template for the worker and the queue. Errors are said once per outage, not on every retry.
  const connection = new Redis(deps.redisUrl, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
    connectionName: 'gaps-api-reminders',
  });
  const queue = new Queue(REMINDERS_QUEUE, { connection, prefix: deps.queuePrefix });
  let lastReported = 0;
  const report = (error: Error) => {
    if (Date.now() - lastReported < 60_000) return;
    lastReported = Date.now();
    deps.log.warn({ err: error.message }, 'reminder sweeps: Redis connection error');
  };
  queue.on('error', report);
  // Not awaited: with Redis away the API still starts; the schedule is written once Redis is back.
  queue
    .upsertJobScheduler(
      SCHEDULER_ID,
      { every: deps.everyMinutes * 60_000 },
      { name: 'reminders.sweep', opts: { removeOnComplete: true, removeOnFail: 50, attempts: 1 } },
    )
    .catch(report);
  const worker = new Worker(
    REMINDERS_QUEUE,
    async () => {
      const started = Date.now();
      const summary = await runSweep(deps.db, { now: deps.clock(), publicUrl: deps.publicUrl });
      // Quiet when nothing was due: one line per sweep that sent something.
      const { failed, ...counts } = summary;
      if (sentSomething(summary)) {
        deps.log.info({ ...counts, ms: Date.now() - started }, 'reminder sweep sent reminders');
      }
      if (failed.length) {
        deps.log.warn({ failed: failed.slice(0, 10), count: failed.length }, 'reminder sweep could not write some');
      }
      return summary;
    },
    // One sweep at a time in this process; a sweep over 100,000 assignments takes about a second.
    { connection, prefix: deps.queuePrefix, concurrency: 1, lockDuration: 120_000 },
  );
  worker.on('error', report);
  worker.on('failed', (_job, error) => deps.log.warn({ err: error.message }, 'reminder sweep failed'));
  return {
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
