import { heartbeatKey } from '@gaps/workers/heartbeat';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';

const state = z.enum(['up', 'down']);
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: state,
  redis: state,
  workers: state,
  problems: z.array(z.string()),
});

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

export async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const database = await withTimeout(sql`SELECT 1`.execute(app.db), 2_000).then(
        () => 'up' as const,
        () => 'down' as const,
      );
      const heartbeat = await withTimeout(app.redis.get(heartbeatKey(app.config.QUEUE_PREFIX)), 2_000).then(
        (value) => ({ redis: 'up' as const, workers: value ? ('up' as const) : ('down' as const) }),
        () => ({ redis: 'down' as const, workers: 'down' as const }),
      );
      const problems = [
        ...(database === 'down' ? ['The database (PostgreSQL) does not answer.'] : []),
        ...(heartbeat.redis === 'down' ? ['Redis does not answer; e-mail waits in the outbox until it is back.'] : []),
        ...(heartbeat.redis === 'up' && heartbeat.workers === 'down'
          ? ['No worker has reported in the last 30 seconds; e-mail and file processing are waiting.']
          : []),
      ];
      const body = {
        status: problems.length ? ('degraded' as const) : ('ok' as const),
        database,
        ...heartbeat,
        problems,
      };
      return reply.status(problems.length ? 503 : 200).send(body);
    },
  );
}
