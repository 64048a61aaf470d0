// Delivers one `email_message` row, at most once. BullMQ delivers jobs at least once, and a worker
// can die while the mail server is answering: then nobody knows whether the server accepted the
// message. So the row is marked `sending` and committed BEFORE the SMTP call, and the outcome is
// written after it. Each run holds a PostgreSQL advisory lock on the message for the whole time,
// on its own connection: a second run of the same job waits for a live sender (then finds `sent`),
// while a dead sender's lock went with its connection. So a run that gets the lock and finds
// `sending` is the retry of a run that died mid-send: it marks the message `unknown` ("check with
// the recipient") and does not send it again.
// What remains: a message the server accepted just before the worker died shows as `unknown`, not
// `sent`, and nobody is told but the mail log (admin Mail page) and the worker's error log line.
// The Message-ID is derived from the row id, so even a resend by hand is the same message to the
// receiving server, which may drop it as a duplicate.
import type { Database } from '@gaps/db';
import { UnrecoverableError } from 'bullmq';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.ts';

export interface MailDelivery {
  db: Database;
  /** null in demo mode: messages are captured for the admin Mail page instead of sent. */
  transport: Transporter | null;
  from: string;
  /** Right-hand side of the Message-ID, the host of PUBLIC_URL. */
  messageIdDomain: string;
  logger: Logger;
}

export type DeliveryOutcome = 'sent' | 'captured' | 'already-delivered' | 'missing' | 'interrupted';

/** What an interrupted send leaves in the mail log, for the office to act on. */
export const INTERRUPTED_SEND =
  'Sending was interrupted (the worker stopped while the mail server answered), so we cannot tell ' +
  'whether it arrived. It was not sent again. Check with the recipient.';

export interface DeliveryAttempt {
  /** No retry follows this one: a failure marks the message `failed`. */
  finalAttempt: boolean;
}

export function createMailTransport(smtpUrl: string | undefined): Transporter | null {
  if (!smtpUrl) return null;
  // Short timeouts: a message stays `sending` while a send is in progress.
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

export function messageIdFor(emailMessageId: string, messageIdDomain: string): string {
  return `<${emailMessageId}@${messageIdDomain}>`;
}

export function messageIdDomainOf(publicUrl: string): string {
  return new URL(publicUrl).hostname || 'gaps-submissions';
}

/** 5xx replies (unknown mailbox, rejected sender) will not change on a retry; 4xx and network errors may. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

type Claim = { outcome: DeliveryOutcome } | { outcome: 'claimed'; to: string; subject: string; text: string };

export async function deliverMail(
  mail: MailDelivery,
  emailMessageId: string,
  attempt: DeliveryAttempt = { finalAttempt: false },
): Promise<DeliveryOutcome> {
  const log = mail.logger.child({ emailMessageId });
  return mail.db.connection().execute(async (connection) => {
    const lockKey = sendLockKey(emailMessageId);
    await sql`SELECT pg_advisory_lock(${lockKey})`.execute(connection);
    try {
      return await deliverLocked({ ...mail, db: connection }, emailMessageId, attempt, log);
    } finally {
      await sql`SELECT pg_advisory_unlock(${lockKey})`.execute(connection);
    }
  });
}

const sendLockKey = (emailMessageId: string) => sql`hashtextextended(${emailMessageId}::text, 0)`;

/**
 * At worker start: a message left `sending` whose sender is gone (its lock is free) and whose job
 * will not run again (BullMQ fails a job that stalled too often) would stay `sending` for ever.
 * Mark it `unknown` like a retry would. A message a live worker is sending keeps its lock and is
 * left alone. Returns how many were marked.
 */
export async function reconcileInterruptedSends(db: Database, logger: Logger): Promise<number> {
  const sending = await db.selectFrom('email_message').select('id').where('status', '=', 'sending').execute();
  let marked = 0;
  for (const { id } of sending) {
    await db.connection().execute(async (connection) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`SELECT pg_try_advisory_lock(${sendLockKey(id)}) AS locked`.execute(connection);
      if (!rows[0]?.locked) return;
      try {
        marked += await markInterrupted(connection, id);
      } finally {
        await sql`SELECT pg_advisory_unlock(${sendLockKey(id)})`.execute(connection);
      }
    });
  }
  if (marked > 0) logger.error({ messages: marked }, INTERRUPTED_SEND);
  return marked;
}

