// Deleting a draft: only a draft (a sent submission is withdrawn, never deleted: it has a code and
// a history). Its rows go in one audited transaction; its manuscript files leave the file store
// after that commits, unless another submission holds the same bytes.
import type { Database } from '@gaps/db';
import type { FileStore } from '@gaps/workers/shared';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { lockStoredFile } from '../files/stored-file-lock.ts';
import { HttpError, notFound } from '../plugins/errors.ts';

export async function deleteDraft(
  ctx: { db: Database; audit: AuditContext; store: FileStore },
  submissionId: string,
): Promise<void> {
  const unused = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('submission')
      .select(['status', 'call_id', 'title'])
      .where('id', '=', submissionId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('submission');
    if (row.status !== 'draft') {
      throw new HttpError(
        409,
        'not_a_draft',
        'This submission has been sent, so it cannot be deleted. If you no longer want it considered, withdraw it from its page.',
      );
    }
    const files = await trx
      .selectFrom('manuscript_version')
      .select('file_sha256')
      .where('submission_id', '=', submissionId)
      .execute();
    await trx.deleteFrom('submission').where('id', '=', submissionId).execute();
    const hashes = [...new Set(files.map((f) => f.file_sha256))];
    let removed: string[] = [];
    if (hashes.length > 0) {
      // Locked first, so an upload of the same bytes that is under way either finishes before we
      // look (and keeps the file) or re-creates the row after we commit.
      await trx.selectFrom('stored_file').select('sha256').where('sha256', 'in', hashes).forUpdate().execute();
      removed = (
        await trx
          .deleteFrom('stored_file')
          .where('sha256', 'in', hashes)
          .where((eb) =>
            eb.and([
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('manuscript_version')
                    .select('manuscript_version.id')
                    .whereRef('manuscript_version.file_sha256', '=', 'stored_file.sha256'),
                ),
              ),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('review_copy')
                    .select('review_copy.id')
                    .where((e) =>
                      e.or([
                        e('review_copy.input_sha256', '=', e.ref('stored_file.sha256')),
                        e('review_copy.output_sha256', '=', e.ref('stored_file.sha256')),
                      ]),
                    ),
                ),
              ),
            ]),
          )
          .returning('sha256')
          .execute()
      ).map((r) => r.sha256);
    }
    await recordAudit(trx, ctx.audit, {
      action: 'submission.draft_deleted',
      objectType: 'submission',
      objectId: submissionId,
      details: { callId: row.call_id, title: row.title, filesRemoved: removed.length },
    });
    return removed;
  });
  for (const sha256 of unused) {
    await ctx.db.transaction().execute(async (trx) => {
      // The same lock an upload takes before it records these bytes: it either sees the file gone
      // and stores its own copy, or has committed its row, which we see here and keep the file for.
      await lockStoredFile(trx, sha256);
      const again = await trx
        .selectFrom('stored_file')
        .select('sha256')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      if (!again) await ctx.store.remove(sha256);
    });
  }
}
