// Unanswered invitations past their time become 'expired', and the next alternate is invited (per
// the call). The reminder sweep (reminders/sweep.ts) expires each one through `expireInvitation`,
// as the policy's `invitation_expired` reminder; `expireInvitations` does the same for every
// invitation past its stored time at once (tests, and a one-off catch-up). Idempotent.
import type { Database, DB } from '@gaps/db';
import { systemActor } from '@gaps/workers/shared';
import type { Transaction } from 'kysely';
import type { AuditContext } from '../audit/events.ts';
import { moveAssignment } from './assignment-state.ts';
import { afterInvitationEnded } from './invitation-ended.ts';

/** No person acts: the audit log names the sweep as the actor. */
const sweepAudit: AuditContext = systemActor('invitation_sweep');

/** Expires every invitation whose answer time has passed by `now`; answers how many. */
export async function expireInvitations(db: Database, now: Date, publicUrl: string): Promise<number> {
  let expired = 0;
  for (;;) {
    // One at a time, each in its own transaction, skipping rows another sweep (or an answer) holds.
    const done = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('assignment')
        .select('id')
        .where('status', '=', 'invited')
        .where('invitation_expires_at', '<=', now)
        .orderBy('invitation_expires_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return false;
      await expireInvitation(trx, due.id, now, publicUrl);
      return true;
    });
    if (!done) return expired;
    expired += 1;
  }
}

/** Expires one invitation (locked by the caller), invites the next alternate, tells the editors. */
export async function expireInvitation(trx: Transaction<DB>, assignmentId: string, now: Date, publicUrl: string) {
  await moveAssignment(trx, sweepAudit, { assignmentId, to: 'expired', mover: 'system', now });
  await afterInvitationEnded(trx, { audit: sweepAudit, now, publicUrl }, assignmentId, 'expired');
}
