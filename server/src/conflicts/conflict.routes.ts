// The editor choosing reviewers: suggestions ranked with their conflicts, and conflicts the editor
// records by hand. Both answer 404 to anyone but an editor of the venue who is not an author.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import {
  declaredConflictAnswerSchema,
  projectConflicts,
  reviewerSuggestionsSchema,
} from '../blinding/project-reviewer-pool.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { declareConflict } from './declare-conflict.ts';
import { suggestReviewers } from './reviewer-suggestions.ts';

const submissionParams = z.object({ submissionId: z.uuid() });

export const conflictDeclaration = z.object({
  personId: z.uuid({ message: 'choose the person from the list' }),
  note: z
    .string()
    .trim()
    .max(2000, { message: 'keep the note to 2,000 characters or fewer' })
    .transform((note) => note || null)
    .nullable()
    .default(null),
});

export async function conflictRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['conflicts'];

  app.get(
    '/submissions/:submissionId/reviewer-suggestions',
    { schema: { tags, params: submissionParams, response: { 200: reviewerSuggestionsSchema } } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      return { suggestions: await suggestReviewers(app.db, request.params.submissionId) };
    },
  );

  app.post(
    '/submissions/:submissionId/conflicts',
    {
      schema: {
        tags,
        params: submissionParams,
        body: conflictDeclaration,
        response: { 201: declaredConflictAnswerSchema },
      },
    },
    async (request, reply) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      const conflicts = await declareConflict(app.db, auditContext(request), request.params.submissionId, request.body);
      return reply.status(201).send({ personId: request.body.personId, conflicts: projectConflicts(conflicts) });
    },
  );
}
