// A page or list nobody is waiting for any more costs nothing further: when the client of a read
// (GET, HEAD) disconnects before its answer, the database work still running for it is cancelled
// (the mechanism is in @gaps/db's cancellation.ts). Writes run to the end, so an action someone
// took is never left half-done by a dropped connection.
import { whileSomeoneWaits } from '@gaps/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const cancelOnDisconnectPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    const waiting = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) waiting.abort();
    });
    // Everything after this hook (session lookup, handler) runs inside, so its queries watch the signal.
    whileSomeoneWaits(waiting.signal, done);
  });
});
