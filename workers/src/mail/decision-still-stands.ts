// A decision letter (and the reviewers' thank-yous that tell its outcome) waits in the outbox for
// the venue's hold time, so the editor can still rescind the decision. Rescinding marks the pending
// messages `skipped` itself; this check, made in the transaction that claims a message, covers a
// message that was already handed to the queue when the decision was rescinded.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';

export const RESCINDED_DECISION = 'Not sent: the editors rescinded the decision before the message went out.';

/** Why this decision's message should not go out, or null while the decision stands. */
export async function reasonNotToSendDecisionMail(trx: Transaction<DB>, decisionId: string): Promise<string | null> {
  const decision = await trx
    .selectFrom('decision')
    .select('rescinded_at')
    .where('id', '=', decisionId)
    .executeTakeFirst();
  if (!decision) return 'Not sent: the decision was removed.';
  return decision.rescinded_at ? RESCINDED_DECISION : null;
}
