// What the venue's editors see of the reviews: per submission (who reviews it, where each stands,
// the scores side by side, the confidential comments) and per call (who reviews what, who is late).
// These views carry reviewer identities and confidential comments, so only editor routes answer
// with them (review-panel.routes.ts checks first). Like project-submission.ts, the schemas are the
// routes' response schemas: a column a query brings along but a view does not list never leaves.
import { z } from 'zod';
import { type AssignmentState, assignmentStates, openAssignmentStates } from '../assignments/assignment-state.ts';
import type {
  PanelAlternateRow,
  PanelAssignmentRow,
  PanelCriterionRow,
  PanelScoreRow,
  PanelSubmissionRow,
  ProgressAssignmentRow,
  ProgressCallRow,
  ProgressSubmissionRow,
} from '../review-panel/review-panel.repository.ts';
import { meanOf, weightedTotal } from '../review-panel/weighted-total.ts';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { type VenueWords, venueWords } from '../venues/venue-words.ts';
import { assignmentStateSchema } from './project-invitation.ts';
import { submissionStateSchema } from './project-submission.ts';

const instant = z.iso.datetime();
const iso = (date: Date | null) => date?.toISOString() ?? null;
const recommendation = z.enum(['accept', 'minor_revision', 'major_revision', 'reject']);
type Recommendation = z.infer<typeof recommendation>;

const person = z.object({ personId: z.uuid(), name: z.string(), email: z.string() });

export const panelAssignmentView = z
  .object({
    id: z.uuid(),
    reviewerNumber: z.number().int(),
    /** "Reviewer 2" or "Judge 2": how authors and other reviewers know this one. */
    label: z.string(),
    reviewer: person,
    status: assignmentStateSchema,
    invitedAt: instant,
    respondedAt: instant.nullable(),
    dueAt: instant.nullable(),
    submittedAt: instant.nullable(),
    /** When it was cancelled or expired. */
    endedAt: instant.nullable(),
    /** Still owed (invited or accepted) and past its due date. */
    overdue: z.boolean(),
    /** The editor's reason for inviting someone with a conflict. */
    conflictOverride: z.string().nullable(),
    declineReason: z.string().nullable(),
    /** Whom the reviewer suggested instead, as they wrote it. */
    suggestedReviewer: z.string().nullable(),
    cancelReason: z.string().nullable(),
    /** Set when the editor reopened a submitted review for changes. */
    reopenedAt: instant.nullable(),
  })
  .meta({ id: 'ReviewPanelAssignment' });

export const panelReviewView = z
  .object({
    assignmentId: z.uuid(),
    reviewerNumber: z.number().int(),
    label: z.string(),
    submittedAt: instant.nullable(),
    /** One per criterion of the rubric, in its order; null where the review gave no score. */
    scores: z.array(z.object({ criterionId: z.uuid(), score: z.number().int().nullable() })),
    /** sum(score × weight) / sum(weight) over the criteria scored; see `scoring`. */
    weightedTotal: z.number().nullable(),
    recommendation: recommendation.nullable(),
    commentsToAuthor: z.string(),
    /** Confidential: editors only, never the authors. */
    commentsToEditor: z.string(),
  })
  .meta({ id: 'ReviewPanelReview' });

export const panelRoundView = z
  .object({
    round: z.number().int(),
    assignments: z.array(panelAssignmentView),
    /** Lined up to be invited, first one next, when an invitation is declined or expires. */
    alternates: z.array(
      person.extend({ position: z.number().int(), conflictOverride: z.string().nullable(), addedAt: instant }),
    ),
    /** Submitted reviews only: a draft is the reviewer's until they send it. */
    reviews: z.array(panelReviewView),
    /** Per criterion, the mean of the submitted reviews' scores. */
    criterionMeans: z.array(z.object({ criterionId: z.uuid(), mean: z.number().nullable() })),
    meanWeightedTotal: z.number().nullable(),
  })
  .meta({ id: 'ReviewPanelRound' });

