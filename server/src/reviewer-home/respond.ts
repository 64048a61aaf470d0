// Answering an invitation from the reviewer's home while signed in. The rule is the invitation
// link's (server/src/assignments/invitation.service.ts): the same checks, the same move, and on a
// decline the same consequences (the next alternate invited, the editors told). The route has
// already checked, through requireReviewer, that the assignment is this reviewer's.
import type { ReviewerAccess } from '../assignments/assignment-access.ts';
import { acceptInvitation, declineInvitation, type InvitationContext } from '../assignments/invitation.service.ts';

export interface Answer {
  answer: 'accept' | 'decline';
  reason?: string | undefined;
  suggestion?: string | undefined;
}

export async function answerInvitation(ctx: InvitationContext, access: ReviewerAccess, answer: Answer): Promise<void> {
  const key = { assignmentId: access.facts.id };
  if (answer.answer === 'accept') await acceptInvitation(ctx, key);
  else await declineInvitation(ctx, key, answer);
}
