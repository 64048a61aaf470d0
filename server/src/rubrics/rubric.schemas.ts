// A venue's rubrics as the editor writes them. Pure zod: the web form checks the same limits.
import { z } from 'zod';
import { rubricCriterionViewSchema } from '../blinding/project-review.ts';

/** Scales are short, so a reviewer can choose among radio buttons: at most 11 points, from 0 to 10. */
export const SCALE_FLOOR = 0;
export const SCALE_CEILING = 10;

export const rubricName = z.string().trim().min(2).max(120);

export const criterionInput = z
  .object({
    /** An existing criterion keeps its id (scores refer to it); a new one has none. */
    id: z.uuid().optional(),
    label: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).default(''),
    minScore: z
      .number()
      .int()
      .min(SCALE_FLOOR)
      .max(SCALE_CEILING - 1),
    maxScore: z
      .number()
      .int()
      .min(SCALE_FLOOR + 1)
      .max(SCALE_CEILING),
    weight: z.number().positive().max(99).multipleOf(0.01).default(1),
    /** What a score means; points without words are left out. */
    descriptors: z
      .array(z.object({ score: z.number().int(), text: z.string().trim().min(1).max(500) }))
      .max(SCALE_CEILING + 1)
      .default([]),
  })
  .superRefine((criterion, context) => {
    if (criterion.minScore >= criterion.maxScore) {
      context.addIssue({ code: 'custom', path: ['maxScore'], message: 'must be more than the lowest score' });
    }
    const seen = new Set<number>();
    criterion.descriptors.forEach((descriptor, index) => {
      if (descriptor.score < criterion.minScore || descriptor.score > criterion.maxScore) {
        context.addIssue({
          code: 'custom',
          path: ['descriptors', index, 'score'],
          message: `must be on the scale, from ${criterion.minScore} to ${criterion.maxScore}`,
        });
      }
      if (seen.has(descriptor.score)) {
        context.addIssue({
          code: 'custom',
          path: ['descriptors', index, 'score'],
          message: 'has words already: one description per score',
        });
      }
      seen.add(descriptor.score);
    });
  });
export type CriterionInput = z.infer<typeof criterionInput>;

export const rubricInput = z.object({
  name: rubricName,
  /** The journal's reviewers also recommend: accept, minor revision, major revision or reject. */
  asksRecommendation: z.boolean().default(false),
  criteria: z
    .array(criterionInput)
    .min(1, { message: 'add at least one criterion' })
    .max(20)
    .superRefine((criteria, context) => {
      const ids = criteria.map((c) => c.id).filter(Boolean);
      if (new Set(ids).size !== ids.length) {
        context.addIssue({ code: 'custom', message: 'lists the same criterion twice' });
      }
    }),
});
export type RubricInput = z.infer<typeof rubricInput>;

export const rubricDetailSchema = z
  .object({
    id: z.uuid(),
    venueId: z.uuid(),
    name: z.string(),
    asksRecommendation: z.boolean(),
    criteria: z.array(rubricCriterionViewSchema),
    /** Reviewers have scored with it: its criteria and scales can no longer change. */
    inUse: z.boolean(),
    /** The calls that use it, by title. */
    usedByCalls: z.array(z.string()),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RubricDetail' });
export type RubricDetail = z.infer<typeof rubricDetailSchema>;
