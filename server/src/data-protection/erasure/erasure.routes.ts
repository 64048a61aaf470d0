// "Erase my account" (the person, confirmed by e-mail) and "Erase this person" (an admin, on the
// person's request). The erasure itself runs as a job (erase-person.ts); these routes ask, confirm,
// cancel, and show what will go and what will stay (erasure-plan.ts, the same words everywhere).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { message } from '../../accounts/account.schemas.ts';
import { deleteSessionsOf } from '../../accounts/session.repository.ts';
import { auditContext } from '../../audit/context.ts';
import { notFound } from '../../plugins/errors.ts';
import { clearSessionCookie, rotateCsrfSecret } from '../../plugins/session.ts';
import { authorize } from '../../policy/permissions.ts';
import {
  adminErasureInput,
  erasureAskedSchema,
  erasureConfirmInput,
  erasurePreviewSchema,
  erasureRequestInput,
  erasureStatusSchema,
} from './erasure.schemas.ts';
import {
  cancelOwnErasure,
  confirmOwnErasure,
  type ErasureContext,
  eraseOnRequest,
  erasureProgress,
  openErasure,
  requestOwnErasure,
} from './erasure.service.ts';
import { erasurePreview } from './erasure-plan.ts';

// Checks a password and sends mail: the same ceiling as the other account forms.
const sensitiveRateLimit = { rateLimit: { max: 30, timeWindow: '15 minutes' } };

export async function erasureRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest): ErasureContext => ({
    db: app.db,
    publicUrl: app.config.PUBLIC_URL,
    audit: auditContext(request),
    now: app.clock(),
  });
  const tags = ['data protection'];

  app.get('/me/erasure/preview', { schema: { tags, response: { 200: erasurePreviewSchema } } }, async (request) => {
    authorize(request.viewer, { kind: 'account.use' });
    const personId = request.viewer!.personId;
    return { ...(await erasurePreview(app.db, personId)), request: await openErasure(app.db, personId) };
  });

  app.post(
    '/me/erasure',
    { config: sensitiveRateLimit, schema: { tags, body: erasureRequestInput, response: { 202: erasureAskedSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'account.use' });
      const { requestId, email } = await requestOwnErasure(
        ctx(request),
        request.viewer!.personId,
        request.body.password,
      );
      return reply.status(202).send({
        requestId,
        message: `We have sent a link to ${email}. Open it within 24 hours and press the button on that page to erase your account. Until then nothing is erased.`,
      });
    },
  );

  app.post(
    '/me/erasure/confirm',
    { config: sensitiveRateLimit, schema: { tags, body: erasureConfirmInput, response: { 202: erasureAskedSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'account.use' });
      const personId = request.viewer!.personId;
      const { requestId } = await confirmOwnErasure(ctx(request), personId, request.body.token);
      // Signed out everywhere now, not only when the job has run: the account is going.
      await deleteSessionsOf(app.db, personId);
      clearSessionCookie(reply);
      rotateCsrfSecret(request, reply);
      return reply.status(202).send({
        requestId,
        message: 'Your account is being erased. You have been signed out.',
      });
    },
  );

  app.delete('/me/erasure', { schema: { tags, response: { 200: message } } }, async (request) => {
    authorize(request.viewer, { kind: 'account.use' });
    await cancelOwnErasure(ctx(request), request.viewer!.personId);
    return { message: 'Your request is cancelled. Nothing was erased, and the e-mailed link no longer works.' };
  });

  // The page shown after confirming polls this with the request's id: the person is signed out by
  // then. It answers the progress only (no name, no address), and only for a confirmed erasure.
  app.get(
    '/erasure-requests/:requestId',
    { schema: { tags, params: z.object({ requestId: z.uuid() }), response: { 200: erasureStatusSchema } } },
    async (request) => erasureProgress(app.db, request.params.requestId),
  );

  app.get(
    '/admin/people/:personId/erasure/preview',
    { schema: { tags, params: z.object({ personId: z.uuid() }), response: { 200: erasurePreviewSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      const { personId } = request.params;
      const exists = await app.db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
      if (!exists) throw notFound('person');
      return { ...(await erasurePreview(app.db, personId)), request: await openErasure(app.db, personId) };
    },
  );

  app.post(
    '/admin/people/:personId/erasure',
    {
      schema: {
        tags,
        params: z.object({ personId: z.uuid() }),
        body: adminErasureInput,
        response: { 202: erasureAskedSchema },
      },
    },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'people.manage' });
      const { requestId } = await eraseOnRequest(
        ctx(request),
        request.viewer!.personId,
        request.params.personId,
        request.body.note,
      );
      return reply.status(202).send({
        requestId,
        message:
          'The erasure is under way. It usually takes less than a minute; the person gets a last e-mail at their old address when it is done.',
      });
    },
  );
}
