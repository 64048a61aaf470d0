// "A copy of my data": the person asks, follows the job's progress and downloads the ZIP; an admin
// may do the same on a person's behalf. Downloads need signing in and reach only the person's own
// exports (another person's answers 404, as if it did not exist).
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../../audit/context.ts';
import { type AuditContext, recordAudit } from '../../audit/events.ts';
import { authorize } from '../../policy/permissions.ts';
import { dataExportListSchema, dataExportSchema, listExports, openExport, requestExport } from './export.service.ts';

const zipFileResponse = {
  description: 'The ZIP file, as an attachment.',
  content: { 'application/zip': { schema: z.custom<Readable>(() => true).meta({ type: 'string', format: 'binary' }) } },
};

// On top of "one at a time, three a day" (export.service.ts): a ceiling per address.
const askLimit = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

export async function exportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const mine = ['accounts'];
  const admin = ['admin'];
  const exportParams = z.object({ exportId: z.uuid() });
  const personParams = z.object({ personId: z.uuid() });

  async function sendZip(
    reply: FastifyReply,
    audit: AuditContext,
    personId: string | null,
    exportId: string,
    onRequestOf: 'self' | 'admin',
  ) {
    const file = await openExport({ db: app.db, dataDir: app.config.DATA_DIR, now: app.clock() }, personId, exportId);
    await recordAudit(app.db, audit, {
      action: 'privacy.export_downloaded',
      objectType: 'person',
      objectId: file.personId,
      details: { requestId: exportId, onRequestOf },
    });
    return reply
      .type('application/zip')
      .header('content-length', String(file.bytes))
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(file.path));
  }

  app.post(
    '/me/exports',
    { config: askLimit, schema: { tags: mine, response: { 201: dataExportSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'account.use' });
      const created = await requestExport(
        { db: app.db, audit: auditContext(request), now: app.clock() },
        request.viewer.personId,
        'self',
      );
      return reply.status(201).send(created);
    },
  );

  app.get('/me/exports', { schema: { tags: mine, response: { 200: dataExportListSchema } } }, async (request) => {
    authorize(request.viewer, { kind: 'account.use' });
    return listExports(app.db, request.viewer.personId, app.clock());
  });

  app.get(
    '/me/exports/:exportId/download',
    {
      schema: {
        tags: mine,
        description: '404 for anyone else’s export; 410 once deleted (after 7 days); 409 while still being prepared.',
        params: exportParams,
        response: { 200: zipFileResponse },
      },
    },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'account.use' });
      return sendZip(reply, auditContext(request), request.viewer.personId, request.params.exportId, 'self');
    },
  );

  app.post(
    '/admin/people/:personId/exports',
    { config: askLimit, schema: { tags: admin, params: personParams, response: { 201: dataExportSchema } } },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'people.manage' });
      const created = await requestExport(
        { db: app.db, audit: auditContext(request), now: app.clock() },
        request.params.personId,
        'admin',
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/admin/people/:personId/exports',
    { schema: { tags: admin, params: personParams, response: { 200: dataExportListSchema } } },
    async (request) => {
      authorize(request.viewer, { kind: 'people.manage' });
      return listExports(app.db, request.params.personId, app.clock());
    },
  );

  // One id in the path: the export names its person (an admin may read any person's copy).
  app.get(
    '/admin/exports/:exportId/download',
    {
      schema: {
        tags: admin,
        description: '404 unless it is an export; 410 once deleted; 409 while still being prepared.',
        params: exportParams,
        response: { 200: zipFileResponse },
      },
    },
    async (request, reply) => {
      authorize(request.viewer, { kind: 'people.manage' });
      return sendZip(reply, auditContext(request), null, request.params.exportId, 'admin');
    },
  );
}
