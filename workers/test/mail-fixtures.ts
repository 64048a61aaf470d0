// An assignment and a reminder about it, put straight into the tables, for the mail worker's tests
// (the sweep that writes real reminders is tested in server/src/reminders).
import { randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import type { OutgoingMail } from '../src/outbox/enqueue.ts';

export const DAY = 86_400_000;

/** A reviewer with an assignment (accepted, due in a week unless told) on a submission in review. */
export async function makeAssignment(
  db: Database,
  options: { status?: string; submissionStatus?: string; round?: number } = {},
) {
  const tag = randomUUID().slice(0, 8);
  const prefix = Array.from(tag, (hex) => String.fromCharCode(65 + (Number.parseInt(hex, 16) % 26))).join('');
  const venue = await db
    .insertInto('venue')
    .values({ slug: `v-${tag}`, name: `Venue ${tag}`, kind: 'journal', code_prefix: prefix })
    .returning('id')
    .executeTakeFirstOrThrow();
  const call = await db
    .insertInto('call')
    .values({ venue_id: venue.id, slug: `c-${tag}`, title: 'A call' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [author, reviewer] = await db
    .insertInto('person')
    .values([
      { email: `author-${tag}@example.org`, name: 'An Author' },
      { email: `reviewer-${tag}@example.org`, name: 'A Reviewer' },
    ])
    .returning(['id', 'email'])
    .execute();
  const submission = await db
    .insertInto('submission')
    .values({
      venue_id: venue.id,
      call_id: call.id,
      submitter_id: author!.id,
      status: options.submissionStatus ?? 'in_review',
      title: 'A paper',
      code: `${prefix}-2027-0001`,
      code_year: 2027,
      code_number: 1,
      round: 1,
      submitted_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const dueAt = new Date(Date.now() + 7 * DAY);
  const assignment = await db
    .insertInto('assignment')
    .values({
      submission_id: submission.id,
      reviewer_id: reviewer!.id,
      reviewer_number: 1,
      round: options.round ?? 1,
      status: options.status ?? 'accepted',
      responded_at: new Date(),
      submitted_at: options.status === 'submitted' ? new Date() : null,
      due_at: dueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { assignmentId: assignment.id, submissionId: submission.id, reviewer: reviewer!, dueAt };
}

export function reminder(
  a: { assignmentId: string; reviewer: { id: string; email: string } },
  template = 'reminder.due_soon',
): OutgoingMail {
  return {
    to: a.reviewer.email,
    personId: a.reviewer.id,
    assignmentId: a.assignmentId,
    template,
    subject: 'Reminder: your review of DLVR-2027-0001 is due soon',
    text: 'Dear reviewer,\n\nyour review is due soon.\n',
    html: '<p>Dear reviewer,</p><p>your review is <strong>due soon</strong>.</p>',
  };
}
