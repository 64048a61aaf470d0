// "My submissions": everything a person submitted or is an author of, newest change first, a
// page at a time.
import type { Database } from '@gaps/db';
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { type MySubmissionsPage, toMySubmissionRowView } from '../blinding/project-submission-list.ts';
import { authoredBy } from '../policy/own-submissions.ts';
import { can, type Viewer } from '../policy/permissions.ts';
import { cursorTimestampFormat, decodeCursor, encodeCursor, invalidCursor } from './page-cursor.ts';
import type { SubmissionState } from './submission-state.ts';

export const mySubmissionsQuery = z.object({
  after: z.string().max(1500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type MySubmissionsQuery = z.infer<typeof mySubmissionsQuery>;

export async function listMySubmissions(
  db: Database,
  viewer: Viewer,
  query: MySubmissionsQuery = { limit: 20 },
  now: Date = new Date(),
): Promise<MySubmissionsPage> {
  const cursor = decodeCursor(query.after, 'updated', 'timestamp');
  if (cursor && cursor.value === null) throw invalidCursor(); // every submission has a last change
  let page = db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select([
      'submission.id',
      'submission.venue_id',
      'submission.submitter_id',
      'submission.code',
      'submission.title',
      // A decision whose letter is still held is not shown: the author reads it in the letter first
      // (held by the app's clock, as on the submission's page and the letter's route).
      sql<string>`coalesce((
        SELECT decision.from_state FROM decision
        JOIN email_message ON email_message.id = decision.email_message_id
        WHERE decision.submission_id = submission.id AND decision.rescinded_at IS NULL
          AND email_message.status = 'pending' AND email_message.send_after > ${now}
        LIMIT 1), submission.status)`.as('status'),
      'submission.submitted_at',
      'submission.updated_at',
      'call.title as call_title',
      // The author's own deadline: an extension an editor gave them counts.
      sql<Date | null>`coalesce(submission.deadline_extended_to, call.deadline_at)`.as('deadline_at'),
      'call.time_zone',
      'venue.name as venue_name',
      'venue.contact_email as venue_contact_email',
      'venue.kind as venue_kind',
      sql<string>`to_char(submission.updated_at AT TIME ZONE 'UTC', ${sql.lit(cursorTimestampFormat)})`.as(
        'sort_value',
      ),
    ])
    .$narrowType<{ status: SubmissionState }>()
    // Submitter or linked co-author: two indexed lookups, one row per submission however many
    // author rows link the person.
    .where(authoredBy(db, viewer.personId))
    .orderBy('submission.updated_at', 'desc')
    .orderBy('submission.id', 'desc')
    .limit(query.limit + 1);
  if (cursor) {
    page = page.where(
      sql<SqlBool>`(submission.updated_at, submission.id) < (${cursor.value}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  const rows = await page.execute();
  const shown = rows.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    // The row carries only the submitter, enough for the policy's act_as_author rule.
    submissions: shown.map((row) =>
      toMySubmissionRowView(
        row,
        can(viewer, {
          kind: 'submission.act_as_author',
          submission: { venueId: row.venue_id, submitterId: row.submitter_id, authorPersonIds: [viewer.personId] },
        }),
      ),
    ),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ sort: 'updated', value: last.sort_value, id: last.id }) : null,
  };
}
