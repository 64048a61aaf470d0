// The editor's reading of reviews: a handful of set-based queries per page (never one per
// reviewer), selecting named columns only. Identities are selected here because only editors
// reach these functions (the routes check first); blinding/project-review-panel.ts shapes them.

import type { Database } from '@gaps/db';
import { sql } from 'kysely';
import { notAuthoredBy } from '../policy/own-submissions.ts';

export async function loadPanelSubmission(db: Database, submissionId: string) {
  return db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select([
      'submission.id',
      'submission.code',
      'submission.title',
      'submission.status',
      'submission.round',
      'call.rubric_id',
      'venue.kind as venue_kind',
    ])
    .where('submission.id', '=', submissionId)
    .executeTakeFirst();
}
export type PanelSubmissionRow = NonNullable<Awaited<ReturnType<typeof loadPanelSubmission>>>;

/** Every assignment of every round, with the reviewer and their review (if any), oldest round first. */
export async function loadPanelAssignments(db: Database, submissionId: string) {
  return db
    .selectFrom('assignment')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .leftJoin('review', 'review.assignment_id', 'assignment.id')
    .select([
      'assignment.id',
      'assignment.round',
      'assignment.reviewer_number',
      'assignment.status',
      'assignment.invited_at',
      'assignment.responded_at',
      'assignment.due_at',
      'assignment.submitted_at',
      'assignment.cancelled_at',
      'assignment.expired_at',
      'assignment.conflict_override',
      'assignment.decline_reason',
      'assignment.suggested_reviewer',
      'assignment.cancel_reason',
      'person.id as reviewer_id',
      'person.name as reviewer_name',
      'person.email as reviewer_email',
      'review.id as review_id',
      'review.recommendation',
      'review.comments_to_author',
      'review.comments_to_editor',
      'review.reopened_at',
    ])
    .where('assignment.submission_id', '=', submissionId)
    .orderBy('assignment.round')
    .orderBy('assignment.reviewer_number')
    .execute();
}
export type PanelAssignmentRow = Awaited<ReturnType<typeof loadPanelAssignments>>[number];

/** Every score given on this submission, in any round. */
export async function loadPanelScores(db: Database, submissionId: string) {
  return db
    .selectFrom('review_score')
    .innerJoin('review', 'review.id', 'review_score.review_id')
    .innerJoin('assignment', 'assignment.id', 'review.assignment_id')
    .select(['review_score.review_id', 'review_score.criterion_id', 'review_score.score'])
    .where('assignment.submission_id', '=', submissionId)
    .execute();
}
export type PanelScoreRow = Awaited<ReturnType<typeof loadPanelScores>>[number];

/**
 * The call's rubric, and any criterion a review of this submission scored that is no longer in it
 * (a rubric edited mid-review): a score is never silently dropped from the table.
 */
export async function loadPanelCriteria(db: Database, submissionId: string, rubricId: string | null) {
  return db
    .selectFrom('rubric_criterion')
    .innerJoin('rubric', 'rubric.id', 'rubric_criterion.rubric_id')
    .select([
      'rubric_criterion.id',
      'rubric_criterion.rubric_id',
      'rubric.name as rubric_name',
      'rubric.asks_recommendation',
      'rubric_criterion.position',
      'rubric_criterion.label',
      'rubric_criterion.description',
      'rubric_criterion.min_score',
      'rubric_criterion.max_score',
      'rubric_criterion.weight',
    ])
    .where((eb) =>
      eb.or([
        ...(rubricId ? [eb('rubric_criterion.rubric_id', '=', rubricId)] : []),
        eb(
          'rubric_criterion.id',
          'in',
          eb
            .selectFrom('review_score')
            .innerJoin('review', 'review.id', 'review_score.review_id')
            .innerJoin('assignment', 'assignment.id', 'review.assignment_id')
            .select('review_score.criterion_id')
            .where('assignment.submission_id', '=', submissionId),
        ),
      ]),
    )
    .orderBy(sql`case when rubric_criterion.rubric_id = ${rubricId} then 0 else 1 end`)
    .orderBy('rubric_criterion.rubric_id')
    .orderBy('rubric_criterion.position')
    .execute();
}
export type PanelCriterionRow = Awaited<ReturnType<typeof loadPanelCriteria>>[number];

/** The people lined up to be invited next, per round, in queue order. */
export async function loadPanelAlternates(db: Database, submissionId: string) {
  return db
    .selectFrom('review_alternate')
    .innerJoin('person', 'person.id', 'review_alternate.person_id')
    .select([
      'review_alternate.round',
      'review_alternate.position',
      'review_alternate.conflict_override',
      'review_alternate.added_at',
      'person.id as person_id',
      'person.name',
      'person.email',
    ])
    .where('review_alternate.submission_id', '=', submissionId)
    .where('review_alternate.used_at', 'is', null)
    .orderBy('review_alternate.round')
    .orderBy('review_alternate.position')
    .execute();
}
export type PanelAlternateRow = Awaited<ReturnType<typeof loadPanelAlternates>>[number];

export async function loadCallFacts(db: Database, callId: string) {
  return db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select(['call.id', 'call.title', 'call.venue_id', 'call.time_zone', 'venue.kind as venue_kind'])
    .where('call.id', '=', callId)
    .executeTakeFirst();
}
export type ProgressCallRow = NonNullable<Awaited<ReturnType<typeof loadCallFacts>>>;

/**
 * The call's submissions in review, in code order, leaving out those the editor is an author of
 * (as the queue does): their reviewers are not the editor's to see.
 */
export async function loadSubmissionsInReview(db: Database, callId: string, editorId: string) {
  return db
    .selectFrom('submission')
    .select(['id', 'code', 'title', 'round'])
    .where('call_id', '=', callId)
    .where('status', '=', 'in_review')
    .where(notAuthoredBy(db, editorId))
    .orderBy('code')
    .execute();
}
export type ProgressSubmissionRow = Awaited<ReturnType<typeof loadSubmissionsInReview>>[number];

/** The current round's assignments of the call's submissions in review (not the editor's own), with each reviewer's name. */
export async function loadProgressAssignments(db: Database, callId: string, editorId: string) {
  return db
    .selectFrom('assignment')
    .innerJoin('submission', (join) =>
      join.onRef('submission.id', '=', 'assignment.submission_id').onRef('submission.round', '=', 'assignment.round'),
    )
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select([
      'assignment.id',
      'assignment.submission_id',
      'assignment.reviewer_number',
      'assignment.status',
      'assignment.due_at',
      'person.id as reviewer_id',
      'person.name as reviewer_name',
      'person.email as reviewer_email',
    ])
    .where('submission.call_id', '=', callId)
    .where('submission.status', '=', 'in_review')
    .where(notAuthoredBy(db, editorId))
    .orderBy('assignment.submission_id')
    .orderBy('assignment.reviewer_number')
    .execute();
}
export type ProgressAssignmentRow = Awaited<ReturnType<typeof loadProgressAssignments>>[number];
