// "State is checked again at send time" (issue 11). A reminder is written by the sweep in the same
// transaction as its reminder_sent key, but delivery runs later: after downtime, a retry or a slow
// queue, the review may have been submitted, the invitation answered, reminders paused or the
// submission decided in between. So delivery asks the database once more, in the transaction that
// claims the message, and a reminder that no longer applies is marked `skipped` with the reason.
// Only messages whose template starts with `reminder.` are checked: an invitation, a thank-you or a
// cancellation notice about an assignment is meant to arrive whatever its state is now.
// The closed submission states are the sweep's own (contracts.ts); the pause test mirrors
// server/src/reminders/schedule.ts isPaused in SQL-fed form, as the workers do not import the server.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { closedSubmissionStates } from '../contracts.ts';

const endedAssignment: Record<string, string> = {
  submitted: 'the review was submitted',
  declined: 'the reviewer declined the invitation',
  cancelled: 'the assignment was cancelled',
  expired: 'the invitation expired',
};

/** Reminder kinds that count from the due date (reminder_sent.anchor_at is that due date). */
const countsFromDueDate = new Set(['due_soon', 'overdue', 'escalation']);

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function isReminderTemplate(template: string): boolean {
  return template.startsWith('reminder.');
}

/**
 * Why this reminder should not go out now, as a sentence for the mail log ("Not sent: …"), or
 * null when it still applies. Call inside the claiming transaction.
 */
export async function reasonNotToSendReminder(
  trx: Transaction<DB>,
  message: { id: string; template: string; assignmentId: string },
  now: Date,
): Promise<string | null> {
  const row = await trx
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    // By assignment first: reminder_sent is indexed by (assignment_id, …), not by email_message_id.
    .leftJoin('reminder_sent', (join) =>
      join
        .onRef('reminder_sent.assignment_id', '=', 'assignment.id')
        .on('reminder_sent.email_message_id', '=', message.id),
    )
    .select([
      'assignment.status',
      'assignment.round',
      'assignment.due_at',
      'assignment.invitation_expires_at',
      'assignment.reminders_paused_from',
      'assignment.reminders_paused_until',
      'submission.status as submission_status',
      'submission.round as submission_round',
      'reminder_sent.reason as kind',
      'reminder_sent.anchor_at',
    ])
    .where('assignment.id', '=', message.assignmentId)
    .executeTakeFirst();
  const notSent = (why: string) => `Not sent: ${why} before the reminder went out.`;
  // The assignment was deleted (email_message.assignment_id is then NULL, so this is a race only).
  if (!row) return notSent('the assignment was removed');
  const closed = closedSubmissionStates[row.submission_status];
  if (closed) return notSent(closed);
  if (row.round < row.submission_round) return notSent('the submission moved on to a new round of review');
  const ended = endedAssignment[row.status];
  if (ended) return notSent(ended);
  if (row.status !== 'invited' && row.status !== 'accepted') return notSent(`the assignment became ${row.status}`);
  if (message.template === 'reminder.invitation' && row.status !== 'invited') {
    return notSent('the reviewer accepted the invitation');
  }
  const pauseStarted = !row.reminders_paused_from || row.reminders_paused_from <= now;
  const pauseNotEnded = !row.reminders_paused_until || row.reminders_paused_until > now;
  // An editor's "send a reminder now" (reason 'manual') is sent during a pause: the editor chose to.
  const paused = (row.reminders_paused_from || row.reminders_paused_until) && pauseStarted && pauseNotEnded;
  if (paused && row.kind !== 'manual') {
    const until = row.reminders_paused_until ? ` until ${day.format(row.reminders_paused_until)}` : '';
    return `Not sent: the editors paused reminders for this assignment${until}.`;
  }
  // Written before a deadline, delivered after it (downtime, a slow queue): the reminder would ask
  // for something that can no longer be done on time. The sweep's next reminder says what is owed.
  if (message.template === 'reminder.invitation' && row.invitation_expires_at && row.invitation_expires_at <= now) {
    return notSent('the invitation expired');
  }
  if (message.template === 'reminder.due_soon' && row.due_at && row.due_at <= now) {
    return notSent('the due date passed');
  }
  // A due-date reminder names the due date it was written for; after an extension it would tell
  // the reviewer the wrong date (the sweep writes a new one for the new date when it is due).
  if (
    row.kind &&
    countsFromDueDate.has(row.kind) &&
    row.anchor_at &&
    row.due_at?.getTime() !== row.anchor_at.getTime()
  ) {
    return notSent('the due date was changed');
  }
  return null;
}
