// Revision rounds (journals): the author writes a response to reviewers and uploads a revised
// manuscript; sending both starts the next round; the editor invites the previous round's
// reviewers again in one action; each of them reads their own earlier review beside the new copy.
import type { Database } from '@gaps/db';
import { loadIdentity, scanForLeaks } from '@gaps/workers/shared';
import { type InviteContext, inviteReviewer } from '../assignments/invite.ts';
import type {
  AuthorRevision,
  EarlierReview,
  ReinviteResult,
  ReviewerRevisionResponse,
} from '../blinding/project-revision.ts';
import { heldDecision } from '../decisions/untold-decisions.ts';
import { HttpError } from '../plugins/errors.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import {
  loadEarlierReview,
  loadLatestRevision,
  loadOpenRevision,
  loadRoundAssignments,
  loadSentResponse,
  saveResponseText,
} from './revision.repository.ts';
import { revisionMissing, whoToReinvite } from './revision-rules.ts';

const noOpenRevision = () =>
  new HttpError(
    409,
    'no_open_revision',
    'This submission is not waiting for a revision after review, so there is no response to reviewers to write now. Reload the page to see its current state.',
  );

/** Autosave of the response to reviewers: only while a revision is open (the route checks the submitter). */
export async function saveRevisionResponse(db: Database, submissionId: string, text: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The submission row is the lock "Send" takes too, so a late autosave cannot change a sent response.
    await trx.selectFrom('submission').select('id').where('id', '=', submissionId).forUpdate().execute();
    // While the revision letter is held the author's page shows the submission in review: so does this.
    if (await heldDecision(trx, submissionId, now)) throw noOpenRevision();
    const open = await loadOpenRevision(trx, submissionId);
    if (!open) throw noOpenRevision();
    await saveResponseText(trx, submissionId, open.round, text);
  });
}

/**
 * Checks a revision before it is sent and answers the round to move to (the next one when the
 * revision opens it; the same when a revised submission was returned before its review). Answers
 * undefined when no revision is open: a return before review is sent again as it was.
 */
export async function prepareRevisionSend(
  db: Database,
  submission: { id: string; venueKind: string },
  manuscripts: ReadonlyArray<{ round: number }>,
): Promise<{ round: number } | undefined> {
  const open = await loadOpenRevision(db, submission.id);
  if (!open) return undefined;
  const missing = revisionMissing({
    venueKind: submission.venueKind,
    manuscriptsThisRound: manuscripts.filter((manuscript) => manuscript.round === open.round).length,
    response: open.text,
  });
  if (missing.length) {
    throw new HttpError(400, 'incomplete', `Before you send your revision: ${missing.map((m) => m.message).join(' ')}`);
  }
  // Reviewers of a double-blind call read the response as written, with no editor in between (a
  // review copy with findings waits for the editor's release; this text has no such step), so a
  // response that names its authors is not sent until the author takes the names out.
  const { blind_mode } = await db
    .selectFrom('submission')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .select('call.blind_mode')
    .where('submission.id', '=', submission.id)
    .executeTakeFirstOrThrow();
  if (blind_mode === 'double') {
    const found = scanForLeaks([open.text], await loadIdentity(db, submission.id));
    if (found.length) {
      const named = [...new Set(found.map((finding) => `“${finding.text}”`))].join(', ');
      throw new HttpError(
        400,
        'response_names_you',
        `Your response to the reviewers says who you are (${named}). The reviewers must not learn that: please take it out (for your own earlier work, write “the author’s earlier work”), then send again.`,
      );
    }
  }
  return { round: open.round };
}

/** The round a manuscript uploaded now belongs to: the revision's, while one is open. */
export async function uploadRound(db: Database, submissionId: string, currentRound: number): Promise<number> {
  return (await loadOpenRevision(db, submissionId))?.round ?? currentRound;
}

/**
 * The revision on the author's page (and the editor's): the response, what is missing while it
 * is open, and the places in it that may name the authors (the manuscript's leak scan, run on the
 * text, because the response goes to reviewers as written).
 */
export async function authorRevision(
  db: Database,
  submission: { id: string; venueKind: string },
  manuscripts: ReadonlyArray<{ round: number }>,
  { letterHeld = false }: { letterHeld?: boolean } = {},
): Promise<AuthorRevision | null> {
  // While a revision decision's letter is held the author sees the submission in review: the
  // revision it opened is not theirs yet, only the ones they sent before.
  const [latest, open] = await Promise.all([
    loadLatestRevision(db, submission.id, letterHeld),
    letterHeld ? undefined : loadOpenRevision(db, submission.id),
  ]);
  if (!latest) return null;
  const findings = latest.text.trim() ? scanForLeaks([latest.text], await loadIdentity(db, submission.id)) : [];
  return {
    round: latest.round,
    response: latest.text,
    requestedAt: latest.requested_at.toISOString(),
    sentAt: open ? null : (latest.sent_at?.toISOString() ?? null),
    missing: open
      ? revisionMissing({
          venueKind: submission.venueKind,
          manuscriptsThisRound: manuscripts.filter((manuscript) => manuscript.round === open.round).length,
          response: open.text,
        })
      : [],
    findings: findings.map(({ text, context }) => ({ text, context })),
  };
}

