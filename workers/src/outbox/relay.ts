// Moves jobs the server wrote to `job_outbox` into BullMQ. Rows are locked with SKIP LOCKED, so two
// relays never take the same row; a row is marked relayed in the same transaction that saw it, and
// a crash between the Redis write and the commit only re-adds a job under the same jobId (BullMQ
// ignores it while the job exists; the processors are idempotent for when it does not).
// While Redis is away the rows stay put, with the reason in `last_error`, and go out when it returns.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, DB } from '@gaps/db';
import { isNotConnectionError, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Transaction } from 'kysely';
import { queues as contractQueues, defaultJobOptions } from '../contracts.ts';
import type { Logger } from '../logger.ts';
import { describeRedisProblem, waitForReady } from '../redis.ts';

export interface OutboxRelayOptions {
  db: Database;
  /** A fail-fast connection (no offline queue), see `createRedisConnection(url, 'commands')`. */
  redis: Redis;
  queuePrefix: string;
  pollMs: number;
  logger: Logger;
  batchSize?: number;
  /** How long one tick waits for a connecting Redis before recording it as unavailable. */
  redisWaitMs?: number;
  /** A Redis write that takes longer than this counts as a connection failure. */
  addTimeoutMs?: number;
}

export interface RelayTickResult {
  relayed: number;
  failed: number;
}

export interface OutboxRelay {
  /** One batch; never throws for a Redis problem (it is recorded on the rows instead). */
  relayOnce(): Promise<RelayTickResult>;
  start(): void;
  /** Ends the loop after the batch in hand and closes the queues; the connection is the caller's. */
  stop(): Promise<void>;
}

interface OutboxRow {
  id: number;
  queue: string;
  job_name: string;
  job_id: string;
  payload: unknown;
  run_at: Date | null;
}

