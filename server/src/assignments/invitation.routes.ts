// The invitation link's routes, public (no password needed: the link is the key). GET only reads,
// so a mail scanner or a link preview that fetches it changes nothing; answering takes a POST with
// the CSRF token the page holds. The token is masked in the request log (plugins/logger.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, deleteSession } from '../accounts/session.repository.ts';
import { hashToken, newToken } from '../accounts/tokens.ts';
import { auditContext } from '../audit/context.ts';
import { recordAudit } from '../audit/events.ts';
import { invitationAcceptedSchema, invitationViewSchema } from '../blinding/project-invitation.ts';
import { dateTimeFor } from '../mail-templates/words.ts';
import { rotateCsrfSecret, setSessionCookie } from '../plugins/session.ts';
import { declineBody, messageSchema } from './assignment.schemas.ts';
import {
  acceptInvitation,
  checkOpenInvitation,
  declineInvitation,
  describeInvitation,
  type InvitationContext,
} from './invitation.service.ts';

// Any string: a malformed token answers the same 404 as an unknown one, never a 400 that tells them apart.
const tokenParams = z.object({ token: z.string() });

export const invitationOpenedSchema = z
  .object({
    assignmentId: z.uuid(),
    /** True when a session for this assignment only was made; false when the browser was already signed in as the reviewer. */
    scoped: z.boolean(),
  })
  .meta({ id: 'InvitationOpened' });

export async function invitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['invitations'];
  const config = { rateLimit: { max: 60, timeWindow: '15 minutes' } };
  const ctx = (request: FastifyRequest): InvitationContext => ({
    db: app.db,
    audit: auditContext(request),
    now: app.clock(),
    publicUrl: app.config.PUBLIC_URL,
  });

  app.get(
    '/invitations/:token',
    { config, schema: { tags, params: tokenParams, response: { 200: invitationViewSchema } } },
    async (request) => describeInvitation(app.db, request.params.token, request.viewer ?? null, app.clock()),
  );

  app.post(
    '/invitations/:token/accept',
    { config, schema: { tags, params: tokenParams, response: { 200: invitationAcceptedSchema } } },
    async (request) => {
      const { venueKind, ...accepted } = await acceptInvitation(ctx(request), { token: request.params.token });
      // A judge hands in scores, a reviewer a review (venue-words.ts).
      const [work, verb] = venueKind === 'award' ? ['scores', 'are'] : ['review', 'is'];
      const due = accepted.dueAt ? ` ${verb} due by ${dateTimeFor(new Date(accepted.dueAt), accepted.timeZone)}` : '';
      return { ...accepted, message: `Thank you. Your ${work}${due}.` };
    },
  );

  app.post(
    '/invitations/:token/decline',
    { config, schema: { tags, params: tokenParams, body: declineBody, response: { 200: messageSchema } } },
    async (request) => {
      await declineInvitation(ctx(request), { token: request.params.token }, request.body);
      return { message: 'Thank you for letting us know. We have told the editors.' };
    },
  );

  // Keep using the link after accepting: a session that reaches this one assignment and nothing else.
  app.post(
    '/invitations/:token/open',
    { config, schema: { tags, params: tokenParams, response: { 200: invitationOpenedSchema } } },
    async (request, reply) => {
      const open = await checkOpenInvitation(app.db, request.params.token, request.viewer ?? null);
      if (!open.needsSession) return { assignmentId: open.assignmentId, scoped: false };
      // Replacing a session scoped to another of the person's assignments: one cookie, one scope.
      if (request.sessionTokenHash) await deleteSession(app.db, request.sessionTokenHash);
      const sessionToken = newToken();
      await createSession(app.db, {
        tokenHash: hashToken(sessionToken),
        personId: open.personId,
        days: app.config.SESSION_DAYS,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        assignmentId: open.assignmentId,
      });
      await recordAudit(
        app.db,
        { ...auditContext(request), actorId: open.personId },
        { action: 'account.signed_in', objectType: 'person', objectId: open.personId, details: {} },
      );
      setSessionCookie(app, reply, sessionToken);
      rotateCsrfSecret(request, reply);
      return { assignmentId: open.assignmentId, scoped: true };
    },
  );
}
