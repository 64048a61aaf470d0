// An award entry's announced result, as its entrant (and the journal move) needs it. Nothing here is
// read before the announcement: until `announced_at` is set, an entry has no result for its author.
import type { Database } from '@gaps/db';

/** The outcomes that earn a certificate and may be offered to the journal. */
export const honouredOutcomes = ['winner', 'commended'] as const;
export type HonouredOutcome = (typeof honouredOutcomes)[number];
export const isHonoured = (outcome: string): outcome is HonouredOutcome =>
  (honouredOutcomes as readonly string[]).includes(outcome);

/** The announced result of an entry, or undefined (not an award entry, no result, not announced). */
export async function loadAnnouncedAward(db: Database, submissionId: string) {
  return db
    .selectFrom('award_result')
    .innerJoin('submission', 'submission.id', 'award_result.submission_id')
    .innerJoin('venue', 'venue.id', 'submission.venue_id')
    .leftJoin('call_category', 'call_category.id', 'award_result.category_id')
    .leftJoin('submission as journal_submission', 'journal_submission.id', 'award_result.journal_submission_id')
    .select([
      'award_result.id',
      'award_result.outcome',
      'award_result.announced_at',
      'award_result.journal_consent_at',
      'award_result.journal_submission_id',
      'journal_submission.code as journal_submission_code',
      'call_category.name as category_name',
      'submission.code',
      'submission.code_year',
      'submission.submitted_at',
      'submission.title',
      'submission.venue_id',
      'venue.name as venue_name',
    ])
    .where('award_result.submission_id', '=', submissionId)
    .where('venue.kind', '=', 'award')
    .where('award_result.announced_at', 'is not', null)
    .executeTakeFirst();
}
export type AnnouncedAward = NonNullable<Awaited<ReturnType<typeof loadAnnouncedAward>>>;

/** The year the award round is named by: the year its entries' codes carry. */
export const awardYear = (award: AnnouncedAward) =>
  award.code_year ?? (award.submitted_at ?? award.announced_at!).getUTCFullYear();

/** "From the Clare Winnicott Essay Awards 2026 (winner)": how the journal's editors see where an essay came from. */
export function fromAwardNote(award: { venueName: string; year: number; outcome: string }): string {
  return `From the ${award.venueName} ${award.year} (${award.outcome === 'winner' ? 'winner' : award.outcome})`;
}
