// Revision rounds: the author's response to reviewers (autosaved), the editor's re-invitation of
// the previous round's reviewers, and what a reviewer of the new round reads beside the new copy.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireReviewer } from '../assignments/assignment-access.ts';
import { auditContext } from '../audit/context.ts';
import {
  earlierReviewSchema,
  reinviteResultSchema,
  reviewerRevisionResponseSchema,
} from '../blinding/project-revision.ts';
import { submissionAnswerSchema } from '../blinding/project-submission.ts';
import type { Viewer } from '../policy/permissions.ts';
import type { SubmissionContext } from '../submissions/submission.service.ts';
import { requireRelation, requireSubmitter } from '../submissions/submission-access.ts';
import { answerSubmission } from '../submissions/submission-view.ts';
import {
  earlierReview,
  reinvitePreviousReviewers,
  responseForReviewer,
  saveRevisionResponse,
} from './revision.service.ts';

const submissionParams = z.object({ submissionId: z.uuid() });
const assignmentParams = z.object({ assignmentId: z.uuid() });

export async function revisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['revisions'];
  const ctx = (request: FastifyRequest): SubmissionContext => ({
    db: app.db,
    audit: auditContext(request),
    viewer: request.viewer as Viewer,
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });

  // Autosave as the author types; the submitter only (a co-author gets 403 saying who can).
  app.put(
    '/submissions/:submissionId/revision-response',
    {
      schema: {
        tags,
        params: submissionParams,
        body: z.object({ text: z.string().max(50_000) }),
        response: { 200: submissionAnswerSchema },
      },
    },
    async (request) => {
      const access = await requireSubmitter(app.db, request.viewer, request.params.submissionId);
      await saveRevisionResponse(app.db, request.params.submissionId, request.body.text, app.clock());
      return answerSubmission(app.db, request.params.submissionId, access, app.clock());
    },
  );

  app.post(
    '/submissions/:submissionId/reinvite-previous-reviewers',
    { schema: { tags, params: submissionParams, response: { 200: reinviteResultSchema } } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      return reinvitePreviousReviewers(ctx(request), request.params.submissionId);
    },
  );

  // The reviewer's own review of the round before; null when they wrote none (a new reviewer).
  app.get(
    '/assignments/:assignmentId/earlier-review',
    { schema: { tags, params: assignmentParams, response: { 200: earlierReviewSchema } } },
    async (request) => {
      const { facts } = await requireReviewer(app.db, request.viewer, request.params.assignmentId);
      return earlierReview(app.db, facts);
    },
  );

  // Every reviewer of a round a revision opened reads the author's response, as sent.
  app.get(
    '/assignments/:assignmentId/revision-response',
    { schema: { tags, params: assignmentParams, response: { 200: reviewerRevisionResponseSchema } } },
    async (request) => {
      const { facts } = await requireReviewer(app.db, request.viewer, request.params.assignmentId);
      return responseForReviewer(app.db, facts);
    },
  );
}
