// A decision letter (and the reviewers' thank-yous that tell its outcome) waits in the outbox for
// the venue's hold time, so the editor can still rescind the decision. Rescinding marks the pending
// messages `skipped` itself; this check, made in the transaction that claims a message, covers a
// message that was already handed to the queue when the decision was rescinded, and a submission
// its author withdrew after the hold ended but before the worker reached the letter.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';

export const RESCINDED_DECISION = 'Not sent: the editors rescinded the decision before the message went out.';
export const WITHDRAWN_SUBMISSION = 'Not sent: the author withdrew the submission before the message went out.';

/**
 * Why this decision's message should not go out, or null while the decision stands. A reviewer's
 * "no longer needed" still goes after a withdrawal: their assignment stays cancelled either way.
 */
export async function reasonNotToSendDecisionMail(
  trx: Transaction<DB>,
  decisionId: string,
  template: string,
): Promise<string | null> {
  const decision = await trx
    .selectFrom('decision')
    .innerJoin('submission', 'submission.id', 'decision.submission_id')
    .select(['decision.rescinded_at', 'submission.status'])
    .where('decision.id', '=', decisionId)
    .executeTakeFirst();
  if (!decision) return 'Not sent: the decision was removed.';
  if (decision.rescinded_at) return RESCINDED_DECISION;
  return decision.status === 'withdrawn' && template !== 'assignment.cancelled' ? WITHDRAWN_SUBMISSION : null;
}
