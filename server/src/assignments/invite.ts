// Inviting a reviewer (or judge) to a submission's round: the one way an assignment is made.
// (Contract first; the invitation work fills it in.)
import type { Database } from '@gaps/db';
import type { AuditContext } from '../audit/events.ts';

export interface InviteContext {
  db: Database;
  audit: AuditContext;
  now: Date;
  publicUrl: string;
  /** The editor inviting, or null when the system invites (an alternate moving up, a new round). */
  invitedBy: string | null;
}

export interface InviteInput {
  submissionId: string;
  personId: string;
  /** Defaults to now + the call's review_days. */
  dueAt?: Date;
  /** Required when the person has a conflict; audited. */
  overrideReason?: string;
  /** Defaults to the submission's current round. */
  round?: number;
}

/**
 * Makes the assignment (or answers the open one already there: two editors inviting the same
 * person at once make one), mails the invitation through the outbox, audits it.
 * 409 `conflict_needs_override` (with the conflicts) when the person has a conflict and no reason.
 */
export async function inviteReviewer(
  _ctx: InviteContext,
  _input: InviteInput,
): Promise<{ assignmentId: string; created: boolean }> {
  throw new Error('inviteReviewer is not built yet');
}
