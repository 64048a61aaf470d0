// Venues (the journal, the award, the website); each venue's reviewer pool is in reviewer-pool.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { email } from '../accounts/account.schemas.ts';
import { auditContext } from '../audit/context.ts';
import { authorize } from '../policy/permissions.ts';
import { publicVenueSchema } from './venue.schemas.ts';
import { listVenues, setVenueContact } from './venue.service.ts';

const venueParams = z.object({ venueId: z.uuid() });
const venueList = { 200: z.object({ venues: z.array(publicVenueSchema) }) };

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
}
