// The reviewer's (or judge's) home: what is waiting for them and what is done, across venues;
// and answering an invitation from there while signed in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireReviewer } from '../assignments/assignment-access.ts';
import { auditContext } from '../audit/context.ts';
import { reviewerHomeSchema, toReviewerHomeItem } from '../blinding/project-reviewer-home.ts';
import { okSchema } from '../plugins/response-schemas.ts';
import { authorize } from '../policy/permissions.ts';
import { answerInvitation } from './respond.ts';
import { loadReviewerHome } from './reviewer-home.repository.ts';

const tags = ['reviews'];

export async function reviewerHomeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/me/reviews', { schema: { tags, response: { 200: reviewerHomeSchema } } }, async (request) => {
    // A session from an invitation link reaches its one assignment only, not the home (404).
    authorize(request.viewer, { kind: 'account.use' });
    const now = app.clock();
    const home = await loadReviewerHome(app.db, request.viewer.personId);
    return {
      waiting: home.waiting.map((row) => toReviewerHomeItem(row, now)),
      done: home.done.map((row) => toReviewerHomeItem(row, now)),
      moreDone: home.moreDone,
    };
  });

  app.post(
    '/assignments/:assignmentId/respond',
    {
      schema: {
        tags,
        description:
          'The invited reviewer, signed in, accepts or declines (with a reason and a suggestion if they like).',
        params: z.object({ assignmentId: z.uuid() }),
        body: z.object({
          answer: z.enum(['accept', 'decline']),
          reason: z.string().trim().max(2000).optional(),
          suggestion: z.string().trim().max(500).optional(),
        }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const access = await requireReviewer(app.db, request.viewer, request.params.assignmentId);
      await answerInvitation(
        { db: app.db, audit: auditContext(request), now: app.clock(), publicUrl: app.config.PUBLIC_URL },
        access,
        request.body,
      );
      return { ok: true };
    },
  );
}
