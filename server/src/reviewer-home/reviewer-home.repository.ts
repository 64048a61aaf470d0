// The reviewer's home in two queries, both from assignment_reviewer_idx (reviewer_id, status):
// what is open (few), and the most recent of what is finished (capped, so a judge of many years
// does not load them all).
import type { Database } from '@gaps/db';
import { openAssignmentStates } from '../assignments/assignment-state.ts';
import type { ReviewerHomeRow } from '../blinding/project-reviewer-home.ts';

/** Finished assignments listed on the home; older ones are not shown (the answer says there are more). */
export const DONE_LIMIT = 50;

function assignmentsOf(db: Database, reviewerId: string) {
  return (
    db
      .selectFrom('assignment')
      .innerJoin('submission', 'submission.id', 'assignment.submission_id')
      .innerJoin('call', 'call.id', 'submission.call_id')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .leftJoin('review', (join) =>
        join.onRef('review.assignment_id', '=', 'assignment.id').on('review.submitted_at', 'is', null),
      )
      // Named columns only: the submission's code and title are all of it a reviewer sees here.
      .select([
        'assignment.id',
        'assignment.reviewer_number',
        'assignment.round',
        'assignment.status',
        'assignment.invited_at',
        'assignment.invitation_expires_at',
        'assignment.responded_at',
        'assignment.due_at',
        'assignment.submitted_at',
        'assignment.expired_at',
        'assignment.cancelled_at',
        'submission.code as submission_code',
        'submission.title as submission_title',
        'call.title as call_title',
        'venue.name as venue_name',
        'venue.kind as venue_kind',
        'review.updated_at as draft_saved_at',
      ])
      .where('assignment.reviewer_id', '=', reviewerId)
  );
}

export async function loadReviewerHome(
  db: Database,
  reviewerId: string,
): Promise<{ waiting: ReviewerHomeRow[]; done: ReviewerHomeRow[]; moreDone: boolean }> {
  const [waiting, done] = await Promise.all([
    assignmentsOf(db, reviewerId)
      .where('assignment.status', 'in', openAssignmentStates)
      // What needs doing soonest first: a review's due date, an invitation's expiry.
      .orderBy(
        (eb) => eb.fn.coalesce('assignment.due_at', 'assignment.invitation_expires_at'),
        (ob) => ob.asc().nullsLast(),
      )
      .orderBy('assignment.invited_at', 'asc')
      .execute(),
    assignmentsOf(db, reviewerId)
      .where('assignment.status', 'not in', openAssignmentStates)
      .orderBy(
        (eb) =>
          eb.fn.coalesce(
            'assignment.submitted_at',
            'assignment.cancelled_at',
            'assignment.expired_at',
            'assignment.responded_at',
            'assignment.invited_at',
          ),
        'desc',
      )
      .limit(DONE_LIMIT + 1)
      .execute(),
  ]);
  return { waiting, done: done.slice(0, DONE_LIMIT), moreDone: done.length > DONE_LIMIT };
}

/**
 * Whether the person has ever been invited to review or judge, and whether only for awards: the
 * site's navigation then shows "Reviews" (or "Judging"). Asked on every page load, so two EXISTS
 * that stop at the first row.
 */
export async function assignmentsSummary(
  db: Database,
  personId: string,
): Promise<{ any: boolean; onlyAwards: boolean }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .exists(eb.selectFrom('assignment').select('assignment.id').where('assignment.reviewer_id', '=', personId))
        .as('any'),
      eb
        .exists(
          eb
            .selectFrom('assignment')
            .innerJoin('submission', 'submission.id', 'assignment.submission_id')
            .innerJoin('venue', 'venue.id', 'submission.venue_id')
            .select('assignment.id')
            .where('assignment.reviewer_id', '=', personId)
            .where('venue.kind', '<>', 'award'),
        )
        .as('other'),
    ])
    .executeTakeFirstOrThrow();
  return { any: Boolean(row.any), onlyAwards: Boolean(row.any) && !row.other };
}
