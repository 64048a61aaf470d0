// Unanswered invitations past their time become 'expired', and the next alternate is invited (per
// the call). Idempotent: run it as often as you like; each invitation expires once. Issue 11's
// reminder sweep is expected to call it; until then the API calls it on a timer (main.ts).
import type { Database } from '@gaps/db';
import { systemActor } from '@gaps/workers/shared';
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
      await moveAssignment(trx, sweepAudit, { assignmentId: due.id, to: 'expired', mover: 'system', now });
      await afterInvitationEnded(trx, { audit: sweepAudit, now, publicUrl }, due.id, 'expired');
      return true;
    });
    if (!done) return expired;
    expired += 1;
  }
}
