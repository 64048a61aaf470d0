// What a failed SMTP attempt means, and what a final failure leaves behind. The mail log keeps the
// server's own answer ("550 5.1.1 No such mailbox"), which is what the office needs to fix an
// address; a message about an assignment that can no longer be delivered also flags the assignment
// for the editor (assignment.attention), who otherwise would wait for a reviewer who never heard.
// Only failures during our SMTP conversation are seen: a bounce e-mail (DSN) that arrives later
// from a server that first said "250 OK" is not read (README, Mail).
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';

export interface SendFailure {
  /** Retrying will not help: a 5xx reply, or no address the server could take. */
  permanent: boolean;
  /** For the mail log: the server's reply with its code, or what went wrong on our side. */
  answer: string;
  /** The server's reply alone ("550 No such mailbox"), or the error when there was none. */
  reply: string;
  /** The recipient's side said no (a reply, or no usable address), rather than our link to the server failing. */
  refused: boolean;
}

interface NodemailerError {
  message?: unknown;
  code?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
}

export function describeSendFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as NodemailerError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reply = typeof e.response === 'string' ? e.response.replace(/\s+/g, ' ').trim() : '';
  const message = String(e.message ?? error);
  // nodemailer's EENVELOPE without a reply: no recipient it could use (an address it cannot parse).
  const noRecipient = e.code === 'EENVELOPE' && e.command === 'API';
  const permanent = (code !== null && code >= 500 && code < 600) || noRecipient;
  let answer: string;
  if (reply && e.command === 'RCPT TO') answer = `The mail server refused the address: ${reply}`;
  else if (reply && e.command === 'MAIL FROM') answer = `The mail server refused our sender address: ${reply}`;
  else if (reply && e.command === 'DATA') answer = `The mail server refused the message: ${reply}`;
  else if (reply) answer = `The mail server answered: ${reply}`;
  else if (noRecipient) answer = `No address the mail server could take: ${message}`;
  else answer = `Could not hand the message to the mail server: ${message}`;
  return {
    permanent,
    answer: answer.slice(0, 2_000),
    reply: (reply || message).slice(0, 1_000),
    refused: Boolean(reply) || noRecipient,
  };
}

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The e-mail in the words an editor uses, for the attention sentence. */
function whatWasSent(template: string): string {
  if (template === 'reminder.escalation') return 'The notice of overdue reviews';
  if (template.startsWith('reminder.')) return 'The reminder';
  if (template.startsWith('extension.')) return 'The e-mail about the extension';
  if (template.includes('invitation')) return 'The invitation';
  return 'The e-mail';
}

/**
 * Marks the message failed and, when it is about an assignment, flags the assignment for the
 * editor with a plain sentence. One transaction, so the log and the flag agree.
 */
export async function recordFinalFailure(
  trx: Transaction<DB>,
  message: { id: string; template: string; createdAt: Date; personId: string | null; assignmentId: string | null },
  failure: SendFailure,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('email_message')
    .set({ status: 'failed', last_error: failure.answer })
    .where('id', '=', message.id)
    .execute();
  if (!message.assignmentId) return;
  const assignment = await trx
    .selectFrom('assignment')
    .select('reviewer_id')
    .where('id', '=', message.assignmentId)
    .executeTakeFirst();
  if (!assignment) return;
  // Editors see reviewers by name, but the sentence need not carry an address: "the reviewer's".
  const to = message.personId === assignment.reviewer_id ? "the reviewer's address" : 'its recipient';
  const what = `${whatWasSent(message.template)} sent on ${day.format(message.createdAt)}`;
  // A refusal points at the address; a mail server we could not reach for days does not.
  const attention = (
    failure.refused
      ? `${what} could not be delivered to ${to}: ${failure.reply}`
      : `${what} could not be sent: our mail server could not be reached (${failure.reply}). The office can see it on the mail log.`
  ).slice(0, 2_000);
  await trx
    .updateTable('assignment')
    .set({ attention, attention_at: now })
    .where('id', '=', message.assignmentId)
    .execute();
}
