// The editor's reviewer pool for one venue: list (with each person's current load), add, change, remove.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { noContentSchema } from '../plugins/response-schemas.ts';
import { authorize } from '../policy/permissions.ts';
import { reviewerAddition, reviewerChange, reviewerPoolSchema, reviewerSchema } from './reviewer-pool.schemas.ts';
import {
  addToReviewerPool,
  listReviewerPool,
  removeFromReviewerPool,
  updateReviewer,
} from './reviewer-pool.service.ts';

const venueParams = z.object({ venueId: z.uuid() });
const reviewerParams = venueParams.extend({ personId: z.uuid() });

export async function reviewerPoolRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['venues'];

  app.get(
    '/venues/:venueId/reviewer-pool',
    { schema: { tags, params: venueParams, response: { 200: reviewerPoolSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const pool = await listReviewerPool(app.db, request.params.venueId);
      if (!pool) throw notFound('venue');
      return pool;
    },
  );

  app.post(
    '/venues/:venueId/reviewer-pool',
    { schema: { tags, params: venueParams, body: reviewerAddition, response: { 201: reviewerSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const added = await addToReviewerPool(app.db, auditContext(request), request.params.venueId, request.body);
      return reply.status(201).send(added);
    },
  );

  app.patch(
    '/venues/:venueId/reviewer-pool/:personId',
    { schema: { tags, params: reviewerParams, body: reviewerChange, response: { 200: reviewerSchema } } },
    async (request) => {
      const { venueId, personId } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      return updateReviewer(app.db, auditContext(request), venueId, personId, request.body);
    },
  );

  app.delete(
    '/venues/:venueId/reviewer-pool/:personId',
    { schema: { tags, params: reviewerParams, response: { 204: noContentSchema } } },
    async (request, reply) => {
      const { venueId, personId } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      await removeFromReviewerPool(app.db, auditContext(request), venueId, personId);
      return reply.status(204).send();
    },
  );
}
