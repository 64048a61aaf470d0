// Sessions live in PostgreSQL; the browser holds only a random token in an HttpOnly cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { findViewerBySession } from '../accounts/session.repository.ts';
import { hashToken } from '../accounts/tokens.ts';
import type { Viewer } from '../policy/permissions.ts';

export const SESSION_COOKIE = 'gaps_session';
export const CSRF_COOKIE = 'gaps_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    sessionTokenHash: string | null;
  }
}

export const sessionPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionTokenHash', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const tokenHash = hashToken(token);
    const viewer = await findViewerBySession(app.db, tokenHash);
    if (viewer) {
      request.viewer = viewer;
      request.sessionTokenHash = tokenHash;
    }
  });
});

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.PUBLIC_URL.startsWith('https://'),
    maxAge: app.config.SESSION_DAYS * 24 * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * A new CSRF secret at sign-in and sign-out, so a token seen before (on a shared computer, or
 * planted by someone) is useless afterwards. The web client fetches a fresh token when refused.
 */
export function rotateCsrfSecret(request: FastifyRequest, reply: FastifyReply) {
  delete request.cookies[CSRF_COOKIE];
  reply.generateCsrf();
}
