// What the award ranking reads: the call, its entries in judging, every submitted review's scores
// (one mark each), the judges still owing a mark, the locked snapshot and the results. Identities
// of entrants are read only by loadEntrants, which the service calls after the un-blinding.
import type { Database, DB } from '@gaps/db';
import { type Kysely, sql, type Transaction } from 'kysely';

type Executor = Kysely<DB> | Transaction<DB>;

export async function loadAwardCall(db: Executor, callId: string) {
  return db
    .selectFrom('call')
    .innerJoin('venue', 'venue.id', 'call.venue_id')
    .select([
      'call.id',
      'call.title',
      'call.time_zone',
      'call.venue_id',
      'call.application_form_fields',
      'venue.name as venue_name',
      'venue.kind as venue_kind',
    ])
    .where('call.id', '=', callId)
    .executeTakeFirst();
}
export type AwardCallRow = NonNullable<Awaited<ReturnType<typeof loadAwardCall>>>;

/** The call's entries with the judges: code, title and category only (what judges see too). */
export async function loadEntriesInJudging(db: Executor, callId: string) {
  return db
    .selectFrom('submission')
    .leftJoin('call_category', 'call_category.id', 'submission.category_id')
    .select([
      'submission.id',
      'submission.code',
      'submission.title',
      'submission.round',
      'submission.category_id',
      'call_category.name as category_name',
      'call_category.position as category_position',
    ])
    .where('submission.call_id', '=', callId)
    .where('submission.status', '=', 'in_review')
    .orderBy('call_category.position')
    .orderBy('submission.code')
    .execute();
}
export type EntryRow = Awaited<ReturnType<typeof loadEntriesInJudging>>[number];

/** Every submitted review of the current round of the call's entries in judging, with its judge. */
export async function loadSubmittedReviews(db: Executor, callId: string) {
  return db
    .selectFrom('review')
    .innerJoin('assignment', 'assignment.id', 'review.assignment_id')
    .innerJoin('submission', (join) =>
      join.onRef('submission.id', '=', 'assignment.submission_id').onRef('submission.round', '=', 'assignment.round'),
    )
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select([
      'review.id as review_id',
      'assignment.submission_id',
      'person.id as judge_id',
      'person.name as judge_name',
      'person.email as judge_email',
    ])
    .where('submission.call_id', '=', callId)
    .where('submission.status', '=', 'in_review')
    .where('assignment.status', '=', 'submitted')
    .where('review.submitted_at', 'is not', null)
    .execute();
}
export type SubmittedReviewRow = Awaited<ReturnType<typeof loadSubmittedReviews>>[number];

/** The scores of those reviews, with each criterion's weight. */
export async function loadReviewScores(db: Executor, reviewIds: string[]) {
  if (reviewIds.length === 0) return [];
  return db
    .selectFrom('review_score')
    .innerJoin('rubric_criterion', 'rubric_criterion.id', 'review_score.criterion_id')
    .select(['review_score.review_id', 'review_score.criterion_id', 'review_score.score', 'rubric_criterion.weight'])
    .where('review_score.review_id', 'in', reviewIds)
    .execute();
}

/** Judges invited or accepted on an entry in judging who have not submitted: the marks still missing. */
export async function loadOwedMarks(db: Executor, callId: string) {
  return db
    .selectFrom('assignment')
    .innerJoin('submission', (join) =>
      join.onRef('submission.id', '=', 'assignment.submission_id').onRef('submission.round', '=', 'assignment.round'),
    )
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select([
      'assignment.submission_id',
      'assignment.status',
      'submission.code',
      'submission.title',
      'person.id as judge_id',
      'person.name as judge_name',
      'person.email as judge_email',
    ])
    .where('submission.call_id', '=', callId)
    .where('submission.status', '=', 'in_review')
    .where('assignment.status', 'in', ['invited', 'accepted'])
    .orderBy('submission.code')
    .orderBy('assignment.reviewer_number')
    .execute();
}
export type OwedMarkRow = Awaited<ReturnType<typeof loadOwedMarks>>[number];

export async function loadRankingRow(db: Executor, callId: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('award_ranking')
    .select([
      'call_id',
      'ranking',
      'locked_at',
      'locked_by',
      'unblinded_at',
      'unblinded_by',
      'announced_at',
      'announced_by',
      (eb) => eb.selectFrom('person').select('name').whereRef('person.id', '=', 'locked_by').as('locked_by_name'),
      (eb) => eb.selectFrom('person').select('name').whereRef('person.id', '=', 'unblinded_by').as('unblinded_by_name'),
      (eb) => eb.selectFrom('person').select('name').whereRef('person.id', '=', 'announced_by').as('announced_by_name'),
    ])
    .where('call_id', '=', callId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}
export type RankingRow = NonNullable<Awaited<ReturnType<typeof loadRankingRow>>>;

export async function loadResults(db: Executor, callId: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('award_result')
    .innerJoin('submission', 'submission.id', 'award_result.submission_id')
    .select([
      'award_result.id',
      'award_result.submission_id',
      'award_result.category_id',
      'award_result.rank',
      'award_result.normalised_score',
      'award_result.raw_score',
      'award_result.outcome',
      'award_result.eligibility',
      'award_result.eligibility_note',
      'award_result.announced_at',
      // An entrant may withdraw after the lock: such an entry takes no result and gets no message.
      'submission.status as submission_status',
    ])
    .where('award_result.call_id', '=', callId)
    .orderBy('award_result.category_id')
    .orderBy('award_result.rank');
  if (options.forUpdate) query = query.forUpdate(['award_result']);
  return query.execute();
}
export type ResultRow = Awaited<ReturnType<typeof loadResults>>[number];

/** The winners handed on after an ineligible winner (audited as award.winner_moved_up), oldest first. */
export async function loadWinnerMoves(db: Executor, callId: string) {
  const rows = await db
    .selectFrom('audit_event')
    .select(['object_id', 'details'])
    // Read on every view of the ranking: found through the moved-up entries of this call (the
    // object index), not by scanning the whole log for the action.
    .where('object_type', '=', 'submission')
    .where(
      'object_id',
      'in',
      db.selectFrom('award_result').select(sql<string>`submission_id::text`.as('id')).where('call_id', '=', callId),
    )
    .where('action', '=', 'award.winner_moved_up')
    .where(sql<boolean>`details->>'callId' = ${callId}`)
    .orderBy('occurred_at')
    .execute();
  return rows.map((row) => ({
    submissionId: row.object_id as string,
    replacedSubmissionId: (row.details as { replacedSubmissionId: string }).replacedSubmissionId,
  }));
}
export type WinnerMove = Awaited<ReturnType<typeof loadWinnerMoves>>[number];

/**
 * Who wrote each entry and their application form: only after the un-blinding (the service
 * checks), and only for the entries of this call.
 */
export async function loadEntrants(db: Database, callId: string) {
  return db
    .selectFrom('submission')
    .innerJoin('person', 'person.id', 'submission.submitter_id')
    .leftJoin('application_form', 'application_form.submission_id', 'submission.id')
    .select(['submission.id as submission_id', 'person.name', 'person.email', 'application_form.answers'])
    .where('submission.call_id', '=', callId)
    .execute();
}
export type EntrantRow = Awaited<ReturnType<typeof loadEntrants>>[number];