class ConnectionProblem extends Error {}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, redis, queuePrefix, pollMs, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const redisWaitMs = options.redisWaitMs ?? Math.min(pollMs, 1_000);
  const addTimeoutMs = options.addTimeoutMs ?? 5_000;
  const queues = new Map<string, Queue>();
  const stopController = new AbortController();
  let loop: Promise<void> | null = null;
  // Warn once per outage; every tick repeats it otherwise.
  let redisDown = false;
  const reportUnavailable = (pending: number, problem: string) => {
    logger[redisDown ? 'debug' : 'warn'](
      { pending, err: problem },
      'Outbox relay: Redis unavailable, jobs kept in the outbox',
    );
    redisDown = true;
  };

  function queueFor(name: string): Queue {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: redis, prefix: queuePrefix });
      queue.on('error', (error: Error) => logger.debug({ queue: name, err: error.message }, 'queue connection error'));
      queues.set(name, queue);
    }
    return queue;
  }

  // A Queue whose start-up raced a dropped connection stays broken; start the next tick afresh.
  function discardQueue(name: string): void {
    const queue = queues.get(name);
    queues.delete(name);
    queue?.close().catch(() => {});
  }

  async function addJob(row: OutboxRow): Promise<void> {
    if (!Object.hasOwn(contractQueues, row.queue)) {
      throw new Error(`Unknown queue "${row.queue}" (not declared in contracts.ts)`);
    }
    // A job written to run later (a held letter) waits in BullMQ's delayed set until then.
    const delay = row.run_at ? Math.max(0, row.run_at.getTime() - Date.now()) : 0;
    const adding = queueFor(row.queue).add(row.job_name, row.payload, {
      jobId: row.job_id,
      ...defaultJobOptions,
      ...(delay > 0 ? { delay } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ConnectionProblem(`Redis did not answer within ${addTimeoutMs} ms`)),
        addTimeoutMs,
      );
    });
    adding.catch(() => {}); // after a timeout nobody awaits it any more
    try {
      await Promise.race([adding, timeout]);
    } catch (error) {
      const connectionLost = redis.status !== 'ready' || !isNotConnectionError(error as Error);
      if (error instanceof ConnectionProblem || connectionLost) {
        discardQueue(row.queue);
        throw new ConnectionProblem(connectionLost ? describeRedisProblem(redis) : (error as Error).message);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function recordFailure(trx: Transaction<DB>, ids: number[], message: string): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('job_outbox')
      .set((eb) => ({ relay_attempts: eb('relay_attempts', '+', 1), last_error: message.slice(0, 2_000) }))
      .where('id', 'in', ids)
      .execute();
  }

  async function relayOnce(): Promise<RelayTickResult> {
    // Wait for a connecting Redis before taking row locks, not while holding them.
    const ready = await waitForReady(redis, redisWaitMs);
    return db.transaction().execute(async (trx) => {
      const rows: OutboxRow[] = await trx
        .selectFrom('job_outbox')
        .select(['id', 'queue', 'job_name', 'job_id', 'payload', 'run_at'])
        .where('relayed_at', 'is', null)
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return { relayed: 0, failed: 0 };

      if (!ready) {
        const problem = describeRedisProblem(redis);
        await recordFailure(
          trx,
          rows.map((row) => row.id),
          problem,
        );
        reportUnavailable(rows.length, problem);
        return { relayed: 0, failed: rows.length };
      }

      const relayed: number[] = [];
      let failed = 0;
      for (const [index, row] of rows.entries()) {
        try {
          await addJob(row);
          relayed.push(row.id);
        } catch (error) {
          const message = (error as Error).message;
          if (error instanceof ConnectionProblem) {
            // Redis went away mid-batch: the rest would fail the same way.
            const rest = rows.slice(index).map((r) => r.id);
            await recordFailure(trx, rest, message);
            failed += rest.length;
            reportUnavailable(rest.length, message);
            break;
          }
          // Something wrong with this one row; it must not hold up the others.
          await recordFailure(trx, [row.id], message);
          failed += 1;
          logger.error(
            { outboxId: row.id, job: row.job_name, jobId: row.job_id, err: message },
            'Outbox relay: job rejected',
          );
        }
      }
      if (relayed.length > 0) {
        await trx
          .updateTable('job_outbox')
          .set((eb) => ({ relayed_at: new Date(), relay_attempts: eb('relay_attempts', '+', 1) }))
          .where('id', 'in', relayed)
          .execute();
        if (redisDown)
          logger.info({ relayed: relayed.length }, 'Outbox relay: Redis is back, relaying the jobs kept meanwhile');
        else logger.debug({ relayed: relayed.length }, 'Outbox relay: jobs relayed');
        redisDown = false;
      }
      return { relayed: relayed.length, failed };
    });
  }

  async function run(): Promise<void> {
    const { signal } = stopController;
    // With the database away (or dropped), ticks fail in a row: report the outage once and wait
    // longer between tries (doubling up to 30 s) instead of logging an error every poll.
    let failuresInARow = 0;
    while (!signal.aborted) {
      let result: RelayTickResult | null = null;
      try {
        result = await relayOnce();
        if (failuresInARow > 0) logger.info({ failures: failuresInARow }, 'Outbox relay: the database is back');
        failuresInARow = 0;
      } catch (error) {
        // The database itself is away or refused; keep polling, never crash the process.
        logger[failuresInARow === 0 ? 'error' : 'debug']({ err: (error as Error).message }, 'Outbox relay tick failed');
        failuresInARow += 1;
      }
      if (signal.aborted) break;
      // A full batch means more is waiting: go on at once.
      if (result && result.relayed === batchSize) continue;
      const pause = failuresInARow === 0 ? pollMs : Math.min(pollMs * 2 ** failuresInARow, 30_000);
      await sleep(pause, undefined, { signal }).catch(() => {});
    }
  }

  return {
    relayOnce,
    start() {
      if (loop) return;
      loop = run();
    },
    async stop() {
      stopController.abort();
      await loop;
      await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => {})));
      queues.clear();
    },
  };
}
