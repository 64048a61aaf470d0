// Unanswered invitations past their time become 'expired', and the next alternate is invited (per
// the call). The reminder sweep (reminders/sweep.ts) is the only caller: it expires each one as the
// policy's `invitation_expired` reminder, whose unique key makes it happen once.
import type { DB } from '@gaps/db';
import { systemActor } from '@gaps/workers/shared';
import type { Transaction } from 'kysely';
import type { AuditContext } from '../audit/events.ts';
import { moveAssignment } from './assignment-state.ts';
import { afterInvitationEnded } from './invitation-ended.ts';

/** No person acts: the audit log names the sweep as the actor. */
const sweepAudit: AuditContext = systemActor('invitation_sweep');

/** Expires one invitation (locked by the caller), invites the next alternate, tells the editors. */
export async function expireInvitation(trx: Transaction<DB>, assignmentId: string, now: Date, publicUrl: string) {
  await moveAssignment(trx, sweepAudit, { assignmentId, to: 'expired', mover: 'system', now });
  await afterInvitationEnded(trx, { audit: sweepAudit, now, publicUrl }, assignmentId, 'expired');
}