/**
 * Invites the previous round's reviewers who submitted to the current round, each through the one
 * way an assignment is made. Done by default with "send to review" (reinviteOnSendToReview, after
 * the move commits) and by the editor's button: the editor is told who was invited, may leave
 * someone out (untick the box, or cancel afterwards), and a reviewer with a conflict found since
 * the last round is reported (it needs the editor's reason), not invited silently and not blocking
 * the others. Asking twice invites nobody twice.
 */
export async function reinvitePreviousReviewers(ctx: SubmissionContext, submissionId: string): Promise<ReinviteResult> {
  const submission = await ctx.db
    .selectFrom('submission')
    .select(['status', 'round'])
    .where('id', '=', submissionId)
    .executeTakeFirstOrThrow();
  if (submission.status !== 'in_review' || submission.round < 2) {
    throw new HttpError(
      409,
      'not_a_new_round',
      'Previous reviewers can be invited again once a revised submission is in review (its second round or later). Send it to review first.',
    );
  }
  // Someone whose invitation to this round has closed (declined, cancelled by the editor, expired)
  // is not asked again by pressing once more; an open one is answered as it stands.
  const closedNow = new Set(
    (await loadRoundAssignments(ctx.db, submissionId, submission.round))
      .filter((assignment) => ['declined', 'cancelled', 'expired'].includes(assignment.status))
      .map((assignment) => assignment.reviewerId),
  );
  const people = whoToReinvite(await loadRoundAssignments(ctx.db, submissionId, submission.round - 1));
  const inviteContext: InviteContext = {
    db: ctx.db,
    audit: ctx.audit,
    now: ctx.now,
    publicUrl: ctx.publicUrl,
    invitedBy: ctx.viewer.personId,
  };
  const result: ReinviteResult = { round: submission.round, invited: [], notInvited: [] };
  for (const personId of people) {
    if (closedNow.has(personId)) {
      result.notInvited.push({
        personId,
        code: 'already_asked',
        message: 'Already asked in this round: they declined, their invitation expired, or it was cancelled.',
      });
      continue;
    }
    try {
      const invited = await inviteReviewer(inviteContext, { submissionId, personId, round: submission.round });
      result.invited.push({ personId, ...invited });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result.notInvited.push({ personId, code: error.code, message: error.message });
    }
  }
  return result;
}

/**
 * "Send to review" of a revised submission invites the previous round's reviewers by default (the
 * editor's form ticks it; they may untick it to choose anew). Runs after the move has committed,
 * so a reviewer who cannot be invited (a conflict found since) is reported, never undoes the move.
 * Null in round 1: there is nobody to invite again.
 */
export async function reinviteOnSendToReview(
  ctx: SubmissionContext,
  submissionId: string,
): Promise<ReinviteResult | null> {
  const { round } = await ctx.db
    .selectFrom('submission')
    .select('round')
    .where('id', '=', submissionId)
    .executeTakeFirstOrThrow();
  return round < 2 ? null : reinvitePreviousReviewers(ctx, submissionId);
}

/** The reviewer's own submitted review of an earlier round of this submission, or null. */
export async function earlierReview(
  db: Database,
  assignment: { submissionId: string; reviewerId: string; round: number },
): Promise<EarlierReview> {
  const row = await loadEarlierReview(db, assignment);
  if (!row) return { review: null };
  return {
    review: {
      round: row.round,
      submittedAt: row.submitted_at.toISOString(),
      recommendation: row.recommendation as NonNullable<EarlierReview['review']>['recommendation'],
      scores: row.scores.map((score) => ({
        criterion: score.label,
        score: score.score,
        minScore: score.min_score,
        maxScore: score.max_score,
      })),
      commentsToAuthor: row.comments_to_author,
      commentsToEditor: row.comments_to_editor,
    },
  };
}

/** The response sent with the revision that opened this assignment's round, or null. */
export async function responseForReviewer(
  db: Database,
  assignment: { submissionId: string; round: number },
): Promise<ReviewerRevisionResponse> {
  const row = await loadSentResponse(db, assignment.submissionId, assignment.round);
  return { response: row ? { round: row.round, text: row.text, sentAt: row.sent_at!.toISOString() } : null };
}
