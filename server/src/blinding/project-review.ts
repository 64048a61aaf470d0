// What a reviewer (or judge) sees on their review page: the anonymised submission, their own number
// and due date, the rubric, and their own draft. Nothing here names the authors of a double-blind
// submission, the other reviewers, or the files' uploaded names; the schemas are the routes'
// response schemas, so a field not listed here cannot leave the server (the second wall).
import { z } from 'zod';
import type { SubmissionRow } from '../submissions/submission.repository.ts';
import { venueKindSchema } from '../venues/venue.schemas.ts';
import { previousReviewSchema, sentRevisionResponseSchema } from './project-revision.ts';
import { type ReviewerView, reviewerViewSchema, toReviewerView } from './project-submission.ts';

const instant = z.iso.datetime();

export const recommendations = ['accept', 'minor_revision', 'major_revision', 'reject'] as const;
export const recommendationSchema = z.enum(recommendations).meta({ id: 'Recommendation' });
export type Recommendation = (typeof recommendations)[number];

export const scaleDescriptorSchema = z
  .object({ score: z.number().int(), text: z.string() })
  .meta({ id: 'ScaleDescriptor' });

/** One question of a rubric, as both the editor who writes it and the reviewer who scores it read it. */
export const rubricCriterionViewSchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    description: z.string(),
    minScore: z.number().int(),
    maxScore: z.number().int(),
    weight: z.number(),
    /** What each point of the scale means (some points may have none). */
    descriptors: z.array(scaleDescriptorSchema),
  })
  .meta({ id: 'RubricCriterion' });
export type RubricCriterionView = z.infer<typeof rubricCriterionViewSchema>;

export const reviewerRubricSchema = z
  .object({ name: z.string(), criteria: z.array(rubricCriterionViewSchema) })
  .meta({ id: 'ReviewerRubric' });

export const reviewStateSchema = z.enum(['draft', 'submitted', 'reopened']).meta({ id: 'ReviewState' });
export type ReviewState = z.infer<typeof reviewStateSchema>;

/** The reviewer's own answers: what they scored and wrote, saved as they go. */
export const reviewDraftSchema = z
  .object({
    state: reviewStateSchema,
    /** Criterion id → score; a criterion not scored yet is absent. */
    scores: z.record(z.string(), z.number().int()),
    recommendation: recommendationSchema.nullable(),
    commentsToAuthor: z.string(),
    /** Confidential: read by the editors only, never by the authors. */
    commentsToEditor: z.string(),
    updatedAt: instant.nullable(),
    submittedAt: instant.nullable(),
    reopenedAt: instant.nullable(),
  })
  .meta({ id: 'ReviewDraft' });
export type ReviewDraft = z.infer<typeof reviewDraftSchema>;

/** The anonymised submission, with whether its review copy can be read yet. */
export const reviewerSubmissionSchema = reviewerViewSchema
  .extend({
    reviewCopyAvailable: z.boolean(),
    /**
     * Single-blind and open calls only: the authors' names and affiliations, as the call's mode
     * allows. Always null on a double-blind call.
     */
    authors: z.array(z.object({ name: z.string(), affiliation: z.string().nullable() })).nullable(),
  })
  .meta({ id: 'ReviewerSubmission' });

export const reviewPageSchema = z
  .object({
    assignment: z.object({
      id: z.uuid(),
      /** "Reviewer 2": the only name this reviewer has on the submission. */
      reviewerNumber: z.number().int(),
      round: z.number().int(),
      dueAt: instant.nullable(),
    }),
    venueKind: venueKindSchema,
    submission: reviewerSubmissionSchema,
    /** Null when the call names no rubric: then the review is comments (and a recommendation, if asked). */
    rubric: reviewerRubricSchema.nullable(),
    asksRecommendation: z.boolean(),
    review: reviewDraftSchema,
    /**
     * A journal's later round only, beside the new copy: this reviewer's own review of the round
     * before (null for a reviewer new to the submission), and the author's response as sent.
     * Both null in round 1 and for award entries, which have no rounds.
     */
    earlierReview: previousReviewSchema.nullable(),
    revisionResponse: sentRevisionResponseSchema.nullable(),
  })
  .meta({ id: 'ReviewPage' });
export type ReviewPage = z.infer<typeof reviewPageSchema>;

export type BlindMode = 'double' | 'single' | 'open';

/** The submission for its reviewer: anonymised, with author names only where the call's mode shows them. */
export function toReviewerSubmission(
  row: SubmissionRow,
  facts: {
    wordCount: number | null;
    reviewCopyAvailable: boolean;
    blindMode: BlindMode;
    authors: ReadonlyArray<{ name: string; affiliation: string | null }>;
  },
): ReviewerView & z.infer<typeof reviewerSubmissionSchema> {
  return {
    ...toReviewerView(row, facts.wordCount),
    reviewCopyAvailable: facts.reviewCopyAvailable,
    authors:
      facts.blindMode === 'double' ? null : facts.authors.map(({ name, affiliation }) => ({ name, affiliation })),
  };
}
