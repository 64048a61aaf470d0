import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../../audit/context.ts';
import { authorize } from '../../policy/permissions.ts';
import {
  answerRequestInput,
  cancelRequestInput,
  closeRequest,
  recordRequest,
  recordRequestInput,
} from './recorded-requests.ts';
import {
  listSubjectAccessRequests,
  subjectAccessEntrySchema,
  subjectAccessLogQuery,
  subjectAccessLogSchema,
} from './subject-access-log.ts';

export async function subjectAccessLogRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const params = z.object({ requestId: z.uuid({ error: 'That is not the address of a request.' }) });

  app.get(
    '/admin/privacy/requests',
    { schema: { tags, querystring: subjectAccessLogQuery, response: { 200: subjectAccessLogSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      return listSubjectAccessRequests(app.db, request.query, app.clock());
    },
  );

  // A request received by letter, phone or e-mail: only the log entry; no export or erasure starts.
  app.post(
    '/admin/privacy/requests',
    { schema: { tags, body: recordRequestInput, response: { 201: subjectAccessEntrySchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'people.manage' });
      const audit = { ...auditContext(request), actorId: request.viewer.personId };
      return reply.status(201).send(await recordRequest(app.db, audit, request.body, app.clock()));
    },
  );

  app.post(
    '/admin/privacy/requests/:requestId/answered',
    { schema: { tags, params, body: answerRequestInput, response: { 200: subjectAccessEntrySchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      const audit = { ...auditContext(request), actorId: request.viewer.personId };
      return closeRequest(app.db, audit, request.params.requestId, request.body, app.clock());
    },
  );

  app.post(
    '/admin/privacy/requests/:requestId/cancelled',
    { schema: { tags, params, body: cancelRequestInput, response: { 200: subjectAccessEntrySchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      const audit = { ...auditContext(request), actorId: request.viewer.personId };
      return closeRequest(app.db, audit, request.params.requestId, { cancelled: true, ...request.body }, app.clock());
    },
  );
}
