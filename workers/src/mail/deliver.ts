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
// A reminder is checked again when it is claimed (reminder-still-due.ts): one that no longer applies
// becomes `skipped`, final like `sent`. A held message (a decision letter, send_after) is never
// sent before its time, and one whose decision was rescinded meanwhile becomes `skipped` too
// (decision-still-stands.ts). A final failure keeps the server's answer and flags the
// message's assignment for the editor (delivery-failure.ts).
import type { Database, DB } from '@gaps/db';
import { UnrecoverableError } from 'bullmq';
import { type Kysely, sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger.ts';
import { reasonNotToSendDecisionMail } from './decision-still-stands.ts';
import { describeSendFailure, recordFinalFailure } from './delivery-failure.ts';
import { isReminderTemplate, reasonNotToSendReminder } from './reminder-still-due.ts';

export interface MailDelivery {
  db: Database;
  /** null in demo mode: messages are captured for the admin Mail page instead of sent. */
  transport: Transporter | null;
  from: string;
  /** Right-hand side of the Message-ID, the host of PUBLIC_URL. */
  messageIdDomain: string;
  logger: Logger;
  /** The time for the send-time checks (a paused reminder); tests that drive a clock pass theirs. */
  now?: () => Date;
}

export type DeliveryOutcome =
  | 'sent'
  | 'captured'
  | 'already-delivered'
  | 'missing'
  | 'interrupted'
  | 'skipped'
  /** Not yet: the message is held until its `send_after` (the handler puts the job back until then). */
  | 'held';

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
  // Pooled: opening a connection per message cost about 115 ms each against a local server (1,000
  // reminders: two minutes), reusing a few open ones about 5 ms. Each message still gets its own
  // answer, so the at-most-once bookkeeping is unchanged.
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
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

interface ClaimedMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  template: string;
  createdAt: Date;
  personId: string | null;
  assignmentId: string | null;
}

type Claim = { outcome: DeliveryOutcome } | { outcome: 'claimed'; message: ClaimedMessage };

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
  const now = mail.now ?? (() => new Date());

  // 1. Claim the message in a short transaction that commits before any SMTP traffic.
  const claim = await db.transaction().execute(async (trx): Promise<Claim> => {
    const message = await trx
      .selectFrom('email_message')
      .select([
        'id',
        'to_address',
        'subject',
        'text_body',
        'html_body',
        'status',
        'template',
        'created_at',
        'person_id',
        'assignment_id',
        'send_after',
        'decision_id',
      ])
      .where('id', '=', emailMessageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) return { outcome: 'missing' };
    if (message.status === 'sent' || message.status === 'captured') return { outcome: 'already-delivered' };
    if (message.status === 'unknown') return { outcome: 'interrupted' };
    if (message.status === 'skipped') return { outcome: 'skipped' };
    if (message.status === 'sending') {
      await markInterrupted(trx, message.id);
      return { outcome: 'interrupted' };
    }
    // A decision's message: never after the decision was rescinded, never before its hold ends.
    if (message.decision_id) {
      const reason = await reasonNotToSendDecisionMail(trx, message.decision_id, message.template);
      if (reason) {
        await trx
          .updateTable('email_message')
          .set({ status: 'skipped', last_error: reason })
          .where('id', '=', message.id)
          .execute();
        return { outcome: 'skipped' };
      }
    }
    if (message.send_after && message.send_after > now()) return { outcome: 'held' };
    // Before capture too: the demo's mail log shows a reminder that no longer applied as not sent.
    if (message.assignment_id && isReminderTemplate(message.template)) {
      const reason = await reasonNotToSendReminder(
        trx,
        { id: message.id, template: message.template, assignmentId: message.assignment_id },
        now(),
      );
      if (reason) {
        await trx
          .updateTable('email_message')
          .set({ status: 'skipped', last_error: reason })
          .where('id', '=', message.id)
          .execute();
        return { outcome: 'skipped' };
      }
    }
    if (!transport) {
      await trx
        .updateTable('email_message')
        .set({ status: 'captured', last_error: null })
        .where('id', '=', message.id)
        .execute();
      await forgetErasedAddress(trx, message);
      return { outcome: 'captured' };
    }
    await trx
      .updateTable('email_message')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
      .where('id', '=', message.id)
      .execute();
    return {
      outcome: 'claimed',
      message: {
        id: message.id,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        template: message.template,
        createdAt: message.created_at,
        personId: message.person_id,
        assignmentId: message.assignment_id,
      },
    };
  });

  if (claim.outcome !== 'claimed') {
    if (claim.outcome === 'missing') log.warn('mail.send for a message that does not exist; nothing to do');
    else if (claim.outcome === 'interrupted') log.error(INTERRUPTED_SEND);
    // Captured (no SMTP_URL) or already done: nothing left this process; the Mail page shows it.
    else if (claim.outcome === 'skipped') log.info({ outcome: 'skipped' }, 'message no longer applies; not sent');
    else if (claim.outcome === 'held') log.info({ outcome: 'held' }, 'message held until its send time');
    else log.debug({ outcome: claim.outcome }, 'mail delivery');
    return claim.outcome;
  }

  // 2. Send. 3. Record the outcome (a refusal is certain: the message can be tried again).
  const { message } = claim;
  try {
    // With an HTML part nodemailer writes multipart/alternative; the plain text is always there.
    await transport!.sendMail({
      from: mail.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      messageId: messageIdFor(emailMessageId, mail.messageIdDomain),
    });
  } catch (error) {
    const failure = describeSendFailure(error);
    if (failure.permanent || attempt.finalAttempt) {
      await db.transaction().execute((trx) => recordFinalFailure(trx, message, failure, now()));
    } else {
      // Temporary (4xx, connection): BullMQ tries again; only the last failure flags the assignment.
      await db
        .updateTable('email_message')
        .set({ last_error: failure.answer, status: 'pending' })
        .where('id', '=', emailMessageId)
        .execute();
    }
    // The failure is recorded; throwing now lets BullMQ retry with back-off.
    log.warn(
      { err: failure.answer, permanent: failure.permanent, finalAttempt: attempt.finalAttempt },
      'mail delivery failed',
    );
    if (failure.permanent) throw new UnrecoverableError(failure.answer);
    throw error;
  }
  // Also over `unknown`: a run that was only stalled learns here that the server did accept it.
  await db
    .updateTable('email_message')
    .set({ status: 'sent', delivered_at: new Date(), last_error: null })
    .where('id', '=', emailMessageId)
    .execute();
  await forgetErasedAddress(db, { id: emailMessageId, template: message.template, person_id: message.personId });
  log.info({ outcome: 'sent' }, 'mail delivery');
  return 'sent';
}

/**
 * The one message an erasure writes to the erased person's old address (the server's
 * data-protection/erasure/): once it has gone, the mail log forgets that address too, as it did
 * for every earlier message to them.
 */
async function forgetErasedAddress(
  db: Kysely<DB>,
  message: { id: string; template: string; person_id: string | null },
): Promise<void> {
  if (message.template !== 'privacy.erasure_done' || !message.person_id) return;
  await db
    .updateTable('email_message')
    .set({ to_address: `erased-${message.person_id}@invalid` })
    .where('id', '=', message.id)
    .execute();
}
