// The reviewer pool as the editor sees it when choosing reviewers for a submission: names,
// addresses, load and, above all, conflicts with the authors, whose details name the authors and
// their institutions. Editor-only: no reviewer- or author-facing route may use these views.
import { z } from 'zod';
import { conflictReasons, type FoundConflict } from '../conflicts/find-conflicts.ts';

export const conflictReasonSchema = z.enum(conflictReasons).meta({ id: 'ConflictReason' });

export const conflictViewSchema = z
  .object({
    reason: conflictReasonSchema,
    /** Plain words, e.g. "Same e-mail domain as Ann Author: essex.ac.uk". */
    detail: z.string(),
  })
  .meta({ id: 'Conflict' });
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const reviewerSuggestionSchema = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    email: z.string(),
    /** The person's affiliation and, when the editor recorded a different one, their employer. */
    affiliation: z.string().nullable(),
    expertise: z.array(z.string()),
    /** The areas of expertise that fit the submission's keywords, title or abstract. */
    matchedKeywords: z.array(z.string()),
    /** Open assignments (invited or accepted) across the venue. */
    load: z.number().int(),
    /** What the editor noted ("not before March"), with the first day they are free when known. */
    availability: z.string().nullable(),
    /** Empty when there is none; a suggestion with conflicts comes after every one without. */
    conflicts: z.array(conflictViewSchema),
  })
  .meta({ id: 'ReviewerSuggestion' });
export type ReviewerSuggestion = z.infer<typeof reviewerSuggestionSchema>;

export const reviewerSuggestionsSchema = z
  .object({ suggestions: z.array(reviewerSuggestionSchema) })
  .meta({ id: 'ReviewerSuggestions' });

/** One person's conflicts, as the editor reads them. */
export const projectConflicts = (conflicts: readonly FoundConflict[]): ConflictView[] =>
  conflicts.map(({ reason, detail }) => ({ reason, detail }));

export const declaredConflictAnswerSchema = z
  .object({ personId: z.uuid(), conflicts: z.array(conflictViewSchema) })
  .meta({ id: 'DeclaredConflict' });
