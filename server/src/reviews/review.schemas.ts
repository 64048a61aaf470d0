// What a reviewer sends: a draft saved as they type (any part of it), or the text form back.
import { z } from 'zod';
import { recommendationSchema } from '../blinding/project-review.ts';

/** Long reviews are normal; a limit still stops a pasted book. */
export const REVIEW_TEXT_LIMIT = 50_000;
const reviewText = z.string().max(REVIEW_TEXT_LIMIT, { message: `use at most ${REVIEW_TEXT_LIMIT} characters` });

export const reviewPatchSchema = z
  .object({
    /** Criterion id → score, or null to clear it. Scores are checked against each criterion's scale. */
    scores: z.record(z.uuid(), z.number().int().nullable()).optional(),
    recommendation: recommendationSchema.nullable().optional(),
    commentsToAuthor: reviewText.optional(),
    commentsToEditor: reviewText.optional(),
  })
  .meta({ id: 'ReviewPatch' });
export type ReviewPatch = z.infer<typeof reviewPatchSchema>;
