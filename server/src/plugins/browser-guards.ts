// Two rules for every /api answer and request that a browser makes:
// - JSON about people must not be kept by the browser or a shared proxy cache, where the next
//   person at a library computer could read it: every /api answer is `Cache-Control: no-store`,
//   except the health check and the OpenAPI document, which name nobody.
// - A state-changing request must come from our own pages. The CSRF token already requires that;
//   the browser's `Origin` (or `Sec-Fetch-Site`) header is a second check that costs nothing.
//   A request with neither header is not from a browser page, so only the token applies.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors.ts';

const cacheable = new Set(['/api/health', '/api/openapi.json']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Null when the request may go on; otherwise why it may not. */
export function crossSiteReason(request: FastifyRequest, publicOrigin: string): string | null {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === publicOrigin ? null : `Origin ${origin}`;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `Sec-Fetch-Site ${site}`;
  return null;
}

export const browserGuardsPlugin = fp(async (app: FastifyInstance) => {
  const publicOrigin = new URL(app.config.PUBLIC_URL).origin;

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || safeMethods.has(request.method)) return;
    const reason = crossSiteReason(request, publicOrigin);
    if (reason) {
      request.log.warn({ reason }, 'state-changing request from another site refused');
      throw new HttpError(
        403,
        'cross_site',
        `This request did not come from ${publicOrigin}. Open the site at that address and try again.`,
      );
    }
  });

  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/') || cacheable.has(path)) return;
    reply.header('cache-control', 'no-store');
  });
});
