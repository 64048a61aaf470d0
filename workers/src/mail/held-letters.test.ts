// A decision letter is held for the venue's hold time so the decision can still be rescinded: the
// relay hands BullMQ the delay, delivery never sends it before `send_after`, and a letter whose
// decision was rescinded meanwhile is not sent (`skipped`, with the reason). Real PostgreSQL,
// Redis and an in-process SMTP server.
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { deletePrefix, memoryLogger, testQueuePrefix } from '../../test/helpers.ts';
import { mailTestBed } from '../../test/mail-bed.ts';
import { makeAssignment } from '../../test/mail-fixtures.ts';
import { queueMail } from '../outbox/enqueue.ts';
import { createOutboxRelay } from '../outbox/relay.ts';
import { createRedisConnection } from '../redis.ts';
import { RESCINDED_DECISION, WITHDRAWN_SUBMISSION } from './decision-still-stands.ts';
import { deliverMail } from './deliver.ts';

const bed = mailTestBed();
const redisUrl = inject('redisUrl');
const prefix = testQueuePrefix();
const MINUTE = 60_000;

afterAll(async () => {
  await deletePrefix(redisUrl, prefix);
});

/** A decision on a fresh submission and its letter, held until `sendAfter`. */
async function heldLetter(sendAfter: Date, template = 'decision.accept') {
  const { submissionId } = await makeAssignment(bed.db);
  const decision = await bed.db
    .insertInto('decision')
    .values({ submission_id: submissionId, round: 1, outcome: 'accept', letter: 'Dear author, accepted.' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = await queueMail(bed.db, {
    to: 'author@example.org',
    template,
    subject: 'Your submission has been accepted',
    text: 'Dear author, accepted.',
    sendAfter,
    decisionId: decision.id,
  });
  return { id, decisionId: decision.id };
}

describe('a held decision letter', () => {
  it('is not delivered before its send time, and is delivered after it', async () => {
    const server = await bed.smtp();
    const now = new Date();
    const { id } = await heldLetter(new Date(now.getTime() + 10 * MINUTE));

    expect(await deliverMail(bed.delivery(server.url, now), id)).toBe('held');
    expect(await deliverMail(bed.delivery(server.url, new Date(now.getTime() + 9 * MINUTE)), id)).toBe('held');
    expect(server.received).toHaveLength(0);
    expect(await bed.message(id)).toMatchObject({ status: 'pending', attempts: 0 });

    expect(await deliverMail(bed.delivery(server.url, new Date(now.getTime() + 11 * MINUTE)), id)).toBe('sent');
    expect(server.received).toHaveLength(1);
    expect((await bed.message(id)).status).toBe('sent');
  });

  it('is never sent once its decision was rescinded, even after its send time', async () => {
    const server = await bed.smtp();
    const now = new Date();
    const { id, decisionId } = await heldLetter(new Date(now.getTime() + 10 * MINUTE));
    await bed.db
      .updateTable('decision')
      .set({ rescinded_at: now, rescind_reason: 'Wrong paper' })
      .where('id', '=', decisionId)
      .execute();

    expect(await deliverMail(bed.delivery(server.url, new Date(now.getTime() + 20 * MINUTE)), id)).toBe('skipped');
    expect(await bed.message(id)).toMatchObject({ status: 'skipped', last_error: RESCINDED_DECISION });
    expect(server.received).toHaveLength(0);
  });

  it('is not sent once its author withdrew the submission (after the hold, before the worker came)', async () => {
    const server = await bed.smtp();
    const now = new Date();
    const { id, decisionId } = await heldLetter(new Date(now.getTime() + 10 * MINUTE));
    const { submission_id } = await bed.db
      .selectFrom('decision')
      .select('submission_id')
      .where('id', '=', decisionId)
      .executeTakeFirstOrThrow();
    await bed.db.updateTable('submission').set({ status: 'withdrawn' }).where('id', '=', submission_id).execute();

    expect(await deliverMail(bed.delivery(server.url, new Date(now.getTime() + 20 * MINUTE)), id)).toBe('skipped');
    expect(await bed.message(id)).toMatchObject({ status: 'skipped', last_error: WITHDRAWN_SUBMISSION });
    expect(server.received).toHaveLength(0);
  });

  it('a reviewer’s “no longer needed” still goes after a withdrawal: their assignment stays cancelled', async () => {
    const server = await bed.smtp();
    const now = new Date();
    const { id, decisionId } = await heldLetter(new Date(now.getTime() + 10 * MINUTE), 'assignment.cancelled');
    await bed.db
      .updateTable('submission')
      .set({ status: 'withdrawn' })
      .where('id', 'in', (eb) => eb.selectFrom('decision').select('submission_id').where('id', '=', decisionId))
      .execute();

    expect(await deliverMail(bed.delivery(server.url, new Date(now.getTime() + 20 * MINUTE)), id)).toBe('sent');
  });

  it('goes to BullMQ as a delayed job that waits until its send time', async () => {
    const sendAfter = new Date(Date.now() + 10 * MINUTE);
    const { id } = await heldLetter(sendAfter);
    const { logger } = memoryLogger();
    const redis = createRedisConnection(redisUrl, 'commands', logger);
    const relay = createOutboxRelay({ db: bed.db, redis, queuePrefix: prefix, pollMs: 50, logger });
    const queue = new Queue('mail', { connection: redis, prefix });
    try {
      const { relayed } = await relay.relayOnce();
      expect(relayed).toBeGreaterThanOrEqual(1);
      const job = await queue.getJob(`mail.send.${id}`);
      expect(await job?.getState()).toBe('delayed');
      expect(job!.opts.delay).toBeGreaterThan(9 * MINUTE);
      expect(job!.opts.delay).toBeLessThanOrEqual(10 * MINUTE);
    } finally {
      await relay.stop();
      await queue.close();
      redis.disconnect();
    }
  });
});
