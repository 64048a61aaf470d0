// Whom to invite: the venue's active pool, ranked for one submission. Nobody is left out; people
// with a conflict come last, with their reasons, so the editor sees why rather than wondering
// where someone went (inviting them anyway takes an override with a reason, see assignments/invite.ts).
import type { Database } from '@gaps/db';
import { projectConflicts, type ReviewerSuggestion } from '../blinding/project-reviewer-pool.ts';
import { reviewerRows } from '../venues/reviewer-pool.service.ts';
import { findConflicts } from './find-conflicts.ts';
import { matchExpertise } from './keyword-match.ts';

function availabilityText(text: string | null, from: string | null): string | null {
  if (text && from) return `${text} (free from ${from})`;
  return text ?? (from ? `Free from ${from}` : null);
}

function affiliationText(affiliation: string | null, employer: string | null): string | null {
  if (affiliation && employer && affiliation.trim().toLowerCase() !== employer.trim().toLowerCase()) {
    return `${affiliation}; employer: ${employer}`;
  }
  return affiliation ?? employer;
}

/** The suggestions for a submission the caller has already checked the editor may manage. */
export async function suggestReviewers(db: Database, submissionId: string): Promise<ReviewerSuggestion[]> {
  const submission = await db
    .selectFrom('submission')
    .select(['venue_id', 'title', 'abstract', 'keywords'])
    .where('id', '=', submissionId)
    .executeTakeFirstOrThrow();
  const pool = await reviewerRows(db, submission.venue_id).where('reviewer_pool.active', '=', true).execute();
  const conflicts = await findConflicts(
    db,
    submissionId,
    pool.map((row) => row.personId),
  );
  const ranked = pool.map((row) => {
    const match = matchExpertise(row.expertise, submission);
    const suggestion: ReviewerSuggestion = {
      personId: row.personId,
      name: row.name,
      email: row.email,
      affiliation: affiliationText(row.affiliation, row.employer),
      expertise: row.expertise,
      matchedKeywords: match.matched,
      load: row.load,
      availability: availabilityText(row.availability, row.availableFrom),
      conflicts: projectConflicts(conflicts.filter((conflict) => conflict.personId === row.personId)),
    };
    return { suggestion, score: match.score };
  });
  ranked.sort(
    (a, b) =>
      Number(a.suggestion.conflicts.length > 0) - Number(b.suggestion.conflicts.length > 0) ||
      b.score - a.score ||
      a.suggestion.load - b.suggestion.load ||
      a.suggestion.name.localeCompare(b.suggestion.name, 'en') ||
      a.suggestion.personId.localeCompare(b.suggestion.personId),
  );
  return ranked.map((entry) => entry.suggestion);
}
