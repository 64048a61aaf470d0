// Answering an invitation from the reviewer's home while signed in (the e-mailed link's page does
// the same without a password: server/src/assignments/, helper "invite"). The move itself is the
// state machine's; this checks the invitation is still open and keeps the decline's words.
// TODO(issue 10, integrator): route this through the invitation service's answer, so a decline
// from here promotes the next alternate as a decline through the link does.
import type { Database } from '@gaps/db';
import type { ReviewerAccess } from '../assignments/assignment-access.ts';
import { moveAssignment } from '../assignments/assignment-state.ts';
import type { AuditContext } from '../audit/events.ts';
import { HttpError } from '../plugins/errors.ts';

export interface Answer {
  answer: 'accept' | 'decline';
  reason?: string;
  suggestion?: string;
}

export async function answerInvitation(
  ctx: { db: Database; audit: AuditContext; now: Date },
  access: ReviewerAccess,
  answer: Answer,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom('assignment')
      .select(['status', 'invitation_expires_at'])
      .where('id', '=', access.facts.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (
      invitation.status === 'invited' &&
      invitation.invitation_expires_at !== null &&
      invitation.invitation_expires_at <= ctx.now
    ) {
      throw new HttpError(
        409,
        'invitation_expired',
        'This invitation has expired, so it can no longer be answered. If you would still like to help, write to the editors.',
      );
    }
    await moveAssignment(trx, ctx.audit, {
      assignmentId: access.facts.id,
      to: answer.answer === 'accept' ? 'accepted' : 'declined',
      mover: 'reviewer',
      expectFrom: ['invited'],
      now: ctx.now,
      extra:
        answer.answer === 'decline'
          ? { decline_reason: answer.reason || null, suggested_reviewer: answer.suggestion || null }
          : {},
    });
  });
}
