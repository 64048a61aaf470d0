// The reviewer's download of the review copy: the submission's latest copy that may go to
// reviewers, with the assignment's trace code in the footer of every page. The stamping runs in
// the workers' capped PDF child (the server loads no PDF library); its result is kept in the
// file store and found again by (copy, assignment), so only the first download pays for it.
import { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { leakReport, REVIEW_COPY_PIPELINE_VERSION } from '@gaps/workers/contracts';
import { stampPdf } from '@gaps/workers/pdf';
import { isReleasable, type LocalFileStore, parseReviewCopyState } from '@gaps/workers/shared';
import type { ReviewerAccess } from '../assignments/assignment-access.ts';
import type { AuditContext } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { traceCodeFor } from './trace-code.ts';

/** Stamping a 14-page copy takes 0.1–0.4 s; past this the machine is in trouble, and the reviewer can retry. */
const STAMP_TIMEOUT_MS = 20_000;

/**
 * The newest copy a reviewer of this round may read: of a manuscript version of this round or
 * earlier (a reviewer of round 1 never gets round 2's copy through an old assignment), made by the
 * current pipeline, and releasable (ready, or released by the editor, and never one with the
 * author's identity inside).
 */
export async function loadReleasableCopy(db: Database, submissionId: string, round: number) {
  const rows = await db
    .selectFrom('manuscript_version')
    .innerJoin('review_copy', 'review_copy.manuscript_version_id', 'manuscript_version.id')
    .select([
      'review_copy.id',
      'review_copy.status',
      'review_copy.output_sha256',
      'review_copy.released_at',
      'review_copy.leak_report',
    ])
    .where('manuscript_version.submission_id', '=', submissionId)
    .where('manuscript_version.round', '<=', round)
    .where('review_copy.pipeline_version', '=', REVIEW_COPY_PIPELINE_VERSION)
    .orderBy('manuscript_version.version_number', 'desc')
    .limit(10)
    .execute();
  for (const row of rows) {
    const copy = {
      ...row,
      status: parseReviewCopyState(row.status),
      leak_report: leakReport.nullable().parse(row.leak_report),
    };
    if (isReleasable(copy)) return { id: copy.id, sha256: copy.output_sha256! };
  }
  return undefined;
}

export interface TracedCopy {
  body: Readable;
  fileName: string;
  traceCode: string;
}

const refusals = {
  answer_first: 'Accept the invitation first: the copy to review is available once you have said you will review it.',
  not_ready:
    'The copy to review is not ready yet. Please try again later, or write to the editors if it is still not here tomorrow.',
  stamp_failed: 'We could not prepare your copy just now. Please try again in a minute.',
} as const;

export async function tracedCopyFor(
  ctx: { db: Database; audit: AuditContext; store: LocalFileStore },
  access: ReviewerAccess,
): Promise<TracedCopy> {
  const { facts } = access;
  if (facts.status === 'invited') throw new HttpError(403, 'answer_first', refusals.answer_first);
  // Declined, expired or cancelled: the copy is not theirs to read any more.
  if (facts.status !== 'accepted' && facts.status !== 'submitted') throw notFound('review copy');
  const copy = await loadReleasableCopy(ctx.db, facts.submissionId, facts.round);
  if (!copy) throw new HttpError(409, 'review_copy_not_ready', refusals.not_ready);
  const submission = await ctx.db
    .selectFrom('submission')
    .select('code')
    .where('id', '=', facts.submissionId)
    .executeTakeFirstOrThrow();
  // Neutral: the code only, never the name the file had on the author's computer.
  const fileName = `${submission.code ?? 'submission'}-review-copy.pdf`;
  const traceCode = await traceCodeFor(ctx.db, ctx.audit, facts);

  const cached = await ctx.db
    .selectFrom('traced_copy')
    .select('file_sha256')
    .where('review_copy_id', '=', copy.id)
    .where('assignment_id', '=', facts.id)
    .executeTakeFirst();
  if (cached && (await ctx.store.exists(cached.file_sha256))) {
    return { body: ctx.store.open(cached.file_sha256), fileName, traceCode };
  }

  const { result } = await stampPdf(ctx.store.localPath(copy.sha256), traceCode, { timeoutMs: STAMP_TIMEOUT_MS });
  if (!result.ok) throw new HttpError(503, 'review_copy_stamp_failed', refusals.stamp_failed, { 'retry-after': '60' });
  const stamped = Buffer.from(result.stamped.buffer, result.stamped.byteOffset, result.stamped.byteLength);
  const blob = await ctx.store.receive(Readable.from([stamped]));
  await blob.commit();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stored_file')
      .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
      .onConflict((conflict) => conflict.column('sha256').doNothing())
      .execute();
    await trx
      .insertInto('traced_copy')
      .values({ review_copy_id: copy.id, assignment_id: facts.id, file_sha256: blob.sha256 })
      .onConflict((conflict) =>
        conflict.columns(['review_copy_id', 'assignment_id']).doUpdateSet({ file_sha256: blob.sha256 }),
      )
      .execute();
  });
  return { body: Readable.from([stamped]), fileName, traceCode };
}
