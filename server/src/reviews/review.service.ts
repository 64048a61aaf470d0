// The reviewer's review: read, saved as they type, submitted (then locked), reopened by the editor.
// Every write locks the assignment row first, so a save racing a submit either lands before it or
// is refused with 409; a submitted review never changes underneath the editor.
import type { Database, DB } from '@gaps/db';
import { isReleasable } from '@gaps/workers/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { AssignmentState } from '../assignments/assignment-state.ts';
import { moveAssignment } from '../assignments/assignment-state.ts';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import {
  type ReviewDraft,
  type ReviewPage,
  type RubricCriterionView,
  toReviewerSubmission,
} from '../blinding/project-review.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { loadLatestReviewCopy } from '../review-copies/review-copy.repository.ts';
import { earlierReview, responseForReviewer } from '../revisions/revision.service.ts';
import { hasRevisionRounds } from '../revisions/revision-rules.ts';
import { loadCriteria } from '../rubrics/rubric.service.ts';
import { loadAuthors, loadSubmission } from '../submissions/submission.repository.ts';
import type { venueKindSchema } from '../venues/venue.schemas.ts';
import { venueWords } from '../venues/venue-words.ts';
import { loadReviewDraft, loadReviewSetting, type ReviewSetting } from './review.repository.ts';
import type { ReviewPatch } from './review.schemas.ts';

export interface ReviewContext {
  db: Database;
  audit: AuditContext;
  now: Date;
}

/** The assignment as requireReviewer found it. */
export interface ReviewAssignment {
  id: string;
  submissionId: string;
  /** The reviewer: whose earlier review a later round shows. */
  reviewerId: string;
  status: AssignmentState;
  round: number;
  reviewerNumber: number;
}

const refusals = {
  not_accepted: 'Please accept the invitation first: the review opens once you have accepted it.',
  review_submitted:
    'This review has been submitted, so it can no longer change. If you need to change it, ask the editor to reopen it.',
  review_not_submitted: 'This review is not submitted, so there is nothing to reopen. Reload the page.',
} as const;

/** The review page opens once the invitation is accepted, and stays open (read-only) once submitted. */
export function requireReviewOpen(status: AssignmentState): void {
  if (status === 'invited') throw new HttpError(409, 'invitation_not_accepted', refusals.not_accepted);
  if (status !== 'accepted' && status !== 'submitted') throw notFound('assignment');
}

const criteriaOf = (db: Database, setting: ReviewSetting) =>
  setting.rubric ? loadCriteria(db, setting.rubric.id) : Promise.resolve([]);

/**
 * What a later round's reviewer reads beside the new copy, in the same answer as the page (one
 * request): their own earlier review and the author's response. Round 1 (and every award entry,
 * which never gets a round 2) reads nothing more.
 */
async function loadEarlierRound(db: Database, assignment: ReviewAssignment, venueKind: string) {
  if (assignment.round < 2 || !hasRevisionRounds(venueKind)) return { earlierReview: null, revisionResponse: null };
  const [earlier, sent] = await Promise.all([earlierReview(db, assignment), responseForReviewer(db, assignment)]);
  return { earlierReview: earlier.review, revisionResponse: sent.response };
}

export async function loadReviewPage(db: Database, assignment: ReviewAssignment): Promise<ReviewPage> {
  requireReviewOpen(assignment.status);
  const setting = await loadReviewSetting(db, assignment.id);
  const [row, copy, criteria, review, authors, earlierRound] = await Promise.all([
    loadSubmission(db, assignment.submissionId),
    loadLatestReviewCopy(db, assignment.submissionId),
    criteriaOf(db, setting),
    loadReviewDraft(db, assignment.id, assignment.status),
    // Never read at all for a double-blind call: what is not loaded cannot leak.
    setting.blindMode === 'double' ? Promise.resolve([]) : loadAuthors(db, assignment.submissionId),
    loadEarlierRound(db, assignment, setting.venueKind),
  ]);
  if (!row) throw notFound('assignment');
  return {
    assignment: {
      id: assignment.id,
      reviewerNumber: assignment.reviewerNumber,
      round: assignment.round,
      dueAt: setting.dueAt?.toISOString() ?? null,
    },
    venueKind: setting.venueKind as z.infer<typeof venueKindSchema>,
    submission: toReviewerSubmission(row, {
      wordCount: copy?.word_count ?? null,
      reviewCopyAvailable: isReleasable(copy),
      blindMode: setting.blindMode,
      authors,
    }),
    rubric: setting.rubric ? { name: setting.rubric.name, criteria } : null,
    asksRecommendation: setting.asksRecommendation,
    review,
    ...earlierRound,
  };
}

