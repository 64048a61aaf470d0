// The steps of peer review as the demo plays them, each through the use case a person's click
// runs: the editor sends a paper to review and invites; the reviewer answers through the link in
// the e-mail and writes (and perhaps submits) a review. Dates may be in the past, so the pages
// show a review under way rather than one that all happened this second.
import type { Database } from '@gaps/db';
import { systemActor } from '@gaps/workers/shared';
import { requireReviewer } from '../assignments/assignment-access.ts';
import { declineInvitation, acceptInvitation as takeInvitation } from '../assignments/invitation.service.ts';
import { inviteReviewer } from '../assignments/invite.ts';
import type { Recommendation } from '../blinding/project-review.ts';
import type { Viewer } from '../policy/permissions.ts';
import { releaseLatestReviewCopy } from '../review-copies/review-copy.service.ts';
import { saveReview, submitReview } from '../reviews/review.service.ts';
import { moveByEditor } from '../submissions/submission.service.ts';
import { makeReviewCopyNow } from './demo-review-copy.ts';

const DAY = 86_400_000;
export const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * DAY);

export interface DemoSetting {
  db: Database;
  dataDir: string;
  publicUrl: string;
}

export async function viewerOf(db: Database, email: string): Promise<Viewer> {
  const person = await db
    .selectFrom('person')
    .select(['id', 'email', 'name'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const roles = await db
    .selectFrom('role_grant')
    .select('venue_id')
    .where('person_id', '=', person.id)
    .where('role', '=', 'editor')
    .execute();
  return {
    personId: person.id,
    email: person.email,
    name: person.name,
    isAdmin: false,
    editorOfVenueIds: roles.flatMap((r) => (r.venue_id ? [r.venue_id] : [])),
  };
}

/**
 * The editor's part before anyone is invited: the anonymised copy is made (by the workers' code),
 * released after reading its identity report if the check flagged anything, and the paper goes to
 * review. Throws, saying why, when the copy cannot go to reviewers.
 */
export async function sendToReview(setting: DemoSetting, submissionId: string, editorEmail: string): Promise<void> {
  const { db, dataDir, publicUrl } = setting;
  const copy = await makeReviewCopyNow(db, dataDir, submissionId);
  const editor = await viewerOf(db, editorEmail);
  const ctx = { db, viewer: editor, now: new Date(), publicUrl };
  if (copy === 'needs_attention') {
    await releaseLatestReviewCopy(
      { ...ctx, audit: { actorId: editor.personId, ip: null, requestId: 'demo-seed' } },
      submissionId,
    );
  } else if (copy !== 'ready') {
    throw new Error(`the demo paper's review copy could not be made (${copy}); see the workers' messages above`);
  }
  const seed = { ...ctx, audit: systemActor('demo_seed', 'demo-seed') };
  await moveByEditor(seed, submissionId, 'screening');
  await moveByEditor(seed, submissionId, 'in_review');
}

export interface DemoInvitation {
  submissionId: string;
  reviewer: string;
  editor: string;
  invitedAt: Date;
  /** Left out: the invitation is still open. */
  answer?: { accept: true; at: Date } | { accept: false; at: Date; reason: string; suggestion?: string };
  overrideReason?: string;
}

/** Invites, and answers through the link the invitation e-mail carries. Answers the assignment's id. */
export async function inviteAndAnswer(setting: DemoSetting, invitation: DemoInvitation): Promise<string> {
  const { db, publicUrl } = setting;
  const [reviewer, editor] = await Promise.all([viewerOf(db, invitation.reviewer), viewerOf(db, invitation.editor)]);
  const { assignmentId } = await inviteReviewer(
    {
      db,
      audit: { actorId: editor.personId, ip: null, requestId: 'demo-seed' },
      now: invitation.invitedAt,
      publicUrl,
      invitedBy: editor.personId,
    },
    {
      submissionId: invitation.submissionId,
      personId: reviewer.personId,
      ...(invitation.overrideReason && { overrideReason: invitation.overrideReason }),
    },
  );
  const answer = invitation.answer;
  if (!answer) return assignmentId;
  const token = await invitationToken(db, reviewer.email);
  const ctx = { db, audit: { actorId: null, ip: null, requestId: 'demo-seed' }, now: answer.at, publicUrl };
  if (answer.accept) await takeInvitation(ctx, { token });
  else await declineInvitation(ctx, { token }, { reason: answer.reason, suggestion: answer.suggestion });
  return assignmentId;
}

/** The token of the newest invitation link e-mailed to `email` (the outbox keeps every message). */
async function invitationToken(db: Database, email: string): Promise<string> {
  const message = await db
    .selectFrom('email_message')
    .select('text_body')
    .where('to_address', '=', email)
    .where('template', '=', 'assignment.invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const match = message.text_body.match(/\/invitations\/([^\s]+)/);
  if (!match) throw new Error('the demo invitation e-mail has no link');
  return decodeURIComponent(match[1]!);
}

export interface DemoReview {
  /** Scores in the rubric's order; fewer than its criteria leaves a draft that cannot be submitted yet. */
  scores: number[];
  recommendation?: Recommendation;
  toAuthor: string;
  toEditor?: string;
  savedAt: Date;
  /** Left out: the review stays a draft. */
  submittedAt?: Date;
}

/** The reviewer writes the review (saved as a draft) and, if the demo says so, submits it. */
export async function writeReview(setting: DemoSetting, assignmentId: string, review: DemoReview): Promise<void> {
  const { db } = setting;
  const owner = await db
    .selectFrom('assignment')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select('person.email')
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  const viewer = await viewerOf(db, owner.email);
  const { facts } = await requireReviewer(db, viewer, assignmentId);
  const criteria = await db
    .selectFrom('rubric_criterion')
    .innerJoin('call', 'call.rubric_id', 'rubric_criterion.rubric_id')
    .innerJoin('submission', 'submission.call_id', 'call.id')
    .select('rubric_criterion.id')
    .where('submission.id', '=', facts.submissionId)
    .orderBy('rubric_criterion.position')
    .execute();
  const audit = { actorId: viewer.personId, ip: null, requestId: 'demo-seed' };
  await saveReview({ db, audit, now: review.savedAt }, facts, {
    scores: Object.fromEntries(review.scores.map((score, index) => [criteria[index]!.id, score])),
    commentsToAuthor: review.toAuthor,
    ...(review.recommendation && { recommendation: review.recommendation }),
    ...(review.toEditor && { commentsToEditor: review.toEditor }),
  });
  if (review.submittedAt) await submitReview({ db, audit, now: review.submittedAt }, facts);
}
