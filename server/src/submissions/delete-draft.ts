// Deleting a draft: only a draft (a sent submission is withdrawn, never deleted: it has a code and
// a history). Its rows go in one audited transaction; its manuscript files leave the file store
// after that commits, unless another submission holds the same bytes.
import type { Database } from '@gaps/db';
import type { FileStore } from '@gaps/workers/shared';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { filesOfSubmissions, forgetUnreferencedFiles, removeFileBytes } from '../data-protection/stored-files.ts';
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
    const files = await filesOfSubmissions(trx, [submissionId]);
    await trx.deleteFrom('submission').where('id', '=', submissionId).execute();
    const removed = await forgetUnreferencedFiles(trx, files);
    await recordAudit(trx, ctx.audit, {
      action: 'submission.draft_deleted',
      objectType: 'submission',
      objectId: submissionId,
      details: { callId: row.call_id, title: row.title, filesRemoved: removed.length },
    });
    return removed;
  });
  await removeFileBytes(ctx.db, ctx.store, unused);
}