/** Locks the assignment and answers its state, refusing changes to a submitted review. */
async function lockForChange(trx: Transaction<DB>, assignmentId: string): Promise<void> {
  const row = await trx
    .selectFrom('assignment')
    .select('status')
    .where('id', '=', assignmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('assignment');
  const status = row.status as AssignmentState;
  requireReviewOpen(status);
  if (status === 'submitted') throw new HttpError(409, 'review_submitted', refusals.review_submitted);
}

function checkScores(scores: Record<string, number | null>, criteria: readonly RubricCriterionView[]) {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  for (const [id, score] of Object.entries(scores)) {
    const criterion = byId.get(id);
    if (!criterion) {
      throw new HttpError(
        400,
        'unknown_criterion',
        'A score was given for a question that is not on this rubric. Reload the page.',
      );
    }
    if (score !== null && (score < criterion.minScore || score > criterion.maxScore)) {
      throw new HttpError(
        400,
        'score_out_of_range',
        `The score for “${criterion.label}” must be from ${criterion.minScore} to ${criterion.maxScore}.`,
      );
    }
  }
}

/** Saves whatever part of the draft was sent; answers the whole draft as it now stands. */
export async function saveReview(
  ctx: ReviewContext,
  assignment: ReviewAssignment,
  patch: ReviewPatch,
): Promise<ReviewDraft> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockForChange(trx, assignment.id);
    const setting = await loadReviewSetting(trx, assignment.id);
    if (patch.scores && setting.rubric) {
      // Holds the rubric as it is while the scores go in: an editor's change to its scales waits
      // (and then finds the scores, and refuses), instead of slipping in between check and write.
      await trx.selectFrom('rubric').select('id').where('id', '=', setting.rubric.id).forShare().execute();
    }
    if (patch.scores) checkScores(patch.scores, await criteriaOf(trx, setting));
    if (patch.recommendation && !setting.asksRecommendation) {
      throw new HttpError(400, 'no_recommendation_asked', 'This call does not ask for a recommendation.');
    }
    const fields = {
      ...(patch.recommendation !== undefined ? { recommendation: patch.recommendation } : {}),
      ...(patch.commentsToAuthor !== undefined ? { comments_to_author: patch.commentsToAuthor } : {}),
      ...(patch.commentsToEditor !== undefined ? { comments_to_editor: patch.commentsToEditor } : {}),
      updated_at: ctx.now,
    };
    const { id: reviewId } = await trx
      .insertInto('review')
      .values({ assignment_id: assignment.id, ...fields })
      .onConflict((conflict) => conflict.column('assignment_id').doUpdateSet(fields))
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [criterionId, score] of Object.entries(patch.scores ?? {})) {
      if (score === null) {
        await trx
          .deleteFrom('review_score')
          .where('review_id', '=', reviewId)
          .where('criterion_id', '=', criterionId)
          .execute();
      } else {
        await trx
          .insertInto('review_score')
          .values({ review_id: reviewId, criterion_id: criterionId, score })
          .onConflict((conflict) => conflict.columns(['review_id', 'criterion_id']).doUpdateSet({ score }))
          .execute();
      }
    }
  });
  return loadReviewDraft(ctx.db, assignment.id, 'accepted');
}

/** Submits the review: every criterion scored, the recommendation given when asked; then it is locked. */
export async function submitReview(ctx: ReviewContext, assignment: ReviewAssignment): Promise<ReviewDraft> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockForChange(trx, assignment.id);
    const setting = await loadReviewSetting(trx, assignment.id);
    const [criteria, draft] = await Promise.all([
      criteriaOf(trx, setting),
      loadReviewDraft(trx, assignment.id, 'accepted'),
    ]);
    const words = venueWords(setting.venueKind);
    const missing = criteria.filter((criterion) => draft.scores[criterion.id] === undefined).map((c) => `“${c.label}”`);
    const problems = [
      ...(missing.length ? [`give a score for ${missing.join(', ')}`] : []),
      ...(setting.asksRecommendation && !draft.recommendation ? ['choose a recommendation'] : []),
      ...(criteria.length === 0 && draft.commentsToAuthor.trim() === ''
        ? [`write your comments to the ${words.author}`]
        : []),
    ];
    if (problems.length) {
      throw new HttpError(409, 'review_incomplete', `Before submitting, please ${problems.join(', and ')}.`);
    }
    await trx.updateTable('review').set({ submitted_at: ctx.now }).where('assignment_id', '=', assignment.id).execute();
    await moveAssignment(trx, ctx.audit, {
      assignmentId: assignment.id,
      to: 'submitted',
      mover: 'reviewer',
      expectFrom: ['accepted'],
      now: ctx.now,
    });
  });
  return loadReviewDraft(ctx.db, assignment.id, 'submitted');
}

/** The editor reopens a submitted review so its reviewer can change it; audited. */
export async function reopenReview(ctx: ReviewContext & { editorId: string }, assignmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('assignment')
      .select('status')
      .where('id', '=', assignmentId)
      .forUpdate()
      .executeTakeFirst();
    if (current?.status !== 'submitted') {
      throw new HttpError(409, 'review_not_submitted', refusals.review_not_submitted);
    }
    const moved = await moveAssignment(trx, ctx.audit, {
      assignmentId,
      to: 'accepted',
      mover: 'editor',
      expectFrom: ['submitted'],
      reason: 'review_reopened',
      now: ctx.now,
    });
    await trx
      .updateTable('review')
      .set({ submitted_at: null, reopened_at: ctx.now, reopened_by: ctx.editorId, updated_at: ctx.now })
      .where('assignment_id', '=', assignmentId)
      .execute();
    await recordAudit(trx, ctx.audit, {
      action: 'review.reopened',
      objectType: 'assignment',
      objectId: assignmentId,
      details: { submissionId: moved.submissionId, round: moved.round, reviewerNumber: moved.reviewerNumber },
    });
  });
}
