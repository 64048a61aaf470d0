// Decisions in the database: the record with its letter's delivery, and the reviews a letter quotes.
import type { Database } from '@gaps/db';
import type { DecisionRow } from '../blinding/project-decision.ts';

/** Every decision of a submission, newest first, with its letter's state in the outbox. */
export function loadDecisions(db: Database, submissionId: string): Promise<DecisionRow[]> {
  return db
    .selectFrom('decision')
    .leftJoin('person as decider', 'decider.id', 'decision.decided_by')
    .leftJoin('person as rescinder', 'rescinder.id', 'decision.rescinded_by')
    .leftJoin('email_message', 'email_message.id', 'decision.email_message_id')
    .select([
      'decision.id',
      'decision.outcome',
      'decision.round',
      'decision.decided_at',
      'decider.name as decided_by_name',
      'decision.letter_subject',
      'decision.letter',
      'decision.rescinded_at',
      'rescinder.name as rescinded_by_name',
      'decision.rescind_reason',
      'decision.from_state',
      'email_message.send_after as letter_send_after',
      'email_message.status as letter_state',
      'email_message.delivered_at as letter_delivered_at',
    ])
    .where('decision.submission_id', '=', submissionId)
    .orderBy('decision.decided_at', 'desc')
    .execute();
}

/**
 * The author-facing comments of the round's submitted reviews, by reviewer number. Only these two
 * columns are read: the confidential comments to the editor and the reviewer's person never leave.
 */
export function loadRoundReviews(db: Database, submissionId: string, round: number) {
  return db
    .selectFrom('review')
    .innerJoin('assignment', 'assignment.id', 'review.assignment_id')
    .select(['assignment.reviewer_number as reviewerNumber', 'review.comments_to_author as commentsToAuthor'])
    .where('assignment.submission_id', '=', submissionId)
    .where('assignment.round', '=', round)
    .where('assignment.status', '=', 'submitted')
    .where('review.submitted_at', 'is not', null)
    .orderBy('assignment.reviewer_number')
    .execute();
}

/** The assignments of the round whose reviewer submitted a review: they are thanked. */
export function loadSubmittedAssignments(db: Database, submissionId: string, round: number) {
  return db
    .selectFrom('assignment')
    .select('id')
    .where('submission_id', '=', submissionId)
    .where('round', '=', round)
    .where('status', '=', 'submitted')
    .orderBy('reviewer_number')
    .execute();
}

/** The submission's facts a decision needs, locked for the decision's transaction. */
export function lockForDecision(db: Database, submissionId: string) {
  return decisionFacts(db, submissionId).forUpdate('submission').executeTakeFirst();
}

/** The same facts, read without a lock: for drafting a letter, which changes nothing. */
export function readForDecision(db: Database, submissionId: string) {
  return decisionFacts(db, submissionId).executeTakeFirst();
}

function decisionFacts(db: Database, submissionId: string) {
  return db
    .selectFrom('submission')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .select([
      'submission.status',
      'submission.round',
      'submission.production_status',
      'venue.kind as venue_kind',
      'venue.letter_hold_minutes',
      'venue.decision_reviewer_mail',
    ])
    .where('submission.id', '=', submissionId);
}
