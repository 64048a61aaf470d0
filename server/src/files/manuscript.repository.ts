import type { Database } from '@gaps/db';

/** One manuscript version of a submission with what its download needs; undefined if not its own. */
export async function loadManuscriptFile(db: Database, submissionId: string, versionId: string) {
  return db
    .selectFrom('manuscript_version')
    .innerJoin('submission', 'submission.id', 'manuscript_version.submission_id')
    .innerJoin('stored_file', 'stored_file.sha256', 'manuscript_version.file_sha256')
    .select([
      'manuscript_version.file_sha256',
      'manuscript_version.version_number',
      'submission.code',
      'stored_file.size_bytes',
    ])
    .where('manuscript_version.id', '=', versionId)
    .where('manuscript_version.submission_id', '=', submissionId)
    .executeTakeFirst();
}
