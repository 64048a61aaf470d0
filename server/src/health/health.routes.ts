import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkHealth } from './health.service.ts';

const state = z.enum(['up', 'down']);
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: state,
  redis: state,
  workers: state,
  problems: z.array(z.string()),
});

export async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const body = await checkHealth(app.db, app.redis, app.config.QUEUE_PREFIX);
      return reply.status(body.problems.length ? 503 : 200).send(body);
    },
  );
}
