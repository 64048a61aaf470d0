// Writes one reminder: its key in reminder_sent and its message in the outbox, in the caller's
// transaction, so a reminder is recorded exactly when its e-mail is. The unique key (assignment,
// kind, anchor, occurrence) makes a second writer (another sweep, a crash and retry) a no-op.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
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
  const row = await trx
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select([
      'assignment.status',
      'assignment.due_at',
      'assignment.invitation_expires_at',
      'assignment.invited_at',
      'call.invitation_days',
      'submission.code',
      'submission.title',
      'submission.abstract',
      'call.title as call_title',
      'venue.id as venue_id',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'person.id as person_id',
      'person.name',
      'person.email',
      'person.time_zone',
    ])
    .where('assignment.id', '=', reminder.assignmentId)
    .executeTakeFirstOrThrow();
  // A manual reminder says what the reviewer owes now: an answer, or the review.
  const kind: ReviewerReminderKind =
    reminder.kind !== 'manual'
      ? reminder.kind
      : row.status === 'invited'
        ? 'invitation_reminder'
        : row.due_at && row.due_at < ctx.now
          ? 'overdue'
          : 'due_soon';
  const messageId = await queueMessage(
    trx,
    reminderMail(
      { personId: row.person_id, name: row.name, email: row.email, timeZone: row.time_zone },
      {
        kind,
        assignmentId: reminder.assignmentId,
        venueId: row.venue_id,
        code: row.code ?? '',
        title: row.title,
        abstract: row.abstract,
        callTitle: row.call_title,
        venueName: row.venue_name,
        venueKind: row.venue_kind,
        dueAt: row.due_at,
        // No stored answer-by time: it expires when the sweep expires it, invitation_days after.
        respondBy: row.invitation_expires_at ?? new Date(row.invited_at.getTime() + row.invitation_days * 86_400_000),
        link: await newAssignmentLink(trx, reminder.assignmentId, ctx.publicUrl),
      },
    ),
  );
  await trx.updateTable('reminder_sent').set({ email_message_id: messageId }).where('id', '=', inserted.id).execute();
  return true;
}
