// The rules of a journal decision, as pure functions: which outcomes may be chosen in which state,
// where each takes the submission, and the words pages and e-mails use for them.
import { type DecisionOutcome, decisionOutcomes } from '../mail-templates/decision-mail.ts';
import type { SubmissionState } from '../submissions/submission-state.ts';

export { type DecisionOutcome, decisionOutcomes };

export const decisionLabels: Record<DecisionOutcome, string> = {
  accept: 'Accept',
  minor_revision: 'Minor revision',
  major_revision: 'Major revision',
  reject: 'Reject',
  desk_reject: 'Reject without review',
};

/** The outcome as a result that happened, for reports and counts ("Accepted"). */
export const decisionResultLabels: Record<DecisionOutcome, string> = {
  accept: 'Accepted',
  minor_revision: 'Minor revision',
  major_revision: 'Major revision',
  reject: 'Rejected after review',
  desk_reject: 'Rejected without review',
};

/** The outcome in the words of a reviewer's thank-you ("it was …"). */
export const outcomeForReviewers: Record<DecisionOutcome, string> = {
  accept: 'accepted for publication',
  minor_revision: 'returned to the authors for minor revisions',
  major_revision: 'returned to the authors for major revisions',
  reject: 'not accepted for publication',
  desk_reject: 'not sent on for review',
};

export const targetState: Record<DecisionOutcome, SubmissionState> = {
  accept: 'decided',
  minor_revision: 'revision_requested',
  major_revision: 'revision_requested',
  reject: 'decided',
  desk_reject: 'desk_rejected',
};

/** The states each outcome is made from: after review, or (reject without review) before it. */
export const decidedFrom: Record<DecisionOutcome, readonly SubmissionState[]> = {
  accept: ['in_review'],
  minor_revision: ['in_review'],
  major_revision: ['in_review'],
  reject: ['in_review'],
  desk_reject: ['submitted', 'screening'],
};

export function outcomesFor(state: string): DecisionOutcome[] {
  return decisionOutcomes.filter((outcome) => decidedFrom[outcome].includes(state as SubmissionState));
}

export const reviewerMailChoices = ['none', 'thanks', 'thanks_and_outcome'] as const;
export type ReviewerMailChoice = (typeof reviewerMailChoices)[number];

/**
 * The reviewers' comments to the author as one block of the letter, numbered by their assignment
 * ("Reviewer 1"), in that order. Only the author-facing comments are given here, never a name.
 */
export function reviewsForLetter(
  reviews: ReadonlyArray<{ reviewerNumber: number; commentsToAuthor: string }>,
  reviewerWord = 'Reviewer',
): string {
  return [...reviews]
    .sort((a, b) => a.reviewerNumber - b.reviewerNumber)
    .filter((review) => review.commentsToAuthor.trim() !== '')
    .map((review) => `${reviewerWord} ${review.reviewerNumber}\n\n${review.commentsToAuthor.trim()}`)
    .join('\n\n');
}
