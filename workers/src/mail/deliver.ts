// Delivers one `email_message` row. BullMQ delivers jobs at least once, so this must be safe to run
// twice: the row is locked while it is sent (a second run waits, then finds it `sent`), and the
// Message-ID is derived from the row id, so even a resend after a lost commit is the same message
// to the receiving server.
import type { Database } from '@gaps/db';
import { UnrecoverableError } from 'bullmq';
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

export type DeliveryOutcome = 'sent' | 'captured' | 'already-delivered' | 'missing';

export interface DeliveryAttempt {
  /** No retry follows this one: a failure marks the message `failed`. */
  finalAttempt: boolean;
}

export function createMailTransport(smtpUrl: string | undefined): Transporter | null {
  if (!smtpUrl) return null;
  // Short timeouts: the row stays locked while a send is in progress.
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

type Result = { outcome: DeliveryOutcome } | { outcome: 'error'; error: unknown; permanent: boolean };

export async function deliverMail(
  mail: MailDelivery,
  emailMessageId: string,
  attempt: DeliveryAttempt = { finalAttempt: false },
): Promise<DeliveryOutcome> {
  const { db, transport, logger } = mail;
  const log = logger.child({ emailMessageId });
  const result = await db.transaction().execute(async (trx): Promise<Result> => {
    const message = await trx
      .selectFrom('email_message')
      .select(['id', 'to_address', 'subject', 'text_body', 'status', 'template'])
      .where('id', '=', emailMessageId)
      .forUpdate()
      .executeTakeFirst();
    if (!message) return { outcome: 'missing' };
    if (message.status === 'sent' || message.status === 'captured') return { outcome: 'already-delivered' };

    if (!transport) {
      await trx
        .updateTable('email_message')
        .set({ status: 'captured', last_error: null })
        .where('id', '=', message.id)
        .execute();
      return { outcome: 'captured' };
    }

    try {
      await transport.sendMail({
        from: mail.from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        messageId: messageIdFor(message.id, mail.messageIdDomain),
      });
    } catch (error) {
      const permanent = isPermanent(error);
      const failed = permanent || attempt.finalAttempt;
      await trx
        .updateTable('email_message')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: String((error as Error).message ?? error).slice(0, 2_000),
          status: failed ? 'failed' : 'pending',
        }))
        .where('id', '=', message.id)
        .execute();
      return { outcome: 'error', error, permanent };
    }
    await trx
      .updateTable('email_message')
      .set((eb) => ({ status: 'sent', delivered_at: new Date(), attempts: eb('attempts', '+', 1), last_error: null }))
      .where('id', '=', message.id)
      .execute();
    return { outcome: 'sent' };
  });

  if (result.outcome === 'error') {
    // The failure is committed above; throwing now lets BullMQ retry with back-off.
    const reason = String((result.error as Error).message ?? result.error);
    log.warn({ err: reason, permanent: result.permanent, finalAttempt: attempt.finalAttempt }, 'mail delivery failed');
    if (result.permanent) throw new UnrecoverableError(reason);
    throw result.error;
  }
  if (result.outcome === 'missing') log.warn('mail.send for a message that does not exist; nothing to do');
  else log.info({ outcome: result.outcome }, 'mail delivery');
  return result.outcome;
}
