// buildApp(config) assembles the API without listening, so tests drive it with `inject`.
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import { createDatabase, type Database } from '@gaps/db';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { accountRoutes } from './accounts/account.routes.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import { assignmentRoutes } from './assignments/assignment.routes.ts';
import { invitationRoutes } from './assignments/invitation.routes.ts';
import { entrantAwardRoutes } from './awards/entrant-award.routes.ts';
import { awardRankingRoutes } from './awards/ranking.routes.ts';
import { callRoutes } from './calls/call.routes.ts';
import type { ServerConfig } from './config.ts';
import { conflictRoutes } from './conflicts/conflict.routes.ts';
import { erasureRoutes } from './data-protection/erasure/erasure.routes.ts';
import { exportRoutes } from './data-protection/export/export.routes.ts';
import { subjectAccessLogRoutes } from './data-protection/log/subject-access-log.routes.ts';
import { privacyNoticeRoutes } from './data-protection/notice/privacy-notice.routes.ts';
import { retentionRoutes } from './data-protection/retention/retention.routes.ts';
import { decisionRoutes } from './decisions/decision.routes.ts';
import { decisionSettingsRoutes } from './decisions/decision-settings.routes.ts';
import { extensionRoutes } from './extensions/extension.routes.ts';
import { manuscriptRoutes } from './files/manuscript.routes.ts';
import { MAX_MANUSCRIPT_BYTES } from './files/manuscript.service.ts';
import { healthRoutes } from './health/health.routes.ts';
import { mailTemplateRoutes } from './mail-templates/mail-template.routes.ts';
import { browserGuardsPlugin } from './plugins/browser-guards.ts';
import { cancelOnDisconnectPlugin } from './plugins/cancel-on-disconnect.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { loggerOptions, OneLinePerRequest } from './plugins/logger.ts';
import { noNulPlugin } from './plugins/no-nul.ts';
import { openApiDocument } from './plugins/openapi.ts';
import { overloadPlugin } from './plugins/overload.ts';
import { apiErrorSchema } from './plugins/response-schemas.ts';
import { CSRF_COOKIE, sessionPlugin } from './plugins/session.ts';
import { mountWeb } from './plugins/web.ts';
import { reminderControlRoutes } from './reminders/controls.routes.ts';
import { reminderPolicyRoutes } from './reminders/policy.routes.ts';
import { reportRoutes } from './reports/report.routes.ts';
import { reviewCopyRoutes } from './review-copies/review-copy.routes.ts';
import { reviewPanelRoutes } from './review-panel/review-panel.routes.ts';
import { reviewerHomeRoutes } from './reviewer-home/reviewer-home.routes.ts';
import { reviewRoutes } from './reviews/review.routes.ts';
import { revisionRoutes } from './revisions/revision.routes.ts';
import { rubricRoutes } from './rubrics/rubric.routes.ts';
import { authorConfirmationRoutes } from './submissions/author-confirmation.routes.ts';
import { submissionRoutes } from './submissions/submission.routes.ts';
import { traceCodeRoutes } from './trace-codes/trace-code.routes.ts';
import { reviewerPoolRoutes } from './venues/reviewer-pool.routes.ts';
import { venueRoutes } from './venues/venue.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    redis: Redis;
    config: ServerConfig;
    /** The time every rule is checked against; tests move it to deadline edges. */
    clock: () => Date;
  }
}

export interface AppOptions {
  /** Tests pass their own database; otherwise one is made from DATABASE_URL. */
  db?: Database;
  /** Serve the built web pages from this folder (adapter-node output) on the same origin. */
  webBuildDir?: string;
  logStream?: NodeJS.WritableStream;
  clock?: () => Date;
}

export const DATABASE_LIMITS = { max: 10, connectionTimeoutMillis: 2_000, statementTimeoutMillis: 10_000 };

