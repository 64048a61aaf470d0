import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { noContentSchema } from '../plugins/response-schemas.ts';
import { clearSessionCookie, rotateCsrfSecret, setSessionCookie } from '../plugins/session.ts';
import { authorize } from '../policy/permissions.ts';
import {
  email,
  message,
  newPassword,
  personSchema,
  profileSchema,
  profileUpdate,
  returnPath,
  token,
} from './account.schemas.ts';
import {
  type AccountContext,
  changePassword,
  confirmEmailChange,
  confirmPasswordReset,
  registerAccount,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  verifyEmail,
} from './account.service.ts';
import { getPerson, getProfile, updateProfile } from './profile.service.ts';
import { signIn, signOut } from './sign-in.service.ts';

// Per-address ceilings on the endpoints that send mail or check passwords (on top of the
// per-account failed-login lock-out), so the forms cannot be used to flood anyone.
const sensitiveRateLimit = { rateLimit: { max: 30, timeWindow: '15 minutes' } };

export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest): AccountContext => ({
    db: app.db,
    publicUrl: app.config.PUBLIC_URL,
    audit: auditContext(request),
  });
  const tags = ['accounts'];

  app.get(
    '/session',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            person: personSchema.nullable(),
            /** Set when the session came from an invitation link: it reaches this assignment only. */
            assignmentScope: z.uuid().nullable(),
            csrfToken: z.string(),
          }),
        },
      },
    },
    async (request, reply) => ({
      person: request.viewer
        ? await getPerson(app.db, request.viewer.personId, Boolean(request.viewer.assignmentScope))
        : null,
      assignmentScope: request.viewer?.assignmentScope ?? null,
      csrfToken: reply.generateCsrf(),
    }),
  );

  app.post(
    '/accounts/register',
    {
      config: sensitiveRateLimit,
      schema: {
        tags,
        body: z.object({
          name: z.string().trim().min(1, { message: 'tell us your name' }).max(200),
          email,
          password: newPassword,
          /** Where the link in the verification e-mail leads after confirming (e.g. the call they chose). */
          next: returnPath.optional(),
        }),
        response: { 202: message },
      },
    },
    async (request, reply) => {
      await registerAccount(ctx(request), request.body);
      return reply.status(202).send({
        message: `Thank you. We have sent a link to ${request.body.email}: open it to confirm your address, then sign in.`,
      });
    },
  );

  app.post('/accounts/verify-email', { schema: { tags, body: token, response: { 200: message } } }, async (request) => {
    await verifyEmail(ctx(request), request.body.token);
    return { message: 'Your e-mail address is confirmed. You can now sign in.' };
  });

  app.post(
    '/accounts/resend-verification',
    {
      config: sensitiveRateLimit,
      schema: { tags, body: z.object({ email, next: returnPath.optional() }), response: { 202: message } },
    },
    async (request, reply) => {
      await resendVerification(ctx(request), request.body.email, request.body.next);
      return reply.status(202).send({
        message: `If ${request.body.email} has an account waiting for confirmation, a new link is on its way.`,
      });
    },
  );

  app.post(
    '/session/login',
    {
      // A first, cheap ceiling keyed by address and account (after the body is read), so it never
      // locks everyone behind one address out. It lives in Redis and lets requests through while
      // Redis is away; the limits that always hold are counted in PostgreSQL (login-throttle.ts).
      config: {
        rateLimit: {
          max: 100,
          timeWindow: '15 minutes',
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => `${request.ip}|${(request.body as { email?: string }).email}`,
        },
      },
      schema: {
        tags,
        body: z.object({ email, password: z.string().min(1, { message: 'enter your password' }).max(200) }),
        response: { 200: z.object({ person: personSchema }) },
      },
    },
    async (request, reply) => {
      const { personId, sessionToken } = await signIn(
        { db: app.db, audit: auditContext(request), sessionDays: app.config.SESSION_DAYS },
        { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      );
      setSessionCookie(app, reply, sessionToken);
      rotateCsrfSecret(request, reply);
      return { person: await getPerson(app.db, personId) };
    },
  );

  app.post('/session/logout', { schema: { tags, response: { 204: noContentSchema } } }, async (request, reply) => {
    const session =
      request.sessionTokenHash && request.viewer
        ? { tokenHash: request.sessionTokenHash, personId: request.viewer.personId }
        : null;
    await signOut({ db: app.db, audit: auditContext(request) }, session);
    clearSessionCookie(reply);
    rotateCsrfSecret(request, reply);
    return reply.status(204).send();
  });

  app.post(
    '/accounts/password-reset',
    { config: sensitiveRateLimit, schema: { tags, body: z.object({ email }), response: { 202: message } } },
    async (request, reply) => {
      await requestPasswordReset(ctx(request), request.body.email);
      return reply.status(202).send({
        message: `If ${request.body.email} has an account, we have sent it a link to choose a new password. It works for one hour.`,
      });
    },
  );

  app.post(
    '/accounts/password-reset/confirm',
    {
      config: sensitiveRateLimit,
      schema: { tags, body: token.extend({ password: newPassword }), response: { 200: message } },
    },
    async (request) => {
      await confirmPasswordReset(ctx(request), request.body.token, request.body.password);
      return { message: 'Your new password is set. Please sign in with it.' };
    },
  );

  app.post(
    '/accounts/confirm-email',
    { schema: { tags, body: token, response: { 200: message } } },
    async (request) => {
      await confirmEmailChange(ctx(request), request.body.token);
      return { message: 'Your new e-mail address is confirmed. Use it to sign in from now on.' };
    },
  );

  app.get('/me/profile', { schema: { tags, response: { 200: profileSchema } } }, async (request) => {
    authorize(request.viewer, { kind: 'account.use' });
    return getProfile(app.db, request.viewer.personId);
  });

  app.patch(
    '/me/profile',
    { schema: { tags, body: profileUpdate, response: { 200: profileSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'account.use' });
      return updateProfile(ctx(request), request.viewer.personId, request.body);
    },
  );

  app.post(
    '/me/password',
    {
      config: sensitiveRateLimit,
      schema: {
        tags,
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword }),
        response: { 200: message },
      },
    },
    async (request) => {
      authorize(request.viewer, { kind: 'account.use' });
      await changePassword(ctx(request), request.viewer.personId, request.sessionTokenHash, request.body);
      return { message: 'Your password is changed. Other devices where you were signed in have been signed out.' };
    },
  );

  app.post(
    '/me/email',
    {
      config: sensitiveRateLimit,
      schema: {
        tags,
        body: z.object({ newEmail: email, currentPassword: z.string().min(1).max(200) }),
        response: { 202: message },
      },
    },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'account.use' });
      await requestEmailChange(ctx(request), request.viewer.personId, request.body);
      return reply.status(202).send({
        message: `We have sent a link to ${request.body.newEmail}. Open it to confirm the change; until then your old address stays in use.`,
      });
    },
  );
}
