// Overload must not outlive the load. Queries wait a bounded time for a connection (app.ts), and
// here: a request that arrives while many queries already wait is answered 503 at once instead of
// joining the queue, and a request whose client has gone does no database work. Both answers
// carry Retry-After, so well-behaved clients come back when there is room.
import { connectionPool, type Database } from '@gaps/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const RETRY_AFTER_SECONDS = 2;

export const busyBody = (requestId: string) => ({
  error: {
    code: 'busy',
    message: `We are very busy right now. Please try again in a few seconds.`,
  },
  requestId,
});

export function sendBusy(request: FastifyRequest, reply: FastifyReply) {
  return reply.header('retry-after', String(RETRY_AFTER_SECONDS)).status(503).send(busyBody(request.id));
}

export const overloadPlugin = fp(
  async (app: FastifyInstance, options: { db: Database; waitingPerConnection: number }) => {
    const crowded = () => {
      const pool = connectionPool(options.db);
      return pool !== null && pool.waiting >= options.waitingPerConnection * pool.max;
    };
    const shed = async (request: FastifyRequest, reply: FastifyReply) => {
      if (!request.url.startsWith('/api/')) return;
      // Health must still answer (and say what it sees) when everything else is turned away.
      if (request.url === '/api/health') return;
      if (request.raw.socket?.destroyed || crowded()) return sendBusy(request, reply);
    };
    // Before the session is looked up (the first query of most requests), and again before the
    // handler, in case the client left while the session lookup waited.
    app.addHook('onRequest', shed);
    app.addHook('preHandler', async (request, reply) => {
      if (request.raw.socket?.destroyed) return sendBusy(request, reply);
    });
  },
  { name: 'overload' },
);
