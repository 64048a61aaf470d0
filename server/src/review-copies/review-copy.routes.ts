// The editor's screening decisions on the anonymised copy, and its download.
import { LocalFileStore } from '@gaps/workers/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { reinviteResultSchema } from '../blinding/project-revision.ts';
import { notFound } from '../plugins/errors.ts';
import { okSchema, pdfFileResponse } from '../plugins/response-schemas.ts';
import type { Viewer } from '../policy/permissions.ts';
import { reinviteOnSendToReview } from '../revisions/revision.service.ts';
import { moveByEditor, type SubmissionContext } from '../submissions/submission.service.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { loadReviewCopyFile } from './review-copy.repository.ts';
import { returnMessage, statusReason } from './review-copy.schemas.ts';
import { releaseLatestReviewCopy, returnToAuthor } from './review-copy.service.ts';

const params = z.object({ submissionId: z.uuid() });
const copyFile = { tags: ['review copies'], params, response: { 200: pdfFileResponse } };
const decision = { tags: ['review copies'], params, response: { 200: okSchema } };

export async function reviewCopyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const store = new LocalFileStore(app.config.DATA_DIR);
  const tags = ['review copies'];
  const ctx = (request: FastifyRequest): SubmissionContext => ({
    db: app.db,
    audit: auditContext(request),
    viewer: request.viewer as Viewer,
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });

  app.get('/submissions/:submissionId/review-copy/file', { schema: copyFile }, async (request, reply) => {
    await requireRelation(app.db, request.viewer, request.params.submissionId, ['author', 'editor']);
    const file = await loadReviewCopyFile(app.db, request.params.submissionId);
    if (!file) throw notFound('review copy');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(store.open(file.sha256));
  });

  app.post('/submissions/:submissionId/review-copy/release', { schema: decision }, async (request) => {
    await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
    await releaseLatestReviewCopy(ctx(request), request.params.submissionId);
    return { ok: true };
  });

  app.post(
    '/submissions/:submissionId/return-to-author',
    { schema: { ...decision, body: z.object({ message: returnMessage.default('') }) } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      await returnToAuthor(ctx(request), request.params.submissionId, request.body.message);
      return { ok: true };
    },
  );

  app.post(
    '/submissions/:submissionId/status',
    {
      schema: {
        tags,
        params,
        body: z.object({
          to: z.enum(['screening', 'in_review', 'desk_rejected']),
          reason: statusReason.optional(),
          /** With `in_review` of a revised submission: invite the previous round's reviewers too. */
          reinvitePreviousReviewers: z.boolean().optional(),
        }),
        response: {
          200: okSchema.extend({
            reinvited: reinviteResultSchema.nullable().describe('What re-inviting did, when it was asked for'),
          }),
        },
      },
    },
    async (request) => {
      const { submissionId } = request.params;
      await requireRelation(app.db, request.viewer, submissionId, ['editor']);
      await moveByEditor(ctx(request), submissionId, request.body.to, request.body.reason);
      const reinvite = request.body.to === 'in_review' && request.body.reinvitePreviousReviewers;
      return { ok: true, reinvited: reinvite ? await reinviteOnSendToReview(ctx(request), submissionId) : null };
    },
  );
}
