import { createDatabase } from '@gaps/db';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../server/test/database.ts';
import { deletePrefix, memoryLogger, testConfig, testQueuePrefix, waitFor } from '../../test/helpers.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import { createRedisConnection } from '../redis.ts';
import { startWorkers } from '../start-workers.ts';
import { enqueueJob, queueMail } from './enqueue.ts';
import { createOutboxRelay, type OutboxRelay } from './relay.ts';

const redisUrl = inject('redisUrl');
const prefix = testQueuePrefix();
let t: TestDatabase;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.db.deleteFrom('job_outbox').execute();
  await deletePrefix(redisUrl, prefix);
});
afterAll(async () => {
  await t?.drop();
});

function relayOn(url: string, options: { pollMs?: number } = {}): OutboxRelay {
  const { logger } = memoryLogger();
  const redis = createRedisConnection(url, 'commands', logger);
  const relay = createOutboxRelay({
    db: t.db,
    redis,
    queuePrefix: prefix,
    pollMs: options.pollMs ?? 50,
    logger,
    redisWaitMs: 300,
  });
  cleanups.push(async () => {
    await relay.stop();
    redis.disconnect();
  });
  return relay;
}

function mailQueue(): Queue {
  const { logger } = memoryLogger();
  const redis = createRedisConnection(redisUrl, 'commands', logger);
  const queue = new Queue('mail', { connection: redis, prefix });
  cleanups.push(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });
  return queue;
}

const outbox = () => t.db.selectFrom('job_outbox').selectAll().orderBy('id').execute();

const mail = (to: string) => ({ to, template: 'test', subject: `Hello ${to}`, text: 'A short body.' });

