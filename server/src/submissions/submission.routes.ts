import { LocalFileStore } from '@gaps/workers/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { authorViewSchema, submissionAnswerSchema } from '../blinding/project-submission.ts';
import { editorQueuePage, mySubmissionsPage } from '../blinding/project-submission-list.ts';
import { plausibleInstant } from '../calls/date-rules.ts';
import { keepWarnedDraft } from '../data-protection/retention/keep-draft.ts';
import { noContentSchema, okSchema } from '../plugins/response-schemas.ts';
import { authorize, type Viewer } from '../policy/permissions.ts';
import { deleteDraft } from './delete-draft.ts';
import { listEditorQueue, queueQuery } from './editor-queue.ts';
import { listMySubmissions, mySubmissionsQuery } from './my-submissions.ts';
import { draftPatch } from './submission.schemas.ts';
import {
  extendDeadline,
  type SubmissionContext,
  saveDraft,
  startSubmission,
  submitSubmission,
  withdrawSubmission,
} from './submission.service.ts';
import { requireRelation, requireSubmitter } from './submission-access.ts';
import { answerSubmission, viewSubmission } from './submission-view.ts';

const submissionParams = z.object({ submissionId: z.uuid() });
const answer = { 200: submissionAnswerSchema };
const viewRoute = { tags: ['submissions'], params: submissionParams, response: answer };

export async function submissionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['submissions'];
  const store = new LocalFileStore(app.config.DATA_DIR);
  const ctx = (request: FastifyRequest): SubmissionContext => ({
    db: app.db,
    audit: auditContext(request),
    viewer: request.viewer as Viewer,
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });

  // 201 with a new draft; 200 with the author's empty draft for the call, opened again.
  const start = {
    tags,
    body: z.object({ callId: z.uuid() }),
    response: { 200: authorViewSchema, 201: authorViewSchema },
  };
  app.post('/submissions', { schema: start }, async (request, reply) => {
    authorize(request.viewer, { kind: 'account.use' });
    const { id, resumed } = await startSubmission(ctx(request), request.body.callId);
    return reply.status(resumed ? 200 : 201).send(await viewSubmission(app.db, id, 'author', app.clock()));
  });

  // Only a draft, only by its submitter: a co-author is told who can, anyone else gets 404.
  app.delete(
    '/submissions/:submissionId',
    { schema: { tags, params: submissionParams, response: { 204: noContentSchema } } },
    async (request, reply) => {
      await requireSubmitter(app.db, request.viewer, request.params.submissionId);
      await deleteDraft({ db: app.db, audit: auditContext(request), store }, request.params.submissionId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/submissions',
    { schema: { tags, querystring: mySubmissionsQuery, response: { 200: mySubmissionsPage } } },
    async (request) => {
      authorize(request.viewer, { kind: 'account.use' });
      return listMySubmissions(app.db, request.viewer, request.query, app.clock());
    },
  );

  app.get('/submissions/:submissionId', { schema: viewRoute }, async (request) => {
    const access = await requireRelation(app.db, request.viewer, request.params.submissionId);
    // A draft whose author was warned it would be deleted is kept by its author opening it.
    if (access.relation === 'author' && access.mayChange && access.facts.status === 'draft') {
      await keepWarnedDraft(app.db, request.params.submissionId, app.clock());
    }
    return answerSubmission(app.db, request.params.submissionId, access, app.clock());
  });

  app.patch(
    '/submissions/:submissionId',
    { schema: { tags, params: submissionParams, body: draftPatch, response: answer } },
    async (request) => {
      const access = await requireSubmitter(app.db, request.viewer, request.params.submissionId);
      await saveDraft(ctx(request), request.params.submissionId, request.body);
      return answerSubmission(app.db, request.params.submissionId, access, app.clock());
    },
  );

  app.post('/submissions/:submissionId/submit', { schema: viewRoute }, async (request) => {
    const access = await requireSubmitter(app.db, request.viewer, request.params.submissionId);
    await submitSubmission(ctx(request), request.params.submissionId);
    return answerSubmission(app.db, request.params.submissionId, access, app.clock());
  });

  app.post('/submissions/:submissionId/withdraw', { schema: viewRoute }, async (request) => {
    const access = await requireSubmitter(app.db, request.viewer, request.params.submissionId);
    await withdrawSubmission(ctx(request), request.params.submissionId);
    return answerSubmission(app.db, request.params.submissionId, access, app.clock());
  });

  app.post(
    '/submissions/:submissionId/extension',
    {
      schema: {
        tags,
        params: submissionParams,
        body: z.object({ until: plausibleInstant }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      await extendDeadline(ctx(request), request.params.submissionId, new Date(request.body.until));
      return { ok: true };
    },
  );

  app.get(
    '/venues/:venueId/submissions',
    {
      schema: {
        tags,
        params: z.object({ venueId: z.uuid() }),
        querystring: queueQuery,
        response: { 200: editorQueuePage },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      return listEditorQueue(app.db, request.params.venueId, request.viewer.personId, request.query);
    },
  );
}
