import { spawn } from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import { UnrecoverableError } from 'bullmq';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/helpers.ts';
import { mailTestBed } from '../../test/mail-bed.ts';
import { queueMail } from '../outbox/enqueue.ts';
import { deliverMail, INTERRUPTED_SEND, messageIdFor, reconcileInterruptedSends } from './deliver.ts';
import { isFinalAttempt } from './mail.worker.ts';

const bed = mailTestBed();
const { smtp } = bed;

function delivery(smtpUrl: string | undefined) {
  const mail = bed.delivery(smtpUrl);
  return { mail, lines: mail.lines };
}

const message = (to: string) => ({
  to,
  template: 'test',
  subject: `Verify your address ${to}`,
  text: 'Hello,\n\nopen https://submit.test.example/verify?token=SECRET-TOKEN-123 to verify.\n',
});

const row = (id: string) =>
  bed.db.selectFrom('email_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('deliverMail', () => {
  it('sends the message with its To, Subject, body and a Message-ID derived from the row, and marks it sent', async () => {
    const server = await smtp();
    const { mail, lines } = delivery(server.url);
    const id = await queueMail(bed.db, message('alice@example.org'));

    expect(await deliverMail(mail, id)).toBe('sent');

    expect(server.received).toHaveLength(1);
    const [received] = server.received;
    expect(received?.envelopeTo).toEqual(['alice@example.org']);
    expect(received?.headers.get('to')).toBe('alice@example.org');
    expect(received?.headers.get('subject')).toBe('Verify your address alice@example.org');
    expect(received?.headers.get('from')).toBe('GAPS Test <no-reply@test.example>');
    expect(received?.headers.get('message-id')).toBe(`<${id}@submit.test.example>`);
    expect(received?.body).toContain('?token=SECRET-TOKEN-123 to verify.');
    const after = await row(id);
    expect(after).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(after.delivered_at).toBeInstanceOf(Date);
    // The log says what happened without the body or the token in it.
    expect(lines.join('')).toContain(id);
    expect(lines.join('')).not.toContain('SECRET-TOKEN-123');
  });

  it('sends nothing the second time the same job runs, one after the other or at the same time', async () => {
    const server = await smtp();
    const { mail } = delivery(server.url);
    const first = await queueMail(bed.db, message('bob@example.org'));
    expect(await deliverMail(mail, first)).toBe('sent');
    expect(await deliverMail(mail, first)).toBe('already-delivered');

    const second = await queueMail(bed.db, message('carol@example.org'));
    const outcomes = await Promise.all([
      deliverMail(mail, second),
      deliverMail(mail, second),
      deliverMail(mail, second),
    ]);
    expect(outcomes.sort()).toEqual(['already-delivered', 'already-delivered', 'sent']);

    expect(server.received.map((m) => m.envelopeTo[0])).toEqual(['bob@example.org', 'carol@example.org']);
    expect((await row(second)).attempts).toBe(1);
  });

  it('sends at most once when the worker is killed while the mail server answers: the retry marks it unknown', async () => {
    const server = await smtp({ holdReplies: true });
    const id = await queueMail(bed.db, message('erin@example.org'));
    const worker = spawn(process.execPath, [path.join(import.meta.dirname, '../../test/deliver-in-child.ts')], {
      env: { ...process.env, DATABASE_URL: bed.url, SMTP_URL: server.url, EMAIL_MESSAGE_ID: id },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // The server has the whole message but has not said "250 OK" yet; the row says so.
    await waitFor(async () => server.received.length === 1, 20_000);
    expect((await row(id)).status).toBe('sending');
    worker.kill('SIGKILL');
    await exited;
    server.releaseReplies();

    // The restarted worker runs the job again (BullMQ retries a job whose worker died).
    const { mail, lines } = delivery(server.url);
    expect(await deliverMail(mail, id)).toBe('interrupted');
    expect(server.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'unknown', attempts: 1, last_error: INTERRUPTED_SEND });
    expect(lines.join('')).toContain('Check with the recipient');
    // Any later run leaves it alone too.
    expect(await deliverMail(mail, id)).toBe('interrupted');
    expect(server.received).toHaveLength(1);
  });

  it('at worker start marks a message left sending by a dead worker unknown, and leaves a live send alone', async () => {
    const { mail } = delivery(undefined);
    const dead = await queueMail(bed.db, message('frank@example.org'));
    const live = await queueMail(bed.db, message('grace@example.org'));
    await bed.db.updateTable('email_message').set({ status: 'sending' }).where('id', 'in', [dead, live]).execute();
    // Another worker is sending `live` right now: it holds the message's lock.
    await bed.db.connection().execute(async (other) => {
      await sql`SELECT pg_advisory_lock(hashtextextended(${live}::text, 0))`.execute(other);
      try {
        expect(await reconcileInterruptedSends(bed.db, mail.logger)).toBe(1);
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtextextended(${live}::text, 0))`.execute(other);
      }
    });
    expect(await row(dead)).toMatchObject({ status: 'unknown', last_error: INTERRUPTED_SEND });
    expect((await row(live)).status).toBe('sending');
  });

  it('captures the message instead of sending it when no SMTP_URL is set', async () => {
    const { mail } = delivery(undefined);
    const id = await queueMail(bed.db, message('dave@example.org'));
    expect(await deliverMail(mail, id)).toBe('captured');
    expect(await row(id)).toMatchObject({ status: 'captured', last_error: null });
    // Captured is final: a redelivered job does not capture (or send) it again.
    expect(await deliverMail(mail, id)).toBe('already-delivered');
  });

  it('on a permanent SMTP refusal stores the error, counts the attempt, marks it failed and stops retries', async () => {
    const server = await smtp({ rejectRecipients: { code: 550, message: 'No such mailbox here' } });
    const { mail } = delivery(server.url);
    const id = await queueMail(bed.db, message('nobody@example.org'));

    const error = await deliverMail(mail, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    const after = await row(id);
    expect(after).toMatchObject({ status: 'failed', attempts: 1, delivered_at: null });
    expect(after.last_error).toContain('No such mailbox here');
    expect(server.received).toHaveLength(0);
  });

  it('on a temporary SMTP refusal stores the error and rethrows so BullMQ retries; the last attempt marks it failed', async () => {
    const server = await smtp({ rejectRecipients: { code: 451, message: 'Greylisted, try later' } });
    const { mail } = delivery(server.url);
    const id = await queueMail(bed.db, message('later@example.org'));

    const error = await deliverMail(mail, id, { finalAttempt: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row(id)).last_error).toContain('Greylisted, try later');

    await expect(deliverMail(mail, id, { finalAttempt: true })).rejects.toThrow('Greylisted');
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('does nothing for a message that does not exist', async () => {
    const { mail } = delivery(undefined);
    expect(await deliverMail(mail, '00000000-0000-4000-8000-000000000000')).toBe('missing');
  });
});

describe('messageIdFor and isFinalAttempt', () => {
  it('derives the same Message-ID from the same row every time', () => {
    const id = '6f1c1a52-5c5e-4c1a-9a55-3f0b7d0f6c11';
    expect(messageIdFor(id, 'submit.example.org')).toBe(`<${id}@submit.example.org>`);
  });

  it('knows the attempt after which BullMQ gives up', () => {
    expect(isFinalAttempt({ attemptsMade: 0, opts: { attempts: 8 } })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 7, opts: { attempts: 8 } })).toBe(true);
    expect(isFinalAttempt({ attemptsMade: 0, opts: {} })).toBe(true);
  });
});
