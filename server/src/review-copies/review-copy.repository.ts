import type { Database } from '@gaps/db';
import { REVIEW_COPY_PIPELINE_VERSION } from '@gaps/workers/contracts';

/** The review copy of the newest manuscript version of a submission, if one was requested. */
export async function loadLatestReviewCopy(db: Database, submissionId: string) {
  return db
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
}
export type ReviewCopyRow = NonNullable<Awaited<ReturnType<typeof loadLatestReviewCopy>>>;

export interface LeakFinding {
  kind: string;
  page: number;
  text: string;
  context: string;
}

export interface LeakReport {
  findings: LeakFinding[];
  overWordLimit: boolean;
  overPageLimit: boolean;
  leaksInCopy: string[];
}

/** Ready for reviewers: a copy exists and its check is clear, or an editor released it anyway. */
export function isReleasable(copy: ReviewCopyRow | undefined): boolean {
  if (!copy?.output_sha256) return false;
  const report = copy.leak_report as LeakReport | null;
  if (report?.leaksInCopy.length) return false; // identity inside the copy itself: never
  return copy.status === 'ready' || (copy.status === 'needs_attention' && copy.released_at !== null);
}
