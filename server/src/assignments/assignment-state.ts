// The assignment state machine (one reviewer or judge on one submission's round): the transition
// table and the only code that writes `assignment.status`. Each change is audited in the same
// transaction; an illegal one answers 409 with the state it is in.
import type { DB } from '@gaps/db';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';

export const assignmentStates = ['invited', 'accepted', 'declined', 'expired', 'submitted', 'cancelled'] as const;
export type AssignmentState = (typeof assignmentStates)[number];
/** reviewer: the invited person; editor: a venue editor; system: the sweep, a withdrawal or a decision. */
export type AssignmentMover = 'reviewer' | 'editor' | 'system';

/** from → to → who may make the move. */
const transitions: Record<AssignmentState, Partial<Record<AssignmentState, readonly AssignmentMover[]>>> = {
  invited: {
    accepted: ['reviewer'],
    declined: ['reviewer'],
    expired: ['system'],
    cancelled: ['editor', 'system'],
  },
  accepted: { submitted: ['reviewer'], cancelled: ['editor', 'system'] },
  // The editor reopens a submitted review for the reviewer to change it.
  submitted: { accepted: ['editor'] },
  declined: {},
  expired: {},
  cancelled: {},
};

/** The states in which the reviewer still owes something: reminders and "waiting" lists read this. */
export const openAssignmentStates: readonly AssignmentState[] = ['invited', 'accepted'];

export function canMoveAssignment(from: AssignmentState, to: AssignmentState, mover: AssignmentMover): boolean {
  return transitions[from][to]?.includes(mover) ?? false;
}

export function nextAssignmentStates(from: AssignmentState, mover: AssignmentMover): AssignmentState[] {
  return (Object.entries(transitions[from]) as Array<[AssignmentState, readonly AssignmentMover[]]>)
    .filter(([, movers]) => movers.includes(mover))
    .map(([to]) => to);
}

/** The timestamp each state stamps when entered. */
const stamps: Partial<Record<AssignmentState, keyof Updateable<DB['assignment']>>> = {
  accepted: 'responded_at',
  declined: 'responded_at',
  expired: 'expired_at',
  submitted: 'submitted_at',
  cancelled: 'cancelled_at',
};

type Extra = Omit<Updateable<DB['assignment']>, 'status' | 'id'>;

/**
 * Moves an assignment (locked FOR UPDATE) from its current state to `to`, writing `extra` columns
 * in the same update, and audits it. Call inside a transaction. `expectFrom` narrows the moves
 * allowed (e.g. reopening only from submitted). Answers the state it left.
 */
export async function moveAssignment(
  trx: Transaction<DB> | Kysely<DB>,
  audit: AuditContext,
  move: {
    assignmentId: string;
    to: AssignmentState;
    mover: AssignmentMover;
    reason?: string;
    extra?: Extra;
    expectFrom?: AssignmentState[];
    now?: Date;
  },
): Promise<{ from: AssignmentState; submissionId: string; round: number; reviewerNumber: number }> {
  const current = await trx
    .selectFrom('assignment')
    .select(['status', 'submission_id', 'round', 'reviewer_number'])
    .where('id', '=', move.assignmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('assignment');
  const from = current.status as AssignmentState;
  if (!canMoveAssignment(from, move.to, move.mover) || (move.expectFrom && !move.expectFrom.includes(from))) {
    throw new HttpError(
      409,
      'illegal_assignment_transition',
      `This invitation is ${from}, so it cannot be ${move.to} now. Reload the page to see where it stands.`,
    );
  }
  const now = move.now ?? new Date();
  // Reopening (submitted → accepted) is not an answer to the invitation: responded_at keeps its time.
  const stamp = from === 'submitted' ? undefined : stamps[move.to];
  await trx
    .updateTable('assignment')
    .set({ ...move.extra, ...(stamp ? { [stamp]: now } : {}), status: move.to })
    .where('id', '=', move.assignmentId)
    .execute();
  // A request for more time makes sense only while the reviewer still owes something: leaving the
  // open states (submitted, declined, cancelled, expired) withdraws it here, the one place every
  // such move passes, so no editor answers it later and a reopened review may ask again.
  if (!openAssignmentStates.includes(move.to)) {
    await trx
      .updateTable('extension_request')
      .set({ status: 'withdrawn', decided_at: now })
      .where('assignment_id', '=', move.assignmentId)
      .where('status', '=', 'requested')
      .execute();
  }
  // No person in the details: the audit trail of an assignment names the reviewer by number only.
  await recordAudit(trx, audit, {
    action: 'assignment.status_changed',
    objectType: 'assignment',
    objectId: move.assignmentId,
    details: {
      from,
      to: move.to,
      submissionId: current.submission_id,
      round: current.round,
      reviewerNumber: current.reviewer_number,
      ...(move.reason ? { reason: move.reason } : {}),
    },
  });
  return { from, submissionId: current.submission_id, round: current.round, reviewerNumber: current.reviewer_number };
}
