// A "due soon" reminder written as the sweep writes it (key and outbox message in one transaction),
// for the template tests: they read the message the venue's words produced.
import type { Database } from '@gaps/db';
import { writeReviewerReminder } from '../src/reminders/send-reminder.ts';

export const REMINDER_DUE_AT = new Date('2027-03-01T12:00:00Z');

/** Writes occurrence `occurrence` of the assignment's "due soon" reminder; answers its message. */
export async function writeDueSoonReminder(db: Database, assignmentId: string, occurrence: number) {
  await db
    .transaction()
    .execute((trx) =>
      writeReviewerReminder(
        trx,
        { assignmentId, kind: 'due_soon', occurrence, anchor: REMINDER_DUE_AT, sentBy: null },
        { now: new Date(), publicUrl: 'https://submissions.example.org' },
      ),
    );
  return db
    .selectFrom('email_message')
    .select(['template', 'subject', 'text_body', 'html_body'])
    .where('assignment_id', '=', assignmentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}
