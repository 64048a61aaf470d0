// The editor's screening decisions on the anonymised copy, and its download.

import { LocalFileStore } from '@gaps/workers/file-store';
import { queueMail } from '@gaps/workers/outbox';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../audit/context.ts';
import { recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { okSchema, pdfFileResponse } from '../plugins/response-schemas.ts';
import { requireRelation } from '../submissions/submission.service.ts';
import { moveSubmission } from '../submissions/submission-state.ts';
import { isReleasable, type LeakReport, loadLatestReviewCopy } from './review-copy.repository.ts';
import { returnForAnonymisationMail } from './review-copy-mail.ts';

const params = z.object({ submissionId: z.uuid() });
const copyFile = { tags: ['review copies'], params, response: { 200: pdfFileResponse } };
const decision = { tags: ['review copies'], params, response: { 200: okSchema } };
const done = { 200: okSchema };

export async function reviewCopyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const store = new LocalFileStore(app.config.DATA_DIR);
  const tags = ['review copies'];

  app.get('/submissions/:submissionId/review-copy/file', { schema: copyFile }, async (request, reply) => {
    await requireRelation(app.db, request.viewer, request.params.submissionId, ['author', 'editor']);
    const copy = await loadLatestReviewCopy(app.db, request.params.submissionId);
    const code = await app.db
      .selectFrom('submission')
      .select('code')
      .where('id', '=', request.params.submissionId)
      .executeTakeFirstOrThrow();
    if (!copy?.output_sha256 || !code.code) throw notFound('review copy');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${code.code}-review-copy.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(store.open(copy.output_sha256));
  });

  app.post('/submissions/:submissionId/review-copy/release', { schema: decision }, async (request) => {
    await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
    await app.db.transaction().execute(async (trx) => {
      const copy = await loadLatestReviewCopy(trx, request.params.submissionId);
      if (copy?.status !== 'needs_attention' || !copy.output_sha256) {
        throw new HttpError(
          409,
          'nothing_to_release',
          'There is no anonymised copy waiting for your decision. Reload the page.',
        );
      }
      if ((copy.leak_report as LeakReport | null)?.leaksInCopy.length) {
        throw new HttpError(
          409,
          'identity_in_copy',
          'The author’s identity is still inside the anonymised copy itself, so it cannot go to reviewers. Return it to the author instead.',
        );
      }
      await trx
        .updateTable('review_copy')
        .set({ released_by: request.viewer!.personId, released_at: new Date(), updated_at: new Date() })
        .where('id', '=', copy.id)
        .execute();
      await recordAudit(trx, auditContext(request), {
        action: 'review_copy.released',
        objectType: 'submission',
        objectId: request.params.submissionId,
        details: { reviewCopyId: copy.id, findings: (copy.leak_report as LeakReport | null)?.findings.length ?? 0 },
      });
    });
    return { ok: true };
  });

  app.post(
    '/submissions/:submissionId/return-to-author',
    { schema: { ...decision, body: z.object({ message: z.string().trim().max(5000).default('') }) } },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      await app.db.transaction().execute(async (trx) => {
        const moved = await moveSubmission(trx, auditContext(request), {
          submissionId: request.params.submissionId,
          to: 'revision_requested',
          mover: 'editor',
          reason: 'anonymisation',
          expectFrom: ['submitted', 'screening'],
        });
        const copy = await loadLatestReviewCopy(trx, request.params.submissionId);
        const submission = await trx
          .selectFrom('submission')
          .innerJoin('person', 'person.id', 'submission.submitter_id')
          .select(['person.id', 'person.name', 'person.email', 'submission.title'])
          .where('submission.id', '=', request.params.submissionId)
          .executeTakeFirstOrThrow();
        await queueMail(
          trx,
          returnForAnonymisationMail({
            to: submission,
            code: moved.code!,
            title: submission.title,
            findings: (copy?.leak_report as LeakReport | null)?.findings ?? [],
            message: request.body.message,
          }),
        );
      });
      return { ok: true };
    },
  );

  app.post(
    '/submissions/:submissionId/status',
    {
      schema: {
        tags,
        params,
        body: z.object({
          to: z.enum(['screening', 'in_review', 'desk_rejected']),
          reason: z.string().trim().max(2000).optional(),
        }),
        response: done,
      },
    },
    async (request) => {
      await requireRelation(app.db, request.viewer, request.params.submissionId, ['editor']);
      await app.db.transaction().execute(async (trx) => {
        if (
          request.body.to === 'in_review' &&
          !isReleasable(await loadLatestReviewCopy(trx, request.params.submissionId))
        ) {
          throw new HttpError(
            409,
            'review_copy_not_ready',
            'The anonymised copy is not ready for reviewers yet: wait for it to be made, then check the identity report (release it or return it to the author).',
          );
        }
        await moveSubmission(trx, auditContext(request), {
          submissionId: request.params.submissionId,
          to: request.body.to,
          mover: 'editor',
          ...(request.body.reason ? { reason: request.body.reason } : {}),
        });
      });
      return { ok: true };
    },
  );
}
