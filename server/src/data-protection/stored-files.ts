// Removing a file's bytes once no row needs them, shared by every path that deletes rows holding
// files (a deleted draft, an erasure, the retention sweep), so "no stored file without a row and no
// row without its file" has one implementation.
import type { Database, DB } from '@gaps/db';
import type { FileStore } from '@gaps/workers/shared';
import type { Transaction } from 'kysely';
import { lockStoredFile } from '../files/stored-file-lock.ts';

/**
 * In the caller's transaction, after it deleted the rows that held these files: deletes the
 * stored_file rows no manuscript version, review copy or traced copy refers to any more, and returns
 * their hashes, to pass to `removeFileBytes` once the transaction has committed.
 */
export async function forgetUnreferencedFiles(trx: Transaction<DB>, hashes: readonly string[]): Promise<string[]> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return [];
  // Locked first, so an upload of the same bytes that is under way either finishes before we
  // look (and keeps the file) or re-creates the row after we commit.
  await trx.selectFrom('stored_file').select('sha256').where('sha256', 'in', unique).forUpdate().execute();
  const removed = await trx
    .deleteFrom('stored_file')
    .where('sha256', 'in', unique)
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
        eb.not(
          eb.exists(
            eb
              .selectFrom('traced_copy')
              .select('traced_copy.file_sha256')
              .whereRef('traced_copy.file_sha256', '=', 'stored_file.sha256'),
          ),
        ),
      ]),
    )
    .returning('sha256')
    .execute();
  return removed.map((r) => r.sha256);
}

/** After commit: removes the bytes of files `forgetUnreferencedFiles` returned, unless an upload re-recorded them. */
export async function removeFileBytes(db: Database, store: FileStore, hashes: readonly string[]): Promise<void> {
  for (const sha256 of hashes) {
    await db.transaction().execute(async (trx) => {
      // The same lock an upload takes before it records these bytes: it either sees the file gone
      // and stores its own copy, or has committed its row, which we see here and keep the file for.
      await lockStoredFile(trx, sha256);
      const again = await trx
        .selectFrom('stored_file')
        .select('sha256')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      if (!again) await store.remove(sha256);
    });
  }
}

/** Every file the submissions' rows hold (manuscripts, review copies, traced copies); read before deleting them. */
export async function filesOfSubmissions(trx: Transaction<DB>, submissionIds: readonly string[]): Promise<string[]> {
  if (submissionIds.length === 0) return [];
  const rows = await trx
    .selectFrom('manuscript_version')
    .leftJoin('review_copy', 'review_copy.manuscript_version_id', 'manuscript_version.id')
    .leftJoin('traced_copy', 'traced_copy.review_copy_id', 'review_copy.id')
    .select(['manuscript_version.file_sha256', 'review_copy.output_sha256', 'traced_copy.file_sha256 as traced_sha256'])
    .where('manuscript_version.submission_id', 'in', submissionIds)
    .execute();
  return [
    ...new Set(
      rows.flatMap((r) => [r.file_sha256, r.output_sha256, r.traced_sha256].filter((h): h is string => h !== null)),
    ),
  ];
}