export const panelRubricView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    asksRecommendation: z.boolean(),
    criteria: z.array(
      z.object({
        id: z.uuid(),
        label: z.string(),
        description: z.string(),
        minScore: z.number().int(),
        maxScore: z.number().int(),
        weight: z.number(),
        /** False for a criterion scored earlier that the call's rubric no longer has. */
        current: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ReviewPanelRubric' });

export const reviewPanelView = z
  .object({
    submission: z.object({
      id: z.uuid(),
      code: z.string().nullable(),
      title: z.string(),
      status: submissionStateSchema,
      round: z.number().int(),
      venueKind: venueKindSchema,
    }),
    rubric: panelRubricView.nullable(),
    /** How the weighted totals are computed, in plain words for the page. */
    scoring: z.string(),
    /** Newest round first. */
    rounds: z.array(panelRoundView),
  })
  .meta({ id: 'ReviewPanel' });
export type ReviewPanelView = z.infer<typeof reviewPanelView>;

export interface ReviewPanelParts {
  submission: PanelSubmissionRow;
  assignments: PanelAssignmentRow[];
  scores: PanelScoreRow[];
  criteria: PanelCriterionRow[];
  alternates: PanelAlternateRow[];
  now: Date;
}

export const reviewerLabel = (words: VenueWords, number: number) =>
  `${words.reviewer[0]!.toUpperCase()}${words.reviewer.slice(1)} ${number}`;

const isOverdue = (status: string, dueAt: Date | null, now: Date) =>
  openAssignmentStates.includes(status as AssignmentState) && dueAt !== null && dueAt.getTime() < now.getTime();

export function scoringExplanation(words: VenueWords): string {
  return (
    `Each ${words.reviewer}’s weighted total is the sum of every score times its criterion’s weight, divided by ` +
    'the sum of the weights of the criteria scored, so it stays on the rubric’s own scale. ' +
    `The mean is the plain average of the ${words.reviewers}’ weighted totals. Both are rounded to two decimals.`
  );
}

export function toReviewPanelView(parts: ReviewPanelParts): ReviewPanelView {
  const { submission, now } = parts;
  const words = venueWords(submission.venue_kind);
  const criteria = parts.criteria.map((row) => ({ ...row, weight: Number(row.weight) }));
  const current = criteria.find((row) => row.rubric_id === submission.rubric_id) ?? criteria[0];
  const scoresByReview = new Map<string, Map<string, number>>();
  for (const row of parts.scores) {
    const scores = scoresByReview.get(row.review_id) ?? new Map<string, number>();
    scores.set(row.criterion_id, row.score);
    scoresByReview.set(row.review_id, scores);
  }

  const roundNumbers = [
    ...new Set([submission.round, ...parts.assignments.map((a) => a.round), ...parts.alternates.map((a) => a.round)]),
  ].sort((a, b) => b - a);

  const rounds = roundNumbers.map((round) => {
    const assignments = parts.assignments.filter((row) => row.round === round);
    const reviews = assignments
      .filter((row) => row.status === 'submitted' && row.review_id)
      .map((row) => {
        const given = scoresByReview.get(row.review_id!) ?? new Map<string, number>();
        return {
          assignmentId: row.id,
          reviewerNumber: row.reviewer_number,
          label: reviewerLabel(words, row.reviewer_number),
          submittedAt: iso(row.submitted_at),
          scores: criteria.map((criterion) => ({ criterionId: criterion.id, score: given.get(criterion.id) ?? null })),
          weightedTotal: weightedTotal(criteria, given),
          recommendation: (row.recommendation as Recommendation | null) ?? null,
          commentsToAuthor: row.comments_to_author ?? '',
          commentsToEditor: row.comments_to_editor ?? '',
        };
      });
    return {
      round,
      assignments: assignments.map((row) => ({
        id: row.id,
        reviewerNumber: row.reviewer_number,
        label: reviewerLabel(words, row.reviewer_number),
        reviewer: { personId: row.reviewer_id, name: row.reviewer_name, email: row.reviewer_email },
        status: row.status as AssignmentState,
        invitedAt: row.invited_at.toISOString(),
        respondedAt: iso(row.responded_at),
        dueAt: iso(row.due_at),
        submittedAt: iso(row.submitted_at),
        endedAt: iso(row.cancelled_at ?? row.expired_at),
        overdue: isOverdue(row.status, row.due_at, now),
        conflictOverride: row.conflict_override,
        declineReason: row.decline_reason,
        suggestedReviewer: row.suggested_reviewer,
        cancelReason: row.cancel_reason,
        reopenedAt: iso(row.reopened_at),
      })),
      alternates: parts.alternates
        .filter((row) => row.round === round)
        .map((row) => ({
          personId: row.person_id,
          name: row.name,
          email: row.email,
          position: row.position,
          conflictOverride: row.conflict_override,
          addedAt: row.added_at.toISOString(),
        })),
      reviews,
      criterionMeans: criteria.map((criterion, index) => ({
        criterionId: criterion.id,
        mean: meanOf(reviews.map((review) => review.scores[index]!.score)),
      })),
      meanWeightedTotal: meanOf(reviews.map((review) => review.weightedTotal)),
    };
  });

  return {
    submission: {
      id: submission.id,
      code: submission.code,
      title: submission.title,
      status: submission.status as ReviewPanelView['submission']['status'],
      round: submission.round,
      venueKind: submission.venue_kind as ReviewPanelView['submission']['venueKind'],
    },
    rubric: current
      ? {
          id: current.rubric_id,
          name: current.rubric_name,
          asksRecommendation: current.asks_recommendation,
          criteria: criteria.map((criterion) => ({
            id: criterion.id,
            label: criterion.label,
            description: criterion.description,
            minScore: criterion.min_score,
            maxScore: criterion.max_score,
            weight: criterion.weight,
            current: criterion.rubric_id === current.rubric_id,
          })),
        }
      : null,
    scoring: scoringExplanation(words),
    rounds,
  };
}

// Per call ---------------------------------------------------------------------------------------

const stateCounts = z.object(
  Object.fromEntries(assignmentStates.map((state) => [state, z.number().int()])),
) as z.ZodObject<Record<AssignmentState, z.ZodNumber>>;

export const reviewProgressView = z
  .object({
    call: z.object({
      id: z.uuid(),
      title: z.string(),
      venueId: z.uuid(),
      venueKind: venueKindSchema,
      timeZone: z.string(),
    }),
    submissions: z.array(
      z.object({
        id: z.uuid(),
        code: z.string().nullable(),
        title: z.string(),
        round: z.number().int(),
        assignments: z.array(
          z.object({
            id: z.uuid(),
            reviewerNumber: z.number().int(),
            label: z.string(),
            reviewer: person,
            status: assignmentStateSchema,
            dueAt: instant.nullable(),
            /** Still owed and past its due date. */
            late: z.boolean(),
          }),
        ),
        /** How many assignments of the current round are in each state, and how many are late. */
        counts: stateCounts.extend({ late: z.number().int() }),
      }),
    ),
    /** Everyone with an assignment here: assigned (not declined, expired or cancelled), done, late. */
    reviewers: z.array(person.extend({ assigned: z.number().int(), done: z.number().int(), late: z.number().int() })),
  })
  .meta({ id: 'ReviewProgress' });
export type ReviewProgressView = z.infer<typeof reviewProgressView>;

const ended: readonly AssignmentState[] = ['declined', 'expired', 'cancelled'];

export function toReviewProgressView(
  call: ProgressCallRow,
  submissions: ProgressSubmissionRow[],
  assignments: ProgressAssignmentRow[],
  now: Date,
): ReviewProgressView {
  const words = venueWords(call.venue_kind);
  const bySubmission = Map.groupBy(assignments, (row) => row.submission_id);
  const reviewers = new Map<string, ReviewProgressView['reviewers'][number]>();
  for (const row of assignments) {
    const status = row.status as AssignmentState;
    const entry = reviewers.get(row.reviewer_id) ?? {
      personId: row.reviewer_id,
      name: row.reviewer_name,
      email: row.reviewer_email,
      assigned: 0,
      done: 0,
      late: 0,
    };
    if (!ended.includes(status)) entry.assigned += 1;
    if (status === 'submitted') entry.done += 1;
    if (isOverdue(status, row.due_at, now)) entry.late += 1;
    reviewers.set(row.reviewer_id, entry);
  }
  return {
    call: {
      id: call.id,
      title: call.title,
      venueId: call.venue_id,
      venueKind: call.venue_kind as ReviewProgressView['call']['venueKind'],
      timeZone: call.time_zone,
    },
    submissions: submissions.map((submission) => {
      const rows = bySubmission.get(submission.id) ?? [];
      const counts = Object.fromEntries([...assignmentStates, 'late'].map((key) => [key, 0])) as Record<
        AssignmentState | 'late',
        number
      >;
      const listed = rows.map((row) => {
        const late = isOverdue(row.status, row.due_at, now);
        counts[row.status as AssignmentState] += 1;
        if (late) counts.late += 1;
        return {
          id: row.id,
          reviewerNumber: row.reviewer_number,
          label: reviewerLabel(words, row.reviewer_number),
          reviewer: { personId: row.reviewer_id, name: row.reviewer_name, email: row.reviewer_email },
          status: row.status as AssignmentState,
          dueAt: iso(row.due_at),
          late,
        };
      });
      return {
        id: submission.id,
        code: submission.code,
        title: submission.title,
        round: submission.round,
        assignments: listed,
        counts,
      };
    }),
    reviewers: [...reviewers.values()].sort((a, b) => b.late - a.late || a.name.localeCompare(b.name)),
  };
}
