// A venue's rubrics, for its editors: list, make, read, change.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { authorize } from '../policy/permissions.ts';
import { rubricDetailSchema, rubricInput } from './rubric.schemas.ts';
import { createRubric, getRubric, listRubrics, updateRubric } from './rubric.service.ts';

const venueParams = z.object({ venueId: z.uuid() });
const rubricParams = venueParams.extend({ rubricId: z.uuid() });

export async function rubricRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['rubrics'];
  const ctx = (request: Parameters<typeof auditContext>[0]) => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
  });

  app.get(
    '/venues/:venueId/rubrics',
    { schema: { tags, params: venueParams, response: { 200: z.object({ rubrics: z.array(rubricDetailSchema) }) } } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      return { rubrics: await listRubrics(app.db, request.params.venueId) };
    },
  );

  app.post(
    '/venues/:venueId/rubrics',
    { schema: { tags, params: venueParams, body: rubricInput, response: { 201: rubricDetailSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const id = await createRubric(ctx(request), request.params.venueId, request.body);
      return reply.status(201).send((await getRubric(app.db, request.params.venueId, id))!);
    },
  );

  app.get(
    '/venues/:venueId/rubrics/:rubricId',
    { schema: { tags, params: rubricParams, response: { 200: rubricDetailSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      const rubric = await getRubric(app.db, request.params.venueId, request.params.rubricId);
      if (!rubric) throw notFound('rubric');
      return rubric;
    },
  );

  app.put(
    '/venues/:venueId/rubrics/:rubricId',
    { schema: { tags, params: rubricParams, body: rubricInput, response: { 200: rubricDetailSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      await updateRubric(ctx(request), request.params.venueId, request.params.rubricId, request.body);
      return (await getRubric(app.db, request.params.venueId, request.params.rubricId))!;
    },
  );
}
