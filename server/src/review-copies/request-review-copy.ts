// Asks the workers for a review copy of a manuscript version, in the caller's transaction: the
// queued row and the outbox job commit with the change that needs them (a submit, a new version).
import type { DB } from '@gaps/db';
import { REVIEW_COPY_PIPELINE_VERSION, reviewCopyJobId } from '@gaps/workers/contracts';
import { enqueueJob } from '@gaps/workers/outbox';
import type { Transaction } from 'kysely';

export async function requestReviewCopy(trx: Transaction<DB>, manuscriptVersionId: string): Promise<string> {
  const version = await trx
    .selectFrom('manuscript_version')
    .select('file_sha256')
    .where('id', '=', manuscriptVersionId)
    .executeTakeFirstOrThrow();
  // One row per version and pipeline version: asking twice (a resubmit of the same file) reuses it.
  await trx
    .insertInto('review_copy')
    .values({
      manuscript_version_id: manuscriptVersionId,
      input_sha256: version.file_sha256,
      pipeline_version: REVIEW_COPY_PIPELINE_VERSION,
    })
    .onConflict((oc) => oc.columns(['manuscript_version_id', 'pipeline_version']).doNothing())
    .execute();
  const { id } = await trx
    .selectFrom('review_copy')
    .select('id')
    .where('manuscript_version_id', '=', manuscriptVersionId)
    .where('pipeline_version', '=', REVIEW_COPY_PIPELINE_VERSION)
    .executeTakeFirstOrThrow();
  await enqueueJob(trx, 'pdf.review_copy', { reviewCopyId: id }, reviewCopyJobId(manuscriptVersionId));
  return id;
}
