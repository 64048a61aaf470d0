// The words the editor's review pages use for states and recommendations. States are always said
// in words (never by colour alone), in the venue's own terms: judges score, reviewers review.
import type { AssignmentState, Recommendation } from '../api/review-panel.ts';
import type { VenueKind } from '../api/types.ts';
import { venueWords } from '../venues/venue-words.ts';

export function assignmentStateLabel(state: AssignmentState, kind: VenueKind): string {
  const words = venueWords(kind);
  const labels: Record<AssignmentState, string> = {
    invited: 'Invited, no answer yet',
    accepted: `Accepted, ${words.review} under way`,
    declined: 'Declined',
    expired: 'Invitation expired unanswered',
    submitted: kind === 'award' ? 'Scores sent' : 'Review sent',
    cancelled: 'Cancelled',
  };
  return labels[state];
}

/** Answered and closed: declined, expired unanswered, or cancelled (a sent review is not ended). */
export const isEnded = (status: string) => ['declined', 'expired', 'cancelled'].includes(status);

export const recommendationLabels: Record<Recommendation, string> = {
  accept: 'Accept',
  minor_revision: 'Minor revision',
  major_revision: 'Major revision',
  reject: 'Reject',
};

/** The reasons the conflict check gives, in plain words for the editor. */
const conflictReasons: Record<string, string> = {
  author: 'Is an author',
  co_author: 'Is a co-author',
  same_email_domain: 'Same e-mail domain as an author',
  same_affiliation: 'Same institution or employer as an author',
  same_institution: 'Same institution or employer as an author',
  co_authored: 'Has written with an author',
  declared_by_reviewer: 'Declared a conflict',
  declared_by_author: 'An author asked that they not review',
  declared: 'Conflict recorded by an editor',
};

export function conflictReasonLabel(reason: string): string {
  return conflictReasons[reason] ?? reason.replaceAll('_', ' ');
}

/** A score or total as the table shows it: "4", "2.71", or a dash for none. */
export function scoreText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