describe('outbox relay', () => {
  it('moves pending rows to BullMQ under their jobId, with the trimming options, and marks them relayed', async () => {
    const id = await queueMail(t.db, mail('one@example.org'));
    const relay = relayOn(redisUrl);

    expect(await relay.relayOnce()).toEqual({ relayed: 1, failed: 0 });

    const [row] = await outbox();
    expect(row?.relayed_at).toBeInstanceOf(Date);
    const job = await mailQueue().getJob(`mail.send.${id}`);
    expect(job?.name).toBe('mail.send');
    expect(job?.data).toEqual({ emailMessageId: id });
    expect(job?.opts.attempts).toBe(8);
    expect(job?.opts.removeOnComplete).toEqual({ age: 24 * 3600, count: 1_000 });
    // Nothing left to do on the next tick.
    expect(await relay.relayOnce()).toEqual({ relayed: 0, failed: 0 });
  });

  it('keeps the rows, with the reason, while Redis is down; no exception escapes; they go out once Redis is back', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const ids = [await queueMail(t.db, mail('two@example.org')), await queueMail(t.db, mail('three@example.org'))];

    const down = relayOn('redis://127.0.0.1:1');
    expect(await down.relayOnce()).toEqual({ relayed: 0, failed: 2 });
    expect(await down.relayOnce()).toEqual({ relayed: 0, failed: 2 });
    // The loop keeps going without throwing either: two more rounds, each counted on the rows.
    down.start();
    await waitFor(async () => (await outbox()).every((row) => row.relay_attempts >= 4));
    await down.stop();

    const waiting = await outbox();
    expect(waiting).toHaveLength(2);
    for (const row of waiting) {
      expect(row.relayed_at).toBeNull();
      expect(row.relay_attempts).toBeGreaterThanOrEqual(4);
      expect(row.last_error).toMatch(/Redis unavailable.*(ECONNREFUSED|connect)/);
    }

    // Redis is back: the full workers relay the same rows and deliver the mail.
    const config = testConfig({ DATABASE_URL: t.url, REDIS_URL: redisUrl, SMTP_URL: smtp.url, QUEUE_PREFIX: prefix });
    const workers = await startWorkers(config, { db: t.db, logger: memoryLogger().logger });
    cleanups.push(() => workers.stop());
    await waitFor(async () => {
      const rows = await t.db.selectFrom('email_message').select('status').where('id', 'in', ids).execute();
      return rows.every((r) => r.status === 'sent');
    });
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(['three@example.org', 'two@example.org']);
    expect((await outbox()).every((row) => row.relayed_at !== null)).toBe(true);
  });

  it('lets two relays run side by side without both taking the same row', async () => {
    await t.db
      .insertInto('job_outbox')
      .values(
        Array.from({ length: 250 }, (_, i) => ({
          queue: 'mail',
          job_name: 'mail.send',
          job_id: `side-by-side-${i}`,
          payload: JSON.stringify({ emailMessageId: crypto.randomUUID() }),
        })),
      )
      .execute();
    const [first, second] = [relayOn(redisUrl), relayOn(redisUrl)];
    let relayed = 0;
    for (;;) {
      const results = await Promise.all([first.relayOnce(), second.relayOnce()]);
      const round = results.reduce((sum, r) => sum + r.relayed, 0);
      if (round === 0) break;
      relayed += round;
    }
    // Without row locks both relays would take (and count) every row.
    expect(relayed).toBe(250);
    expect(await mailQueue().count()).toBe(250);
    expect((await outbox()).filter((row) => row.relay_attempts !== 1)).toEqual([]);
  });

  it('does not let a row BullMQ refuses hold up the rows after it', async () => {
    // Bypasses enqueueJob, which refuses such ids, as a row written by hand or by older code would.
    await t.db
      .insertInto('job_outbox')
      .values({
        queue: 'mail',
        job_name: 'mail.send',
        job_id: 'bad:id',
        payload: JSON.stringify({ emailMessageId: crypto.randomUUID() }),
      })
      .execute();
    const good = await queueMail(t.db, mail('four@example.org'));

    expect(await relayOn(redisUrl).relayOnce()).toEqual({ relayed: 1, failed: 1 });
    const [bad, fine] = await outbox();
    expect(bad).toMatchObject({ relayed_at: null, relay_attempts: 1 });
    expect(bad?.last_error).toContain('cannot contain');
    expect(fine?.job_id).toBe(`mail.send.${good}`);
    expect(fine?.relayed_at).toBeInstanceOf(Date);
  });

  it('stops promptly in the middle of a long poll interval', async () => {
    const relay = relayOn(redisUrl, { pollMs: 60_000 });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('enqueueJob', () => {
  it('refuses a job id BullMQ could never take, inside the caller’s transaction', async () => {
    const emailMessageId = crypto.randomUUID();
    await expect(enqueueJob(t.db, 'mail.send', { emailMessageId }, `mail.send:${emailMessageId}`)).rejects.toThrow(':');
    await expect(enqueueJob(t.db, 'mail.send', { emailMessageId }, '42')).rejects.toThrow('integer');
    expect(await outbox()).toEqual([]);
  });
});

describe('with the database gone', () => {
  it('reports the outage once, backs off, and still stops at once', async () => {
    const { logger, lines } = memoryLogger();
    const redis = createRedisConnection(redisUrl, 'commands', logger);
    const missing = new URL(t.url);
    missing.pathname = '/gaps_no_such_database';
    const db = createDatabase(missing.toString(), { max: 1 });
    const relay = createOutboxRelay({ db, redis, queuePrefix: prefix, pollMs: 50, logger, redisWaitMs: 300 });
    cleanups.push(async () => {
      redis.disconnect();
      await db.destroy();
    });
    relay.start();
    await waitFor(async () => lines.filter((line) => line.includes('Outbox relay tick failed')).length >= 4);
    const failed = lines.filter((line) => line.includes('Outbox relay tick failed'));
    expect(failed.filter((line) => line.includes('"level":50'))).toHaveLength(1);
    expect(failed[0]).toContain('gaps_no_such_database');
    const started = Date.now();
    await relay.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
