// The warning the retention sweep sends says "open your draft to keep it": the author opening it is
// the touch that keeps it. Only a draft that was warned is written to, so reading stays a read.
import type { Database } from '@gaps/db';

export async function keepWarnedDraft(db: Database, submissionId: string, now: Date): Promise<void> {
  await db
    .updateTable('submission')
    .set({ draft_deletion_notice_at: null, updated_at: now })
    .where('id', '=', submissionId)
    .where('status', '=', 'draft')
    .where('draft_deletion_notice_at', 'is not', null)
    .execute();
}
