// What an award entry's authors (and the award's editors) see of its announced result, and what a
// journal's editors see of an essay that came from the award. Nothing of a result is shown before
// the announcement (the loader reads announced results only), and nothing here reaches a reviewer
// or a judge: the reviewer views do not include these objects.
import { z } from 'zod';
import { type AnnouncedAward, awardYear, fromAwardNote, isHonoured } from '../awards/entrant-award.ts';

export const entrantAwardSchema = z
  .object({
    outcome: z.enum(['winner', 'commended', 'shortlisted', 'not_placed']),
    /** The award's name, e.g. "Clare Winnicott Essay Awards". */
    venueName: z.string(),
    categoryName: z.string().nullable(),
    year: z.number().int(),
    /** A certificate is there to download (winners and commended entrants). */
    certificateAvailable: z.boolean(),
    journal: z.object({
      /** The entrant may offer this essay to the journal (winners and commended entrants). */
      offerable: z.boolean(),
      consentGiven: z.boolean(),
      /** The journal submission made from this essay, once an editor has moved it. */
      submissionId: z.uuid().nullable(),
      submissionCode: z.string().nullable(),
    }),
  })
  .meta({ id: 'EntrantAward' });
export type EntrantAward = z.infer<typeof entrantAwardSchema>;

export function toEntrantAward(award: AnnouncedAward | undefined): EntrantAward | null {
  if (!award) return null;
  const honoured = isHonoured(award.outcome);
  return {
    outcome: award.outcome as EntrantAward['outcome'],
    venueName: award.venue_name,
    categoryName: award.category_name,
    year: awardYear(award),
    certificateAvailable: honoured,
    journal: {
      offerable: honoured,
      consentGiven: award.journal_consent_at !== null,
      submissionId: award.journal_submission_id,
      submissionCode: award.journal_submission_code,
    },
  };
}

/** Where a journal submission came from, for the journal's editors ("From the … 2026 (winner)"). */
export const fromAwardSchema = z
  .object({ submissionId: z.uuid(), code: z.string().nullable(), note: z.string() })
  .meta({ id: 'FromAward' });
export type FromAward = z.infer<typeof fromAwardSchema>;

export interface FromAwardRow {
  submissionId: string;
  code: string | null;
  venueName: string;
  year: number;
  outcome: string;
}

export function toFromAward(row: FromAwardRow | null | undefined): FromAward | null {
  if (!row) return null;
  return { submissionId: row.submissionId, code: row.code, note: fromAwardNote(row) };
}