/** A message left `sending` by a sender that died: `unknown`, never sent again. Answers 1 if marked. */
async function markInterrupted(db: Database, emailMessageId: string): Promise<number> {
  const updated = await db
    .updateTable('email_message')
    .set({ status: 'unknown', last_error: INTERRUPTED_SEND })
    .where('id', '=', emailMessageId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Runs while this process holds the message's advisory lock, on `mail.db`, one connection. */
async function deliverLocked(
  mail: MailDelivery,
  emailMessageId: string,
  attempt: DeliveryAttempt,
  log: Logger,
): Promise<DeliveryOutcome> {
  const { db, transport } = mail;

  // 1. Claim the message in a short transaction that commits before any SMTP traffic.
  const claim = await db.transaction().execute(async (trx): Promise<Claim> => {
    const message = await trx
      .selectFrom('email_message')
      .select(['id', 'to_address', 'subject', 'text_body', 'status'])
      .where('id', '=', emailMessageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) return { outcome: 'missing' };
    if (message.status === 'sent' || message.status === 'captured') return { outcome: 'already-delivered' };
    if (message.status === 'unknown') return { outcome: 'interrupted' };
    if (message.status === 'sending') {
      await markInterrupted(trx, message.id);
      return { outcome: 'interrupted' };
    }
    if (!transport) {
      await trx
        .updateTable('email_message')
        .set({ status: 'captured', last_error: null })
        .where('id', '=', message.id)
        .execute();
      return { outcome: 'captured' };
    }
    await trx
      .updateTable('email_message')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
      .where('id', '=', message.id)
      .execute();
    return { outcome: 'claimed', to: message.to_address, subject: message.subject, text: message.text_body };
  });

  if (claim.outcome !== 'claimed') {
    if (claim.outcome === 'missing') log.warn('mail.send for a message that does not exist; nothing to do');
    else if (claim.outcome === 'interrupted') log.error(INTERRUPTED_SEND);
    // Captured (no SMTP_URL) or already done: nothing left this process; the Mail page shows it.
    else log.debug({ outcome: claim.outcome }, 'mail delivery');
    return claim.outcome;
  }

  // 2. Send. 3. Record the outcome (a refusal is certain: the message can be tried again).
  try {
    await transport!.sendMail({
      from: mail.from,
      to: claim.to,
      subject: claim.subject,
      text: claim.text,
      messageId: messageIdFor(emailMessageId, mail.messageIdDomain),
    });
  } catch (error) {
    const permanent = isPermanent(error);
    const failed = permanent || attempt.finalAttempt;
    const reason = String((error as Error).message ?? error);
    await db
      .updateTable('email_message')
      .set({
        last_error: reason.slice(0, 2_000),
        status: failed ? 'failed' : 'pending',
      })
      .where('id', '=', emailMessageId)
      .execute();
    // The failure is recorded; throwing now lets BullMQ retry with back-off.
    log.warn({ err: reason, permanent, finalAttempt: attempt.finalAttempt }, 'mail delivery failed');
    if (permanent) throw new UnrecoverableError(reason);
    throw error;
  }
  // Also over `unknown`: a run that was only stalled learns here that the server did accept it.
  await db
    .updateTable('email_message')
    .set({ status: 'sent', delivered_at: new Date(), last_error: null })
    .where('id', '=', emailMessageId)
    .execute();
  log.info({ outcome: 'sent' }, 'mail delivery');
  return 'sent';
}
