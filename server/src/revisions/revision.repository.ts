// Revision rounds in the database: the response to reviewers per round, and the earlier round's
// assignments and reviews the new round builds on.
import type { Database } from '@gaps/db';
import type { PreviousAssignment } from './revision-rules.ts';

export interface RevisionRow {
  round: number;
  text: string;
  requested_at: Date;
  sent_at: Date | null;
}

const revisionColumns = ['round', 'text', 'requested_at', 'sent_at'] as const;

/** Opens the revision of the submission's next round (journals only; the caller checks the move). */
export async function openRevision(db: Database, submissionId: string): Promise<void> {
  await db
    .insertInto('revision_response')
    .columns(['submission_id', 'round'])
    .expression((eb) =>
      eb
        .selectFrom('submission')
        .select(['id', eb(eb.ref('round'), '+', 1).as('round')])
        .where('id', '=', submissionId),
    )
    .onConflict((oc) => oc.columns(['submission_id', 'round']).doNothing())
    .execute();
}

/**
 * The revision the author may write now, while the submission is in revision: the next round's
 * (`opensRound`: sending it starts that round), or, when the editor returned the revised
 * submission before its new round's review (to anonymise it), the current round's again.
 * Undefined for a return before the first review and for award entries: no round was opened.
 */
export async function loadOpenRevision(
  db: Database,
  submissionId: string,
): Promise<(RevisionRow & { opensRound: boolean }) | undefined> {
  const row = await db
    .selectFrom('revision_response')
    .innerJoin('submission', 'submission.id', 'revision_response.submission_id')
    .select([...revisionColumns.map((column) => `revision_response.${column}` as const), 'submission.round as current'])
    .where('revision_response.submission_id', '=', submissionId)
    .where('submission.status', '=', 'revision_requested')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('revision_response.round', '=', eb(eb.ref('submission.round'), '+', 1)),
          eb('revision_response.sent_at', 'is', null),
        ]),
        eb('revision_response.round', '=', eb.ref('submission.round')),
      ]),
    )
    .orderBy('revision_response.round', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { current, ...revision } = row;
  return { ...revision, opensRound: revision.round > current };
}

/**
 * The newest revision of a submission, open or sent: what the author's page shows. `sentOnly`
 * leaves out the one a held revision decision opened, which the author has not been told of.
 */
export async function loadLatestRevision(
  db: Database,
  submissionId: string,
  sentOnly = false,
): Promise<RevisionRow | undefined> {
  return db
    .selectFrom('revision_response')
    .select(revisionColumns)
    .where('submission_id', '=', submissionId)
    .$if(sentOnly, (qb) => qb.where('sent_at', 'is not', null))
    .orderBy('round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function saveResponseText(db: Database, submissionId: string, round: number, text: string) {
  await db
    .updateTable('revision_response')
    .set({ text, updated_at: new Date() })
    .where('submission_id', '=', submissionId)
    .where('round', '=', round)
    .execute();
}

export async function sealRevision(db: Database, submissionId: string, round: number, now: Date) {
  await db
    .updateTable('revision_response')
    .set({ sent_at: now, updated_at: now })
    .where('submission_id', '=', submissionId)
    .where('round', '=', round)
    .execute();
}

/** The response sent with the revision that opened `round`, for that round's reviewers. */
export async function loadSentResponse(db: Database, submissionId: string, round: number) {
  return db
    .selectFrom('revision_response')
    .select(['round', 'text', 'sent_at'])
    .where('submission_id', '=', submissionId)
    .where('round', '=', round)
    .where('sent_at', 'is not', null)
    .executeTakeFirst();
}

/** A round's assignments with whether each review was submitted: who may be invited again. */
export async function loadRoundAssignments(
  db: Database,
  submissionId: string,
  round: number,
): Promise<PreviousAssignment[]> {
  const rows = await db
    .selectFrom('assignment')
    .leftJoin('review', 'review.assignment_id', 'assignment.id')
    .select(['assignment.reviewer_id', 'assignment.status', 'review.submitted_at'])
    .where('assignment.submission_id', '=', submissionId)
    .where('assignment.round', '=', round)
    .orderBy('assignment.reviewer_number')
    .execute();
  return rows.map((row) => ({
    reviewerId: row.reviewer_id,
    status: row.status,
    reviewSubmittedAt: row.submitted_at,
  }));
}

/** This reviewer's submitted review of the latest round before `round` of the same submission. */
export async function loadEarlierReview(
  db: Database,
  facts: { submissionId: string; reviewerId: string; round: number },
) {
  const review = await db
    .selectFrom('assignment')
    .innerJoin('review', 'review.assignment_id', 'assignment.id')
    .select([
      'review.id',
      'assignment.round',
      'review.submitted_at',
      'review.recommendation',
      'review.comments_to_author',
      'review.comments_to_editor',
    ])
    .where('assignment.submission_id', '=', facts.submissionId)
    .where('assignment.reviewer_id', '=', facts.reviewerId)
    .where('assignment.round', '<', facts.round)
    .where('assignment.status', '=', 'submitted')
    .where('review.submitted_at', 'is not', null)
    .orderBy('assignment.round', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!review) return undefined;
  const scores = await db
    .selectFrom('review_score')
    .innerJoin('rubric_criterion', 'rubric_criterion.id', 'review_score.criterion_id')
    .select([
      'rubric_criterion.label',
      'review_score.score',
      'rubric_criterion.min_score',
      'rubric_criterion.max_score',
    ])
    .where('review_score.review_id', '=', review.id)
    .orderBy('rubric_criterion.position')
    .execute();
  return { ...review, submitted_at: review.submitted_at!, scores };
}
