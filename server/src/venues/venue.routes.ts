// Venues (the journal, the award, the website) and the editor's reviewer pool for each.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { email } from '../accounts/account.schemas.ts';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { noContentSchema } from '../plugins/response-schemas.ts';
import { authorize } from '../policy/permissions.ts';
import { expertise, publicVenueSchema, reviewerPoolSchema, reviewerSchema } from './venue.schemas.ts';
import {
  addToReviewerPool,
  listReviewerPool,
  listVenues,
  removeFromReviewerPool,
  setVenueContact,
} from './venue.service.ts';

const venueParams = z.object({ venueId: z.uuid() });
const venueList = { 200: z.object({ venues: z.array(publicVenueSchema) }) };
const poolRoute = { tags: ['venues'], params: venueParams, response: { 200: reviewerPoolSchema } };

export async function venueRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['venues'];

  app.get('/venues', { schema: { tags, response: venueList } }, async () => ({ venues: await listVenues(app.db) }));

  app.put(
    '/venues/:venueId/contact',
    {
      schema: {
        tags,
        params: venueParams,
        body: z.object({ contactEmail: email }),
        response: { 200: publicVenueSchema },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      return setVenueContact(app.db, auditContext(request), request.params.venueId, request.body.contactEmail);
    },
  );

  app.get('/venues/:venueId/reviewer-pool', { schema: poolRoute }, async (request) => {
    authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
    const pool = await listReviewerPool(app.db, request.params.venueId);
    if (!pool) throw notFound('venue');
    return pool;
  });

  app.post(
    '/venues/:venueId/reviewer-pool',
    {
      schema: {
        tags,
        params: venueParams,
        body: z.object({ email, expertise: expertise.default([]) }),
        response: { 201: reviewerSchema },
      },
    },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const added = await addToReviewerPool(app.db, auditContext(request), request.params.venueId, request.body);
      return reply.status(201).send(added);
    },
  );

  app.delete(
    '/venues/:venueId/reviewer-pool/:personId',
    { schema: { tags, params: venueParams.extend({ personId: z.uuid() }), response: { 204: noContentSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      await removeFromReviewerPool(app.db, auditContext(request), request.params.venueId, request.params.personId);
      return reply.status(204).send();
    },
  );
}
