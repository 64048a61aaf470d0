// The rules of a revision round, as pure functions (unit-tested without a database).
import type { RevisionMissingItem } from '../blinding/project-revision.ts';
import type { SubmissionState } from '../submissions/submission-state.ts';
import { venueWords } from '../venues/venue-words.ts';

/**
 * Revision rounds are a journal's: an award entry is judged once and never gets a new round, so
 * sending an award entry back (which the state table allows) stays a return for changes in the
 * same round, as it was before revision rounds existed.
 */
export function hasRevisionRounds(venueKind: string): boolean {
  return venueKind === 'journal';
}

/**
 * Whether a move ends a review round and opens a revision. Only the move out of review does: a
 * return before review (submitted or screening → revision requested, e.g. to anonymise the copy)
 * asks for changes to the same round's manuscript, which reviewers have not read yet.
 */
export function opensRevisionRound(from: SubmissionState, to: SubmissionState, venueKind: string): boolean {
  return from === 'in_review' && to === 'revision_requested' && hasRevisionRounds(venueKind);
}

/** What still stands between a revision and "Send": a manuscript of the new round and the response. */
export function revisionMissing(facts: {
  venueKind: string;
  manuscriptsThisRound: number;
  response: string;
}): RevisionMissingItem[] {
  const { manuscript, reviewers } = venueWords(facts.venueKind);
  const missing: RevisionMissingItem[] = [];
  if (facts.manuscriptsThisRound === 0)
    missing.push({ field: 'manuscript', message: `Upload your revised ${manuscript} as a PDF.` });
  if (facts.response.trim().length < 20)
    missing.push({
      field: 'response',
      message: `Write your response to the ${reviewers}: a few sentences on what you changed, and why you did not change what you kept.`,
    });
  return missing;
}

export interface PreviousAssignment {
  reviewerId: string;
  status: string;
  /** When the review itself was submitted (null for a draft or no review). */
  reviewSubmittedAt: Date | null;
}

/**
 * Who is invited to the new round by default: the previous round's reviewers who submitted their
 * review. Those who declined, let the invitation expire, were cancelled or never finished are
 * left for the editor to choose again; each person once, in the order given.
 */
export function whoToReinvite(previous: readonly PreviousAssignment[]): string[] {
  const people = previous
    .filter((assignment) => assignment.status === 'submitted' && assignment.reviewSubmittedAt !== null)
    .map((assignment) => assignment.reviewerId);
  return [...new Set(people)];
}
