// "My submissions": everything a person submitted or is an author of.
import type { Database } from '@gaps/db';
import type { SubmissionState } from './submission-state.ts';

export async function listMySubmissions(db: Database, personId: string) {
  const rows = await db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select([
      'submission.id',
      'submission.code',
      'submission.title',
      'submission.status',
      'submission.submitted_at',
      'submission.updated_at',
      'call.title as call_title',
      'call.deadline_at',
      'call.time_zone',
      'venue.name as venue_name',
    ])
    .$narrowType<{ status: SubmissionState }>()
    .where((eb) =>
      eb.or([
        eb('submission.submitter_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('submission_author')
            .whereRef('submission_author.submission_id', '=', 'submission.id')
            .where('submission_author.person_id', '=', personId),
        ),
      ]),
    )
    .orderBy('submission.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status,
    callTitle: r.call_title,
    venueName: r.venue_name,
    deadlineAt: r.deadline_at?.toISOString() ?? null,
    timeZone: r.time_zone,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
  }));
}
