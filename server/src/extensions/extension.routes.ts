// Asking for more time: the reviewer (signed in, or through their invitation link) asks on their
// assignment; the venue's editors answer on the submission's panel. The reviewer's routes go
// through requireReviewer, the editor's through the submission's editor check: 404 for anyone else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireReviewer } from '../assignments/assignment-access.ts';
import { auditContext } from '../audit/context.ts';
import { plausibleInstant } from '../calls/date-rules.ts';
import { notFound } from '../plugins/errors.ts';
import { okSchema } from '../plugins/response-schemas.ts';
import { authorize } from '../policy/permissions.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { grantExtension, refuseExtension, requestExtension, reviewerExtensionView } from './extension-request.ts';

const tags = ['extensions'];
const instant = z.iso.datetime();
const assignmentParams = z.object({ assignmentId: z.uuid() });
const requestParams = z.object({ requestId: z.uuid() });

export const reviewerExtensionSchema = z
  .object({
    dueAt: instant.nullable(),
    /** Until when the invitation can be answered (invited only). */
    answerBy: instant.nullable(),
    /** Open, and no request waiting for an answer. */
    mayAsk: z.boolean(),
    latest: z
      .object({
        status: z.enum(['requested', 'granted', 'refused', 'withdrawn']),
        requestedDueAt: instant,
        reason: z.string(),
        requestedAt: instant,
        decidedAt: instant.nullable(),
        /** The editor's note with a refusal. */
        editorNote: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'ReviewerExtension' });

export async function extensionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
    personId: request.viewer!.personId,
  });
  // An unknown request answers exactly as one of another venue's.
  const editorOfRequest = async (request: FastifyRequest, requestId: string) => {
    const row = await app.db
      .selectFrom('extension_request')
      .innerJoin('assignment', 'assignment.id', 'extension_request.assignment_id')
      .select('assignment.submission_id')
      .where('extension_request.id', '=', requestId)
      .executeTakeFirst();
    if (row) return requireRelation(app.db, request.viewer, row.submission_id, ['editor']);
    authorize(request.viewer, { kind: 'account.use' });
    throw notFound('submission');
  };

  app.get(
    '/assignments/:assignmentId/extension-request',
    { schema: { tags, params: assignmentParams, response: { 200: reviewerExtensionSchema } } },
    async (request) => {
      await requireReviewer(app.db, request.viewer, request.params.assignmentId);
      return reviewerExtensionView(app.db, request.params.assignmentId);
    },
  );

  app.post(
    '/assignments/:assignmentId/extension-request',
    {
      schema: {
        tags,
        description: 'The reviewer asks for a later due date; the editors are told.',
        params: assignmentParams,
        body: z.object({ dueAt: plausibleInstant, reason: z.string().trim().max(2000).default('') }),
        response: { 201: reviewerExtensionSchema },
      },
    },
    async (request, reply) => {
      await requireReviewer(app.db, request.viewer, request.params.assignmentId);
      await requestExtension(ctx(request), request.params.assignmentId, {
        dueAt: new Date(request.body.dueAt),
        reason: request.body.reason,
      });
      return reply.status(201).send(await reviewerExtensionView(app.db, request.params.assignmentId));
    },
  );

  app.post(
    '/extension-requests/:requestId/grant',
    {
      schema: {
        tags,
        description: 'Moves the due date to the date asked for, or to `dueAt`; the reviewer is told.',
        params: requestParams,
        body: z.object({ dueAt: plausibleInstant.optional() }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await editorOfRequest(request, request.params.requestId);
      const dueAt = request.body.dueAt ? new Date(request.body.dueAt) : undefined;
      await grantExtension(ctx(request), request.params.requestId, dueAt);
      return { ok: true };
    },
  );

  app.post(
    '/extension-requests/:requestId/refuse',
    {
      schema: {
        tags,
        params: requestParams,
        body: z.object({ note: z.string().trim().max(2000).optional() }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await editorOfRequest(request, request.params.requestId);
      await refuseExtension(ctx(request), request.params.requestId, request.body.note || null);
      return { ok: true };
    },
  );
}
