// Writes one reminder: its key in reminder_sent and its message in the outbox, in the caller's
// transaction, so a reminder is recorded exactly when its e-mail is. The unique key (assignment,
// kind, anchor, occurrence) makes a second writer (another sweep, a crash and retry) a no-op.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { reviewerAndWork } from '../assignments/assignment-editor.ts';
import { queueMessage } from '../mail-templates/compose.ts';
import { type ReviewerReminderKind, reminderMail } from '../mail-templates/reminder-mail.ts';
import { newAssignmentLink } from './assignment-link.ts';

export interface ReminderToWrite {
  assignmentId: string;
  /** 'manual': the editor's "send a reminder now" (occurrence counts them). */
  kind: ReviewerReminderKind | 'manual';
  occurrence: number;
  anchor: Date;
  sentBy: string | null;
}

/** Answers false when this reminder was already written (nothing is sent again). */
export async function writeReviewerReminder(
  trx: Transaction<DB>,
  reminder: ReminderToWrite,
  ctx: { now: Date; publicUrl: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('reminder_sent')
    .values({
      assignment_id: reminder.assignmentId,
      reason: reminder.kind,
      sequence: reminder.occurrence,
      anchor_at: reminder.anchor,
      sent_by: reminder.sentBy,
      sent_at: ctx.now,
    })
    .onConflict((oc) => oc.constraint('reminder_sent_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  // What the reviewer may read comes from the one function that decides it (no author field).
  const { reviewer, work, dueAt, standing } = await reviewerAndWork(trx, reminder.assignmentId);
  // A manual reminder says what the reviewer owes now: an answer, or the review.
  const kind: ReviewerReminderKind =
    reminder.kind !== 'manual'
      ? reminder.kind
      : standing.status === 'invited'
        ? 'invitation_reminder'
        : dueAt && dueAt < ctx.now
          ? 'overdue'
          : 'due_soon';
  const messageId = await queueMessage(
    trx,
    reminderMail(reviewer, {
      ...work,
      kind,
      assignmentId: reminder.assignmentId,
      dueAt,
      // No stored answer-by time: it expires when the sweep expires it, invitation_days after.
      respondBy:
        standing.invitationExpiresAt ?? new Date(standing.invitedAt.getTime() + standing.invitationDays * 86_400_000),
      link: await newAssignmentLink(trx, reminder.assignmentId, ctx.publicUrl),
    }),
  );
  await trx.updateTable('reminder_sent').set({ email_message_id: messageId }).where('id', '=', inserted.id).execute();
  return true;
}
