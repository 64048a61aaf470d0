import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../server/test/database.ts';
import { deletePrefix, holdsFor, memoryLogger, testConfig, testQueuePrefix, waitFor } from '../test/helpers.ts';
import { startSmtpServer, type TestSmtpServer } from '../test/smtp.ts';
import { defaultJobOptions } from './contracts.ts';
import { HEARTBEAT_TTL_SECONDS, heartbeatKey } from './heartbeat.ts';
import { queueMail } from './outbox/enqueue.ts';
import { checkEvictionPolicy, createRedisConnection, waitForReady } from './redis.ts';
import { type RunningWorkers, startWorkers } from './start-workers.ts';

const redisUrl = inject('redisUrl');
let t: TestDatabase;
let redis: Redis;

beforeAll(async () => {
  t = await createTestDatabase();
  redis = new Redis(redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.drop();
});

const statusOf = async (id: string) =>
  (await t.db.selectFrom('email_message').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

const mail = (to: string) => ({
  to,
  template: 'account.verify-email',
  subject: 'Confirm your e-mail address',
  text: 'Open https://submit.example.org/verify-email?token=TOP-SECRET-TOKEN to confirm.',
});

describe('startWorkers with SMTP', () => {
  const prefix = testQueuePrefix();
  let smtp: TestSmtpServer;
  let workers: RunningWorkers;
  let queue: Queue;
  let queueConnection: Redis;
  const log = memoryLogger();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = testConfig({
      DATABASE_URL: t.url,
      REDIS_URL: redisUrl,
      SMTP_URL: smtp.url,
      QUEUE_PREFIX: prefix,
      PUBLIC_URL: 'https://submit.example.org',
      MAIL_FROM: 'GAPS Submissions <no-reply@submit.example.org>',
    });
    workers = await startWorkers(config, { db: t.db, logger: log.logger });
    queueConnection = createRedisConnection(redisUrl, 'commands', log.logger);
    queue = new Queue('mail', { connection: queueConnection, prefix });
  });
  afterAll(async () => {
    await workers?.stop();
    await queue?.obliterate({ force: true });
    await queue?.close();
    queueConnection?.disconnect();
    await smtp?.close();
    await deletePrefix(redisUrl, prefix);
  });

  it('delivers a mail queued in the outbox to the SMTP server and marks it sent', async () => {
    const id = await queueMail(t.db, mail('erin@example.org'));
    await waitFor(async () => (await statusOf(id)) === 'sent');

    expect(smtp.received).toHaveLength(1);
    const [received] = smtp.received;
    expect(received?.headers.get('to')).toBe('erin@example.org');
    expect(received?.headers.get('subject')).toBe('Confirm your e-mail address');
    expect(received?.headers.get('message-id')).toBe(`<${id}@submit.example.org>`);
    expect(received?.body).toBe('Open https://submit.example.org/verify-email?token=TOP-SECRET-TOKEN to confirm.');
    expect(received?.envelopeFrom).toBe('no-reply@submit.example.org');
  });

  it('sends nothing more when the same job is delivered again', async () => {
    const id = await queueMail(t.db, mail('frank@example.org'));
    await waitFor(async () => (await statusOf(id)) === 'sent');
    const before = smtp.received.length;

    // Under the same jobId (BullMQ keeps the completed job, so ignores it) and under a new one, as
    // after the completed job was trimmed or a stalled job was handed to a second worker.
    await queue.add('mail.send', { emailMessageId: id }, { ...defaultJobOptions, jobId: `mail.send.${id}` });
    const again = await queue.add(
      'mail.send',
      { emailMessageId: id },
      { ...defaultJobOptions, jobId: `mail.send.${id}.again` },
    );
    await waitFor(async () => (await again.getState()) === 'completed');

    expect(smtp.received.length).toBe(before);
    expect((await queue.getJob(again.id as string))?.returnvalue).toEqual({ outcome: 'already-delivered' });
  });

  it('writes a heartbeat the server can read, expiring within 30 s', async () => {
    const key = heartbeatKey(prefix);
    expect(key).toBe(`${prefix}:workers:heartbeat`);
    const value = await waitFor(() => redis.get(key));
    expect(Date.now() - Date.parse(value)).toBeLessThan(15_000);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(HEARTBEAT_TTL_SECONDS);
  });

  it('never writes a mail body or token to the log', () => {
    const output = log.lines.join('');
    expect(output).toContain('workers started');
    expect(output).not.toContain('TOP-SECRET-TOKEN');
  });
});

describe('startWorkers without SMTP (demo mode)', () => {
  const prefix = testQueuePrefix();

  afterAll(async () => {
    await deletePrefix(redisUrl, prefix);
  });

  it('captures queued mail for the admin Mail page, and relays nothing once stopped', async () => {
    const config = testConfig({ DATABASE_URL: t.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
    const workers = await startWorkers(config, { db: t.db, logger: memoryLogger().logger });
    try {
      const id = await queueMail(t.db, mail('grace@example.org'));
      await waitFor(async () => (await statusOf(id)) === 'captured');
    } finally {
      await workers.stop();
    }

    const late = await queueMail(t.db, mail('heidi@example.org'));
    // Ten of the relay's poll intervals: a relay still running would have sent it by then.
    await holdsFor(async () => (await statusOf(late)) === 'pending', 10 * config.OUTBOX_POLL_MS, 'mail stays pending');
    const row = await t.db
      .selectFrom('job_outbox')
      .select('relayed_at')
      .where('job_id', '=', `mail.send.${late}`)
      .executeTakeFirstOrThrow();
    expect(row.relayed_at).toBeNull();
  });
});

describe('checkEvictionPolicy', () => {
  it('reads the policy and warns unless it is noeviction', async () => {
    const { logger, lines } = memoryLogger();
    const connection = createRedisConnection(redisUrl, 'commands', logger);
    try {
      await waitForReady(connection, 2_000);
      const [, expected] = (await redis.config('GET', 'maxmemory-policy')) as string[];
      expect(await checkEvictionPolicy(connection, logger)).toBe(expected);
      expect(lines.some((line) => line.includes('not noeviction'))).toBe(expected !== 'noeviction');
    } finally {
      connection.disconnect();
    }
  });
});
