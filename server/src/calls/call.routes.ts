import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize, can } from '../policy/permissions.ts';
import { callInput, callSchema, callUpdateInput } from './call.schemas.ts';
import { callFactsFor, getCall, listOpenCalls, listVenueCalls, listVenueRubrics, saveCall } from './call.service.ts';

const venueParams = z.object({ venueId: z.uuid() });
const callParams = z.object({ callId: z.uuid() });
const oneCall = { 200: callSchema };
const callList = { 200: z.object({ calls: z.array(callSchema) }) };
const forEditor = {
  200: z.object({
    calls: z.array(callSchema),
    rubrics: z.array(z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'Rubric' })),
  }),
};

export async function callRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['calls'];

  app.get('/calls', { schema: { tags, response: callList } }, async () => ({
    calls: await listOpenCalls(app.db, app.clock()),
  }));

  app.get('/calls/:callId', { schema: { tags, params: callParams, response: oneCall } }, async (request) => {
    const call = await getCall(app.db, request.params.callId, app.clock());
    if (!call) throw notFound('call');
    if (!can(request.viewer, { kind: 'call.read', call: await callFactsFor(app.db, call, request.viewer) }))
      throw notFound('call');
    return call;
  });

  app.get('/venues/:venueId/calls', { schema: { tags, params: venueParams, response: forEditor } }, async (request) => {
    authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
    return {
      calls: await listVenueCalls(app.db, request.params.venueId, app.clock()),
      rubrics: await listVenueRubrics(app.db, request.params.venueId),
    };
  });

  app.post(
    '/venues/:venueId/calls',
    { schema: { tags, params: venueParams, body: callInput, response: { 201: callSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const callId = await saveCall(
        app.db,
        auditContext(request),
        { venueId: request.params.venueId },
        request.body,
        app.clock(),
      );
      return reply.status(201).send((await getCall(app.db, callId, app.clock()))!);
    },
  );

  app.put(
    '/venues/:venueId/calls/:callId',
    { schema: { tags, params: venueParams.extend(callParams.shape), body: callUpdateInput, response: oneCall } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const callId = await saveCall(app.db, auditContext(request), request.params, request.body, app.clock());
      return (await getCall(app.db, callId, app.clock()))!;
    },
  );
}
