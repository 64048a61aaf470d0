// Starts everything the worker process runs: the outbox relay, one BullMQ Worker per queue, and the
// heartbeat the server's health check reads. Used by main.ts and, in-process, by tests.
import { createDatabase, type Database } from '@gaps/db';
import { Worker } from 'bullmq';
import type { WorkersConfig } from './config.ts';
import { checkHandlers, createProcessor, type JobHandlers, workerQueues } from './handlers.ts';
import { HEARTBEAT_INTERVAL_MS, writeHeartbeat } from './heartbeat.ts';
import { createLogger, type Logger } from './logger.ts';
import {
  createMailTransport,
  type MailDelivery,
  messageIdDomainOf,
  reconcileInterruptedSends,
} from './mail/deliver.ts';
import { createMailHandlers } from './mail/mail.worker.ts';
import { createOutboxRelay } from './outbox/relay.ts';
import { createReviewCopyHandlers, type ReviewCopyDeps } from './pdf-anonymisation/worker.ts';
import { checkEvictionPolicy, createRedisConnection, waitForReady } from './redis.ts';

export interface StartWorkersOptions {
  /** Reused and left open on stop; without it the workers open (and close) their own pool. */
  db?: Database;
  logger?: Logger;
  /** The time the mail worker checks a reminder against (a pause, a due date); tests driving a clock pass theirs. */
  now?: () => Date;
}

export interface RunningWorkers {
  /** Stops taking jobs, lets running ones finish, closes what startWorkers opened. */
  stop(): Promise<void>;
}

/** Every job's handler; add one here when contracts.ts gains a job. */
export function createJobHandlers(deps: { mail: MailDelivery; reviewCopy: ReviewCopyDeps }): JobHandlers {
  return { ...createMailHandlers(deps.mail), ...createReviewCopyHandlers(deps.reviewCopy) };
}

export async function startWorkers(config: WorkersConfig, options: StartWorkersOptions = {}): Promise<RunningWorkers> {
  const logger = options.logger ?? createLogger(config, 'workers');
  // A pool opens no connection until first used, so refusing below leaves nothing behind.
  const db = options.db ?? createDatabase(config.DATABASE_URL);
  const transport = createMailTransport(config.SMTP_URL);
  const mail: MailDelivery = {
    db,
    transport,
    from: config.MAIL_FROM,
    messageIdDomain: messageIdDomainOf(config.PUBLIC_URL),
    logger,
    ...(options.now ? { now: options.now } : {}),
  };
  const handlers = createJobHandlers({
    mail,
    reviewCopy: { db, dataDir: config.DATA_DIR, logger, spareChild: config.PDF_SPARE_CHILD },
  });
  try {
    checkHandlers(handlers);
  } catch (error) {
    transport?.close();
    if (!options.db) await db.destroy();
    throw error;
  }
  if (!transport) logger.info('SMTP_URL is not set: e-mail is captured for the admin Mail page, not sent');
  // Not awaited: a database that is away must not stop the workers from starting.
  reconcileInterruptedSends(db, logger).catch((error: Error) =>
    logger.warn({ err: error.message }, 'could not check for interrupted e-mail sends'),
  );

  const commands = createRedisConnection(config.REDIS_URL, 'commands', logger);
  // Only a template: BullMQ duplicates it for each worker's connections, so it never connects itself.
  const workerTemplate = createRedisConnection(config.REDIS_URL, 'worker', logger);

  const checkPolicy = () => void checkEvictionPolicy(commands, logger);
  if (await waitForReady(commands, 2_000)) checkPolicy();
  else commands.once('ready', checkPolicy);

  const relay = createOutboxRelay({
    db,
    redis: commands,
    queuePrefix: config.QUEUE_PREFIX,
    pollMs: config.OUTBOX_POLL_MS,
    logger,
  });
  relay.start();

  const workers = workerQueues.map((queue) => {
    const worker = new Worker(queue, createProcessor(queue, handlers), {
      connection: workerTemplate,
      prefix: config.QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      lockDuration: config.WORKER_LOCK_MS,
      stalledInterval: config.WORKER_LOCK_MS,
    });
    // BullMQ repeats the error on every reconnect attempt while Redis is away: once a minute is enough.
    let lastReported = 0;
    worker.on('error', (error: Error) => {
      if (Date.now() - lastReported < 60_000) return;
      lastReported = Date.now();
      logger.warn({ queue, err: error.message }, 'worker connection error');
    });
    worker.on('failed', (job, error) => {
      logger.warn(
        { queue, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message },
        'job failed',
      );
    });
    return worker;
  });

  const beat = () =>
    writeHeartbeat(commands, config.QUEUE_PREFIX).catch((error: Error) =>
      logger.debug({ err: error.message }, 'heartbeat not written'),
    );
  void beat();
  const heartbeat = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  logger.info({ queues: workerQueues, prefix: config.QUEUE_PREFIX }, 'workers started');

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        clearInterval(heartbeat);
        commands.off('ready', checkPolicy);
        await relay.stop();
        await Promise.all(workers.map((worker) => worker.close()));
        transport?.close();
        await commands.quit().catch(() => commands.disconnect());
        workerTemplate.disconnect();
        if (!options.db) await db.destroy();
        logger.info('workers stopped');
      })();
      return stopping;
    },
  };
}
