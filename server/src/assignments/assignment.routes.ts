// The editor's assignment routes: invite, line up alternates, cancel, move a due date. Each starts
// with the editor check on the submission (404 for anyone else, and for an editor who is an author).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { okSchema } from '../plugins/response-schemas.ts';
import { authorize } from '../policy/permissions.ts';
import { requireRelation } from '../submissions/submission-access.ts';
import { addAlternate, listAlternates, removeAlternate } from './alternates.ts';
import {
  alternateBody,
  alternatesSchema,
  cancelBody,
  conflictNeedsOverrideSchema,
  dueDateBody,
  inviteBody,
  invitedSchema,
} from './assignment.schemas.ts';
import { loadAssignmentFacts } from './assignment-access.ts';
import { cancelAssignment, changeDueDate } from './assignment-editor.ts';
import { ConflictNeedsOverride, inviteReviewer } from './invite.ts';
import { findOrCreateInvitee } from './invitee.ts';

const submissionParams = z.object({ submissionId: z.uuid() });
const assignmentParams = z.object({ assignmentId: z.uuid() });

export async function assignmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['assignments'];
  const editCtx = (request: FastifyRequest) => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });
  const editorOf = (request: FastifyRequest, submissionId: string) =>
    requireRelation(app.db, request.viewer, submissionId, ['editor']);
  // Through the submission's editor check; an unknown assignment answers exactly as a foreign one.
  const editorOfAssignment = async (request: FastifyRequest, assignmentId: string) => {
    const submissionId = (await loadAssignmentFacts(app.db, assignmentId))?.submissionId ?? null;
    if (submissionId) return editorOf(request, submissionId);
    authorize(request.viewer, { kind: 'account.use' });
    throw notFound('submission');
  };
  /** The conflicts travel in the 409 body; everything else goes to the common error handler. */
  const conflictAnswer = (error: unknown, requestId: string) => {
    if (!(error instanceof ConflictNeedsOverride)) throw error;
    return { error: { code: error.code, message: error.message, conflicts: error.conflicts }, requestId };
  };

  app.post(
    '/submissions/:submissionId/assignments',
    {
      schema: {
        tags,
        params: submissionParams,
        body: inviteBody,
        response: { 200: invitedSchema, 201: invitedSchema, 409: conflictNeedsOverrideSchema },
      },
    },
    async (request, reply) => {
      const { submissionId } = request.params;
      await editorOf(request, submissionId);
      const body = request.body;
      try {
        // One transaction: a refused invitation (a conflict, the wrong state) leaves no account
        // behind for someone invited by address.
        const { assignmentId, created } = await app.db.transaction().execute(async (trx) =>
          inviteReviewer(
            {
              db: trx,
              audit: auditContext(request),
              now: app.clock(),
              publicUrl: app.config.PUBLIC_URL,
              invitedBy: request.viewer!.personId,
            },
            {
              submissionId,
              personId:
                body.personId ?? (await findOrCreateInvitee(trx, auditContext(request), body.email!, body.name!)),
              ...(body.dueAt ? { dueAt: new Date(body.dueAt) } : {}),
              ...(body.overrideReason ? { overrideReason: body.overrideReason } : {}),
            },
          ),
        );
        return reply.status(created ? 201 : 200).send({ assignmentId });
      } catch (error) {
        return reply.status(409).send(conflictAnswer(error, request.id));
      }
    },
  );

  app.get(
    '/submissions/:submissionId/alternates',
    { schema: { tags, params: submissionParams, response: { 200: alternatesSchema } } },
    async (request) => {
      await editorOf(request, request.params.submissionId);
      return { alternates: await listAlternates(app.db, request.params.submissionId) };
    },
  );

  app.post(
    '/submissions/:submissionId/alternates',
    {
      schema: {
        tags,
        params: submissionParams,
        body: alternateBody,
        response: { 200: alternatesSchema, 409: conflictNeedsOverrideSchema },
      },
    },
    async (request, reply) => {
      const { submissionId } = request.params;
      await editorOf(request, submissionId);
      try {
        await addAlternate(editCtx(request), submissionId, request.body.personId, request.body.overrideReason);
      } catch (error) {
        return reply.status(409).send(conflictAnswer(error, request.id));
      }
      return { alternates: await listAlternates(app.db, submissionId) };
    },
  );

  app.delete(
    '/submissions/:submissionId/alternates/:personId',
    {
      schema: {
        tags,
        params: submissionParams.extend({ personId: z.uuid() }),
        response: { 200: alternatesSchema },
      },
    },
    async (request) => {
      const { submissionId, personId } = request.params;
      await editorOf(request, submissionId);
      await removeAlternate(editCtx(request), submissionId, personId);
      return { alternates: await listAlternates(app.db, submissionId) };
    },
  );

  app.post(
    '/assignments/:assignmentId/cancel',
    { schema: { tags, params: assignmentParams, body: cancelBody, response: { 200: okSchema } } },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      await cancelAssignment(editCtx(request), request.params.assignmentId, request.body.reason);
      return { ok: true };
    },
  );

  app.post(
    '/assignments/:assignmentId/due-date',
    { schema: { tags, params: assignmentParams, body: dueDateBody, response: { 200: okSchema } } },
    async (request) => {
      await editorOfAssignment(request, request.params.assignmentId);
      await changeDueDate(editCtx(request), request.params.assignmentId, new Date(request.body.dueAt));
      return { ok: true };
    },
  );
}
