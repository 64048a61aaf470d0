// A venue's E-mails page: its editors list the messages, reword one, preview it and restore the
// default; others get 404, like every venue route. The same routes under /admin serve the
// site-wide (account) messages to admins.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { apiErrorSchema } from '../plugins/response-schemas.ts';
import type { Viewer } from '../policy/permissions.ts';
import { authorize } from '../policy/permissions.ts';
import { TemplateError } from './engine.ts';
import {
  mailKindDetailSchema,
  mailKindKey,
  mailKindListSchema,
  mailPreviewSchema,
  templateInput,
} from './mail-template.schemas.ts';
import {
  listMailTemplates,
  mailTemplateDetail,
  previewMailTemplate,
  resetMailTemplate,
  saveMailTemplate,
} from './mail-template.service.ts';
import { keepPreview, keptPreview, PREVIEW_CSP } from './preview-store.ts';

const venueParams = z.object({ venueId: z.uuid() });

/**
 * Each preview or save renders the template on the API's event loop: a person gets 60 of them in
 * 10 minutes (counted per person, so one busy editor does not slow everyone else's page).
 */
const renderRateLimit = {
  rateLimit: {
    max: 60,
    timeWindow: '10 minutes',
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => `mail-template|${request.viewer?.personId ?? request.ip}`,
    errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
      new HttpError(
        429,
        'too_many_previews',
        `You have previewed or saved messages many times in a short while. Please wait ${context.after} and try again; your words are still on the page.`,
      ),
  },
};

/** The HTML part of a preview, as its own page (for the editor page's iframe). */
const htmlPageResponse = {
  description: 'The HTML part of the preview, as a page.',
  content: { 'text/html': { schema: z.string() } },
};

/** A template that cannot be used: 400, each problem beside its field (subject, text, html). */
async function refusing<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return reply.status(400).send({
      error: {
        code: 'template_invalid',
        message: error.problems.map((p) => p.message).join(' '),
        fields: error.problems.map((p) => ({ path: p.field, message: p.message })),
      },
      requestId: request.id,
    });
  }
}

/**
 * The five routes of one scope: `scope` checks who may act (throwing 404 or 401) and answers the
 * venue, or null for the site-wide messages; `base` is the scope's path, for the preview's URL.
 */
function templateRoutes<P extends z.ZodObject>(
  fastify: FastifyInstance,
  prefix: string,
  params: P,
  scope: (viewer: Viewer | null, params: z.infer<P>) => { viewer: Viewer; venueId: string | null },
  base: (params: z.infer<P>) => string,
  tags: string[],
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const keyParams = params.extend({ key: mailKindKey });
  const previewParams = keyParams.extend({ previewId: z.uuid() });

  app.get(prefix, { schema: { tags, params, response: { 200: mailKindListSchema } } }, async (request) => {
    const { venueId } = scope(request.viewer, request.params as z.infer<P>);
    return listMailTemplates(app.db, venueId);
  });

  app.get(
    `${prefix}/:key`,
    { schema: { tags, params: keyParams, response: { 200: mailKindDetailSchema } } },
    async (request) => {
      const { venueId } = scope(request.viewer, request.params as z.infer<P>);
      return mailTemplateDetail(app.db, venueId, (request.params as { key: string }).key);
    },
  );

  app.put(
    `${prefix}/:key`,
    {
      config: renderRateLimit,
      schema: {
        tags,
        params: keyParams,
        body: templateInput,
        response: { 200: mailKindDetailSchema, 400: apiErrorSchema, 429: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { venueId } = scope(request.viewer, request.params as z.infer<P>);
      return refusing(request, reply, () =>
        saveMailTemplate(
          app.db,
          auditContext(request),
          app.config.PUBLIC_URL,
          venueId,
          (request.params as { key: string }).key,
          request.body,
        ),
      );
    },
  );

  app.delete(
    `${prefix}/:key`,
    { schema: { tags, params: keyParams, response: { 200: mailKindDetailSchema } } },
    async (request) => {
      const { venueId } = scope(request.viewer, request.params as z.infer<P>);
      return resetMailTemplate(app.db, auditContext(request), venueId, (request.params as { key: string }).key);
    },
  );

  app.post(
    `${prefix}/:key/preview`,
    {
      config: renderRateLimit,
      schema: {
        tags,
        params: keyParams,
        body: templateInput,
        response: { 200: mailPreviewSchema, 400: apiErrorSchema, 429: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { viewer, venueId } = scope(request.viewer, request.params as z.infer<P>);
      const { key } = request.params as { key: string };
      return refusing(request, reply, async () => {
        const preview = await previewMailTemplate(app.db, app.config.PUBLIC_URL, venueId, key, request.body);
        const id = keepPreview(viewer.personId, preview.html);
        return { ...preview, htmlUrl: `/api${base(request.params as z.infer<P>)}/${key}/preview/${id}` };
      });
    },
  );

  app.get(
    `${prefix}/:key/preview/:previewId`,
    { schema: { tags, params: previewParams, response: { 200: htmlPageResponse } } },
    async (request, reply) => {
      const { viewer } = scope(request.viewer, request.params as z.infer<P>);
      const html = keptPreview(viewer.personId, (request.params as { previewId: string }).previewId);
      if (html === null) throw notFound('preview');
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PREVIEW_CSP)
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  );
}

export async function mailTemplateRoutes(fastify: FastifyInstance) {
  templateRoutes(
    fastify,
    '/venues/:venueId/mail-templates',
    venueParams,
    (viewer, params) => {
      authorize(viewer, { kind: 'venue.manage', venueId: params.venueId });
      return { viewer, venueId: params.venueId };
    },
    (params) => `/venues/${params.venueId}/mail-templates`,
    ['venues'],
  );
  templateRoutes(
    fastify,
    '/admin/mail-templates',
    z.object({}),
    (viewer) => {
      authorize(viewer, { kind: 'site_mail.manage' });
      return { viewer, venueId: null };
    },
    () => '/admin/mail-templates',
    ['admin'],
  );
}