export async function buildApp(config: ServerConfig, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    logController: new OneLinePerRequest(),
    // On close, end kept-alive connections too, or one idle client holds the process up after SIGTERM.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ownsDb = !options.db;
  // A query waits at most 2 s for a connection and runs at most 10 s, so a burst cannot leave a
  // queue behind that the API works through long after its clients have gone (answered 503).
  const db = options.db ?? createDatabase(config.DATABASE_URL, DATABASE_LIMITS);
  // Redis serves rate limits and health only; requests must not wait on it when it is away.
  const redis = new Redis(config.REDIS_URL, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  redis.on('error', () => {}); // reconnects by itself; health reports it
  redis.connect().catch(() => {});
  app.decorate('db', db);
  app.decorate('redis', redis);
  app.decorate('config', config);
  app.decorate('clock', options.clock ?? (() => new Date()));
  app.addHook('onClose', async () => {
    redis.disconnect();
    if (ownsDb) await db.destroy();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  // Errors have one shape everywhere (plugins/errors.ts); declaring it on every route puts it in
  // the OpenAPI description, and the serializer holds error answers to it like any other.
  app.addHook('onRoute', (route) => {
    if (!route.schema?.response || route.schema.hide) return;
    route.schema.response = { '4xx': apiErrorSchema, '5xx': apiErrorSchema, ...route.schema.response };
  });
  // The 2 s wait bounds the queue by time; this bounds it by length for bursts far beyond it (at 20
  // per connection, bench:api saw clients turned away while answers still took under a second).
  await app.register(overloadPlugin, { db, waitingPerConnection: 50 });
  await app.register(cancelOnDisconnectPlugin);
  await app.register(noNulPlugin);
  await app.register(browserGuardsPlugin);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'GAPS Submissions API', version: '1.0.0', description: 'Submission, blind review and awards.' },
    },
    transform: jsonSchemaTransform,
    // Schemas with a `meta({ id })` become named components, so the generated web types have names.
    transformObject: openApiDocument,
  });
  await app.register(fastifyHelmet, {
    // The web pages send their own CSP (SvelteKit hashes its inline scripts); the API answers JSON.
    contentSecurityPolicy: false,
    hsts: config.PUBLIC_URL.startsWith('https://'),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, parts: 11, fileSize: MAX_MANUSCRIPT_BYTES } });
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: config.PUBLIC_URL.startsWith('https://') },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    redis,
    nameSpace: `${config.QUEUE_PREFIX}:rate-limit:`,
    skipOnError: true, // Redis away: let people in rather than lock everyone out
  });
  await app.register(sessionPlugin);

  await app.register(
    async (api) => {
      // Every state-changing call must carry the CSRF token that GET /api/session hands out.
      api.addHook('onRequest', (request, reply, done) => {
        if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
        api.csrfProtection(request, reply, done);
      });
      await api.register(healthRoutes);
      await api.register(accountRoutes);
      await api.register(adminRoutes);
      await api.register(subjectAccessLogRoutes);
      await api.register(exportRoutes);
      await api.register(privacyNoticeRoutes);
      await api.register(retentionRoutes);
      await api.register(erasureRoutes);
      await api.register(venueRoutes);
      await api.register(reviewerPoolRoutes);
      await api.register(mailTemplateRoutes);
      await api.register(callRoutes);
      await api.register(submissionRoutes);
      await api.register(manuscriptRoutes);
      await api.register(reviewCopyRoutes);
      await api.register(entrantAwardRoutes);
      await api.register(reviewPanelRoutes);
      await api.register(reportRoutes);
      await api.register(awardRankingRoutes);
      await api.register(authorConfirmationRoutes);
      await api.register(revisionRoutes);
      await api.register(rubricRoutes);
      await api.register(reviewRoutes);
      await api.register(conflictRoutes);
      await api.register(assignmentRoutes);
      await api.register(invitationRoutes);
      await api.register(reviewerHomeRoutes);
      await api.register(traceCodeRoutes);
      await api.register(reminderControlRoutes);
      await api.register(reminderPolicyRoutes);
      await api.register(extensionRoutes);
      await api.register(decisionRoutes);
      await api.register(decisionSettingsRoutes);
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.all('/*', { schema: { hide: true } }, async (request, reply) => {
        return reply.status(404).send({
          error: { code: 'not_found', message: 'There is no such API address.' },
          requestId: request.id,
        });
      });
    },
    { prefix: '/api' },
  );

  const webBuildDir = options.webBuildDir ?? config.WEB_BUILD_DIR;
  if (webBuildDir) await mountWeb(app, webBuildDir);
  return app;
}
