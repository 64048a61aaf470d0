// Manuscript upload (streamed, hashed on the way to disk, checked by content) and download of
// the original file, which only its authors and the venue's editors may fetch.
import type { Database } from '@gaps/db';
import { LocalFileStore, sniffPdf } from '@gaps/workers/file-store';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { requestReviewCopy } from '../review-copies/request-review-copy.ts';
import { loadLatestReviewCopy } from '../review-copies/review-copy.repository.ts';
import { requireRelation } from '../submissions/submission.service.ts';
import { cleanUploadName } from './upload-name.ts';

export const MAX_MANUSCRIPT_BYTES = 25 * 1024 * 1024;
const tooLarge = () =>
  new HttpError(
    413,
    'file_too_large',
    'This file is larger than 25 MB, the most we accept. Please make it smaller (for example, compress the images) and try again.',
  );

/** Drafts, submissions sent back to the author, and sent ones whose file could not be processed. */
async function assertCanReplaceManuscript(db: Database, submissionId: string, status: string) {
  if (status === 'draft' || status === 'revision_requested') return;
  if (
    (status === 'submitted' || status === 'screening') &&
    (await loadLatestReviewCopy(db, submissionId))?.status === 'failed'
  )
    return;
  throw new HttpError(
    409,
    'not_replaceable',
    'This submission has already been sent, so its manuscript can no longer be replaced here.',
  );
}

export async function manuscriptRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const store = new LocalFileStore(app.config.DATA_DIR);
  const tags = ['files'];
  const params = z.object({ submissionId: z.uuid() });

  app.post(
    '/submissions/:submissionId/manuscript',
    {
      config: { rateLimit: { max: 30, timeWindow: '10 minutes' } },
      schema: { tags, params, consumes: ['multipart/form-data'] },
    },
    async (request, reply) => {
      const { submissionId } = request.params;
      // Decide before reading a byte: strangers' uploads are never stored.
      const { facts } = await requireRelation(app.db, request.viewer, submissionId, ['author']);
      await assertCanReplaceManuscript(app.db, submissionId, facts.status);
      if (!request.isMultipart()) throw new HttpError(400, 'no_file', 'Please choose a PDF file to upload.');
      const part = await request.file({ limits: { fileSize: MAX_MANUSCRIPT_BYTES, files: 1 } });
      if (!part) throw new HttpError(400, 'no_file', 'Please choose a PDF file to upload.');
      let blob: Awaited<ReturnType<typeof store.receive>>;
      try {
        blob = await store.receive(part.file);
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw new HttpError(
          400,
          'upload_interrupted',
          'The upload did not finish. Please check your connection and try again.',
        );
      }
      if (part.file.truncated) {
        await blob.discard();
        throw tooLarge();
      }
      const kind = sniffPdf(blob);
      if (kind !== 'pdf') {
        await blob.discard();
        if (kind === 'other') {
          throw new HttpError(
            415,
            'not_a_pdf',
            'This file is not a PDF. Please save your manuscript as PDF (in Word: File › Save As › PDF) and upload that.',
          );
        }
        throw new HttpError(
          400,
          kind === 'empty' ? 'empty_file' : 'truncated_file',
          kind === 'empty'
            ? 'This file is empty. Please choose your manuscript again.'
            : 'This PDF seems incomplete (it does not end the way a PDF should). Please save it again as PDF and upload the new copy.',
        );
      }
      const uploadedName = cleanUploadName(part.filename);
      const version = await app.db.transaction().execute(async (trx) => {
        const locked = await trx
          .selectFrom('submission')
          .select(['status', 'round'])
          .where('id', '=', submissionId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        await assertCanReplaceManuscript(trx, submissionId, locked.status);
        await trx
          .insertInto('stored_file')
          .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
        const { next } = await trx
          .selectFrom('manuscript_version')
          .select((eb) => eb.fn.coalesce(eb.fn.max('version_number'), eb.val(0)).as('next'))
          .where('submission_id', '=', submissionId)
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('manuscript_version')
          .values({
            submission_id: submissionId,
            round: locked.round,
            version_number: Number(next) + 1,
            file_sha256: blob.sha256,
            uploaded_name: uploadedName,
            uploaded_by: request.viewer!.personId,
          })
          .returning(['id', 'version_number'])
          .executeTakeFirstOrThrow();
        // After submitting, a new file (e.g. replacing a password-protected one) is processed at once.
        if (locked.status !== 'draft') await requestReviewCopy(trx, row.id);
        // The bytes become permanent only if the rows do; a failure here rolls both back.
        await blob.commit();
        await recordAudit(trx, auditContext(request), {
          action: 'submission.manuscript_uploaded',
          objectType: 'submission',
          objectId: submissionId,
          details: { versionNumber: row.version_number, sha256: blob.sha256, sizeBytes: blob.sizeBytes },
        });
        return row;
      });
      return reply
        .status(201)
        .send({ id: version.id, versionNumber: version.version_number, sizeBytes: blob.sizeBytes });
    },
  );

  app.get(
    '/submissions/:submissionId/manuscripts/:versionId/file',
    { schema: { tags, params: params.extend({ versionId: z.uuid() }) } },
    async (request, reply) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['author', 'editor']);
      const version = await app.db
        .selectFrom('manuscript_version')
        .innerJoin('submission', 'submission.id', 'manuscript_version.submission_id')
        .innerJoin('stored_file', 'stored_file.sha256', 'manuscript_version.file_sha256')
        .select([
          'manuscript_version.file_sha256',
          'manuscript_version.version_number',
          'submission.code',
          'stored_file.size_bytes',
        ])
        .where('manuscript_version.id', '=', request.params.versionId)
        .where('manuscript_version.submission_id', '=', request.params.submissionId)
        .executeTakeFirst();
      if (!version) throw notFound('file');
      // A neutral name: the code, never the name the file had on the author's computer.
      const name = `${version.code ?? 'draft-manuscript'}-v${version.version_number}.pdf`;
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
