// Reads of submissions, in named column sets. The application form and the author rows are
// loaded by their own functions, so no query that serves a reviewer can bring them along.
import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import type { SubmissionFacts } from '../policy/permissions.ts';

/** Who may see it: enough for the policy, nothing more. Null when it does not exist. */
export async function loadSubmissionFacts(
  db: Database,
  submissionId: string,
): Promise<(SubmissionFacts & { status: string }) | null> {
  const row = await db
    .selectFrom('submission')
    .select(['submission.venue_id', 'submission.status', 'submission.submitter_id'])
    .select((eb) =>
      eb
        .selectFrom('submission_author')
        .whereRef('submission_author.submission_id', '=', 'submission.id')
        .where('submission_author.person_id', 'is not', null)
        .select(sql<string[]>`coalesce(array_agg(person_id), '{}')`.as('ids'))
        .as('author_ids'),
    )
    .where('submission.id', '=', submissionId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    venueId: row.venue_id,
    status: row.status,
    submitterId: row.submitter_id,
    authorPersonIds: [...new Set([row.submitter_id, ...(row.author_ids ?? [])])],
  };
}

export async function loadSubmission(db: Database, submissionId: string) {
  return db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .leftJoin('call_category', 'call_category.id', 'submission.category_id')
    .select([
      'submission.id',
      'submission.call_id',
      'submission.venue_id',
      'submission.submitter_id',
      'submission.status',
      'submission.code',
      'submission.title',
      'submission.abstract',
      'submission.keywords',
      'submission.declarations',
      'submission.draft_step',
      'submission.round',
      'submission.category_id',
      'submission.deadline_extended_to',
      'submission.submitted_at',
      'submission.created_at',
      'submission.updated_at',
      'call_category.name as category_name',
      'call.title as call_title',
      'call.deadline_at',
      'call.time_zone',
      'call.decision_due_at',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
      'venue.contact_email as venue_contact_email',
    ])
    .where('submission.id', '=', submissionId)
    .executeTakeFirst();
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof loadSubmission>>>;

export async function loadAuthors(db: Database, submissionId: string) {
  return db
    .selectFrom('submission_author')
    .select(['name', 'email', 'affiliation', 'orcid', 'position', 'is_corresponding', 'person_id'])
    .where('submission_id', '=', submissionId)
    .orderBy('position')
    .execute();
}
export type AuthorRow = Awaited<ReturnType<typeof loadAuthors>>[number];

export async function loadApplicationForm(db: Database, submissionId: string): Promise<Record<string, string>> {
  const row = await db
    .selectFrom('application_form')
    .select('answers')
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  return (row?.answers as Record<string, string> | undefined) ?? {};
}

export async function loadManuscriptVersions(db: Database, submissionId: string) {
  return db
    .selectFrom('manuscript_version')
    .innerJoin('stored_file', 'stored_file.sha256', 'manuscript_version.file_sha256')
    .select([
      'manuscript_version.id',
      'manuscript_version.version_number',
      'manuscript_version.round',
      'manuscript_version.uploaded_name',
      'manuscript_version.uploaded_at',
      'manuscript_version.file_sha256',
      'manuscript_version.word_count',
      'manuscript_version.page_count',
      'stored_file.size_bytes',
      'stored_file.media_type',
    ])
    .where('manuscript_version.submission_id', '=', submissionId)
    .orderBy('manuscript_version.version_number', 'desc')
    .execute();
}
export type ManuscriptVersionRow = Awaited<ReturnType<typeof loadManuscriptVersions>>[number];

/** What happened to it, oldest first (for the author's and editor's timeline). */
export async function loadTimeline(db: Database, submissionId: string) {
  return db
    .selectFrom('audit_event')
    .select(['occurred_at', 'action', 'details'])
    .where('object_type', '=', 'submission')
    .where('object_id', '=', submissionId)
    .where('action', 'in', [
      'submission.started',
      'submission.status_changed',
      'submission.manuscript_uploaded',
      'submission.deadline_extended',
      'review_copy.released',
    ])
    .orderBy('id')
    .execute();
}
export type TimelineRow = Awaited<ReturnType<typeof loadTimeline>>[number];
