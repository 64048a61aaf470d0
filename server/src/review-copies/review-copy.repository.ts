import type { Database } from '@gaps/db';
import { leakReport, REVIEW_COPY_PIPELINE_VERSION } from '@gaps/workers/contracts';
import { parseReviewCopyState } from '@gaps/workers/shared';

export type { LeakFinding, LeakReport } from '@gaps/workers/contracts';

/**
 * The review copy of the newest manuscript version of a submission, if one was requested. Its
 * state and leak report are parsed against the worker's contract, so a row the worker did not
 * write that way fails here rather than in front of an editor.
 */
export async function loadLatestReviewCopy(db: Database, submissionId: string) {
  const row = await db
    .selectFrom('manuscript_version')
    .innerJoin('review_copy', 'review_copy.manuscript_version_id', 'manuscript_version.id')
    .select([
      'review_copy.id',
      'review_copy.status',
      'review_copy.output_sha256',
      'review_copy.page_count',
      'review_copy.word_count',
      'review_copy.leak_report',
      'review_copy.failure_reason',
      'review_copy.released_at',
      'review_copy.released_by',
      'review_copy.updated_at',
      'manuscript_version.id as version_id',
      'manuscript_version.version_number',
    ])
    .where('manuscript_version.submission_id', '=', submissionId)
    .where('review_copy.pipeline_version', '=', REVIEW_COPY_PIPELINE_VERSION)
    .orderBy('manuscript_version.version_number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    status: parseReviewCopyState(row.status),
    leak_report: leakReport.nullable().parse(row.leak_report),
  };
}

export type ReviewCopyRow = NonNullable<Awaited<ReturnType<typeof loadLatestReviewCopy>>>;

/** The finished copy's file and the code it is served under, if there is one to serve. */
export async function loadReviewCopyFile(db: Database, submissionId: string) {
  const [copy, submission] = await Promise.all([
    loadLatestReviewCopy(db, submissionId),
    db.selectFrom('submission').select('code').where('id', '=', submissionId).executeTakeFirst(),
  ]);
  if (!copy?.output_sha256 || !submission?.code) return undefined;
  return { sha256: copy.output_sha256, fileName: `${submission.code}-review-copy.pdf` };
}
