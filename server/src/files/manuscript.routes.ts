// Manuscript upload (streamed, hashed on the way to disk, checked by content) and download of
// the original file, which only its authors and the venue's editors may fetch.
import { LocalFileStore } from '@gaps/workers/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { isSubmissionEntrantWithheld, neutralFileName, refuseWithheldOriginal } from '../blinding/award-entrant.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { pdfFileResponse } from '../plugins/response-schemas.ts';
import { requireRelation, requireSubmitter } from '../submissions/submission-access.ts';
import { loadManuscriptFile } from './manuscript.repository.ts';
import { MAX_MANUSCRIPT_BYTES, uploadManuscript } from './manuscript.service.ts';
import { cleanUploadName } from './upload-name.ts';

const uploadedManuscript = z
  .object({
    id: z.uuid(),
    versionNumber: z.number().int(),
    sizeBytes: z.number().int(),
    wordCount: z.number().int().nullable(),
    pageCount: z.number().int().nullable(),
  })
  .meta({ id: 'UploadedManuscript' });

export async function manuscriptRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const store = new LocalFileStore(app.config.DATA_DIR);
  const tags = ['files'];
  const params = z.object({ submissionId: z.uuid() });

  app.post(
    '/submissions/:submissionId/manuscript',
    {
      config: { rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: { tags, params, consumes: ['multipart/form-data'], response: { 201: uploadedManuscript } },
    },
    async (request, reply) => {
      const { submissionId } = request.params;
      // Decide before reading a byte: strangers' uploads are never stored.
      await requireSubmitter(app.db, request.viewer, submissionId);
      const ctx = {
        db: app.db,
        store,
        audit: auditContext(request),
        uploaderId: request.viewer!.personId,
        now: app.clock(),
      };
      const version = await uploadManuscript(ctx, submissionId, async () => {
        if (!request.isMultipart()) throw new HttpError(400, 'no_file', 'Please choose a PDF file to upload.');
        const part = await request.file({ limits: { fileSize: MAX_MANUSCRIPT_BYTES, files: 1 } });
        if (!part) throw new HttpError(400, 'no_file', 'Please choose a PDF file to upload.');
        return {
          stream: part.file,
          name: cleanUploadName(part.filename),
          truncated: () => part.file.truncated,
        };
      });
      return reply.status(201).send(version);
    },
  );

  app.get(
    '/submissions/:submissionId/manuscripts/:versionId/file',
    {
      schema: {
        tags,
        description:
          'The original file. 409 entrant_withheld for an award entry’s editors until its call’s ranking is un-blinded.',
        params: params.extend({ versionId: z.uuid() }),
        response: { 200: pdfFileResponse },
      },
    },
    async (request, reply) => {
      const { relation } = await requireRelation(app.db, request.viewer, request.params.submissionId, [
        'author',
        'editor',
      ]);
      if (relation === 'editor' && (await isSubmissionEntrantWithheld(app.db, request.params.submissionId))) {
        refuseWithheldOriginal();
      }
      const version = await loadManuscriptFile(app.db, request.params.submissionId, request.params.versionId);
      if (!version) throw notFound('file');
      // A neutral name (blinding/award-entrant.ts): the code, never the name the file had on the author's computer.
      const name = neutralFileName(version.code, version.version_number);
      return reply
        .type('application/pdf')
        .header('content-length', String(version.size_bytes))
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(store.open(version.file_sha256));
    },
  );
}
