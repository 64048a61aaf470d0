// A venue's Emails page: its editors list the messages, reword one, preview it and restore the
// default. Others get 404, like every venue route.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { notFound } from '../plugins/errors.ts';
import { apiErrorSchema } from '../plugins/response-schemas.ts';
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
const kindParams = venueParams.extend({ key: mailKindKey });
const previewParams = kindParams.extend({ previewId: z.uuid() });

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

export async function mailTemplateRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['venues'];

  app.get(
    '/venues/:venueId/mail-templates',
    { schema: { tags, params: venueParams, response: { 200: mailKindListSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'venue.manage', venueId: request.params.venueId });
      return listMailTemplates(app.db, request.params.venueId);
    },
  );

  app.get(
    '/venues/:venueId/mail-templates/:key',
    { schema: { tags, params: kindParams, response: { 200: mailKindDetailSchema } } },
    async (request) => {
      const { venueId, key } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      return mailTemplateDetail(app.db, venueId, key);
    },
  );

  app.put(
    '/venues/:venueId/mail-templates/:key',
    {
      schema: {
        tags,
        params: kindParams,
        body: templateInput,
        response: { 200: mailKindDetailSchema, 400: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { venueId, key } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      return refusing(request, reply, () =>
        saveMailTemplate(app.db, auditContext(request), venueId, key, request.body),
      );
    },
  );

  app.delete(
    '/venues/:venueId/mail-templates/:key',
    { schema: { tags, params: kindParams, response: { 200: mailKindDetailSchema } } },
    async (request) => {
      const { venueId, key } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      return resetMailTemplate(app.db, auditContext(request), venueId, key);
    },
  );

  app.post(
    '/venues/:venueId/mail-templates/:key/preview',
    {
      schema: {
        tags,
        params: kindParams,
        body: templateInput,
        response: { 200: mailPreviewSchema, 400: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { venueId, key } = request.params;
      const viewer = request.viewer;
      authorize(viewer, { kind: 'venue.manage', venueId });
      return refusing(request, reply, async () => {
        const preview = await previewMailTemplate(app.db, venueId, key, request.body);
        const id = keepPreview(viewer.personId, preview.html);
        return { ...preview, htmlUrl: `/api/venues/${venueId}/mail-templates/${key}/preview/${id}` };
      });
    },
  );

  app.get(
    '/venues/:venueId/mail-templates/:key/preview/:previewId',
    { schema: { tags, params: previewParams, response: { 200: htmlPageResponse } } },
    async (request, reply) => {
      const { venueId, previewId } = request.params;
      authorize(request.viewer, { kind: 'venue.manage', venueId });
      const html = keptPreview(request.viewer.personId, previewId);
      if (html === null) throw notFound('preview');
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PREVIEW_CSP)
        .header('cache-control', 'private, no-store')
        .send(html);
    },
  );
}
