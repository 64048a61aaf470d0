// A BullMQ queue whose jobs run in the API process, with one scheduled job: the reminder sweep and
// the data-protection jobs both live here because they need the server's rules, which the worker
// process does not load (see reminders/sweep-scheduler.ts). Several API processes are fine: Redis
// holds the schedule, so each interval makes one job, and each job runs once.
import { type Processor, Queue, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

export interface ApiQueue {
  close(): Promise<void>;
}

export function startApiQueue(options: {
  /** The same Redis the API's health check and rate limits reach (REDIS_URL), under QUEUE_PREFIX. */
  redisUrl: string;
  queuePrefix: string;
  queue: string;
  /** What the logs call it: "reminder sweeps". */
  label: string;
  log: FastifyBaseLogger;
  schedule: { id: string; everyMs: number; job: string };
  process: Processor;
  lockDuration: number;
  onFailed: (job: { name?: string; id?: string } | undefined, error: Error) => void;
}): ApiQueue {
  // BullMQ's blocking connection must retry forever (maxRetriesPerRequest: null); it duplicates this
  // template for the worker and the queue. Errors are said once per outage, not on every retry.
  const connection = new Redis(options.redisUrl, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
    connectionName: `gaps-api-${options.queue}`,
  });
  const queue = new Queue(options.queue, { connection, prefix: options.queuePrefix });
  let lastReported = 0;
  const report = (error: Error) => {
    if (Date.now() - lastReported < 60_000) return;
    lastReported = Date.now();
    options.log.warn({ err: error.message }, `${options.label}: Redis connection error`);
  };
  queue.on('error', report);
  // Not awaited: with Redis away the API still starts; the schedule is written once Redis is back.
  queue
    .upsertJobScheduler(
      options.schedule.id,
      { every: options.schedule.everyMs },
      { name: options.schedule.job, data: {}, opts: { removeOnComplete: true, removeOnFail: 50, attempts: 1 } },
    )
    .catch(report);
  // One job at a time in this process: the API stays responsive.
  const worker = new Worker(options.queue, options.process, {
    connection,
    prefix: options.queuePrefix,
    concurrency: 1,
    lockDuration: options.lockDuration,
  });
  worker.on('error', report);
  worker.on('failed', options.onFailed);
  return {
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
