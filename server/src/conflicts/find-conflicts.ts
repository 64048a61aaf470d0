// Why a person should not review a submission: the one place conflicts are computed.
// (Contract first; the rules land with the reviewer-pool work.)
import type { Database } from '@gaps/db';

export const conflictReasons = [
  'author', // the person is an author (submitter or linked co-author)
  'same_email_domain', // a non-public e-mail domain shared with an author
  'same_affiliation', // the same normalised affiliation or employer as an author
  'co_authored', // co-authored another submission in this system with an author
  'declared_by_reviewer', // the reviewer's declared conflicts name an author, or their institution
  'declared_by_author', // an author asked that this person not review
  'declared', // recorded by an editor on this submission
] as const;
export type ConflictReason = (typeof conflictReasons)[number];

export interface FoundConflict {
  personId: string;
  reason: ConflictReason;
  /** Plain words for the editor ("Same employer as an author: University of Essex"). Editor-only. */
  detail: string;
}

/** Every conflict between the submission's authors and each of `personIds` (none → empty). */
export async function findConflicts(
  _db: Database,
  _submissionId: string,
  _personIds: readonly string[],
): Promise<FoundConflict[]> {
  return [];
}
