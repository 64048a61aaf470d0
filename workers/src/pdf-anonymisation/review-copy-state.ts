// The review copy's state machine: the transition table and the only code that writes
// `review_copy.status` (and the release that lets a flagged copy reach reviewers). Every move is
// audited in the same transaction; the worker's moves under the system actor `review_copy_worker`.
// The server uses it through `@gaps/workers/shared`; the states are in contracts.ts.
import type { DB } from '@gaps/db';
import type { Transaction } from 'kysely';
import { type AuditContext, appendAuditEvent, systemActor } from '../audit-log.ts';
import {
  type LeakReport,
  leakReport,
  REVIEW_COPY_PIPELINE_VERSION,
  type ReviewCopyResult,
  type ReviewCopyState,
  reviewCopyJobId,
  reviewCopyResult,
  reviewCopyStates,
} from '../contracts.ts';
import { enqueueJob } from '../outbox/enqueue.ts';

/** from → the states it may move to. A copy is created `queued` (see requestReviewCopy). */
export const reviewCopyTransitions: Record<ReviewCopyState, readonly ReviewCopyState[]> = {
  queued: ['processing'],
  // A worker killed mid-job leaves `processing` behind; the retry starts the copy again.
  processing: ['processing', 'ready', 'needs_attention', 'failed'],
  // Finished: a new file gets a new copy (one per manuscript version and pipeline version).
  ready: [],
  needs_attention: [],
  failed: [],
};

export function canMoveReviewCopy(from: ReviewCopyState, to: ReviewCopyState): boolean {
  return reviewCopyTransitions[from].includes(to);
}

export function isFinished(state: ReviewCopyState): boolean {
  return reviewCopyTransitions[state].length === 0;
}

export function parseReviewCopyState(value: string): ReviewCopyState {
  const state = reviewCopyStates.find((s) => s === value);
  if (!state) throw new Error(`Unknown review copy state "${value}"`);
  return state;
}

/** A made copy waits for the editor when the check found anything or a limit is exceeded. */
export function needsAttention(report: LeakReport): boolean {
  return report.findings.length > 0 || report.leaksInCopy.length > 0 || report.overWordLimit || report.overPageLimit;
}

export interface ReleaseFacts {
  status: ReviewCopyState;
  output_sha256: string | null;
  released_at: Date | null;
  leak_report: LeakReport | null;
}

/** Ready for reviewers: a copy exists and its check is clear, or an editor released it anyway. */
export function isReleasable(copy: ReleaseFacts | undefined | null): boolean {
  if (!copy?.output_sha256) return false;
  if (copy.leak_report?.leaksInCopy.length) return false; // identity inside the copy itself: never
  return copy.status === 'ready' || (copy.status === 'needs_attention' && copy.released_at !== null);
}

/** Why an editor may not release a copy, or null when they may. */
export function releaseRefusal(
  copy: ReleaseFacts | undefined | null,
): 'nothing_to_release' | 'identity_in_copy' | null {
  if (copy?.status !== 'needs_attention' || !copy.output_sha256) return 'nothing_to_release';
  if (copy.leak_report?.leaksInCopy.length) return 'identity_in_copy';
  return null;
}

/** The review copy's audit events (part of the union in server/src/audit/events.ts; frozen). */
export type ReviewCopyEvent =
  | {
      action: 'review_copy.requested';
      objectType: 'submission';
      objectId: string;
      details: { reviewCopyId: string; manuscriptVersionId: string };
    }
  | {
      action: 'review_copy.status_changed';
      objectType: 'submission';
      objectId: string;
      details: { reviewCopyId: string; from: ReviewCopyState; to: ReviewCopyState; attempt?: number };
    }
  | {
      action: 'review_copy.released';
      objectType: 'submission';
      objectId: string;
      details: { reviewCopyId: string; findings: number };
    };

export class IllegalReviewCopyMove extends Error {
  readonly from: ReviewCopyState;
  readonly to: ReviewCopyState;
  constructor(from: ReviewCopyState, to: ReviewCopyState) {
    super(`A review copy cannot move from ${from} to ${to}`);
    this.from = from;
    this.to = to;
  }
}

const record = (trx: Transaction<DB>, audit: AuditContext, event: ReviewCopyEvent) =>
  appendAuditEvent(trx, audit, event);

const workerAudit = (jobId?: string) => systemActor('review_copy_worker', jobId ?? null);

/** Locks the copy and reads what the moves need. */
async function lockCopy(trx: Transaction<DB>, reviewCopyId: string) {
  const row = await trx
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .select([
      'review_copy.status',
      'review_copy.output_sha256',
      'review_copy.released_at',
      'review_copy.leak_report',
      'manuscript_version.submission_id',
    ])
    .where('review_copy.id', '=', reviewCopyId)
    .forUpdate('review_copy')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    status: parseReviewCopyState(row.status),
    leak_report: leakReport.nullable().parse(row.leak_report),
  };
}

type Columns = Partial<{
  output_sha256: string | null;
  page_count: number | null;
  word_count: number | null;
  leak_report: string | null;
  failure_reason: string | null;
}>;

async function move(
  trx: Transaction<DB>,
  audit: AuditContext,
  copy: { id: string; submissionId: string; from: ReviewCopyState },
  to: ReviewCopyState,
  columns: Columns = {},
  attempt?: number,
) {
  if (!canMoveReviewCopy(copy.from, to)) throw new IllegalReviewCopyMove(copy.from, to);
  await trx
    .updateTable('review_copy')
    .set({ ...columns, status: to, updated_at: new Date() })
    .where('id', '=', copy.id)
    .execute();
  await record(trx, audit, {
    action: 'review_copy.status_changed',
    objectType: 'submission',
    objectId: copy.submissionId,
    details: { reviewCopyId: copy.id, from: copy.from, to, ...(attempt !== undefined && { attempt }) },
  });
}

/**
 * Asks the workers for a review copy of a manuscript version, in the caller's transaction: the
 * queued row and the outbox job commit with the change that needs them (a submit, a new version).
 */
export async function requestReviewCopy(
  trx: Transaction<DB>,
  audit: AuditContext,
  manuscriptVersionId: string,
): Promise<string> {
  const version = await trx
    .selectFrom('manuscript_version')
    .select(['file_sha256', 'submission_id'])
    .where('id', '=', manuscriptVersionId)
    .executeTakeFirstOrThrow();
  // One row per version and pipeline version: asking twice (a resubmit of the same file) reuses it.
  const created = await trx
    .insertInto('review_copy')
    .values({
      manuscript_version_id: manuscriptVersionId,
      input_sha256: version.file_sha256,
      pipeline_version: REVIEW_COPY_PIPELINE_VERSION,
      status: 'queued',
    })
    .onConflict((oc) => oc.columns(['manuscript_version_id', 'pipeline_version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const id =
    created?.id ??
    (
      await trx
        .selectFrom('review_copy')
        .select('id')
        .where('manuscript_version_id', '=', manuscriptVersionId)
        .where('pipeline_version', '=', REVIEW_COPY_PIPELINE_VERSION)
        .executeTakeFirstOrThrow()
    ).id;
  if (created) {
    await record(trx, audit, {
      action: 'review_copy.requested',
      objectType: 'submission',
      objectId: version.submission_id,
      details: { reviewCopyId: id, manuscriptVersionId },
    });
  }
  await enqueueJob(trx, 'pdf.review_copy', { reviewCopyId: id }, reviewCopyJobId(manuscriptVersionId));
  return id;
}

/**
 * The worker takes the copy up (again, after a crash). Answers 'finished' and changes nothing
 * when a duplicate delivery finds the copy already done, 'missing' when it does not exist.
 */
export async function startReviewCopy(
  trx: Transaction<DB>,
  reviewCopyId: string,
  job: { id?: string; attempt: number },
): Promise<'started' | 'finished' | 'missing'> {
  const copy = await lockCopy(trx, reviewCopyId);
  if (!copy) return 'missing';
  if (isFinished(copy.status)) return 'finished';
  await move(
    trx,
    workerAudit(job.id),
    { id: reviewCopyId, submissionId: copy.submission_id, from: copy.status },
    'processing',
    {},
    job.attempt,
  );
  return 'started';
}

/**
 * Records the worker's result (parsed against its contract): a made copy becomes `ready` or
 * `needs_attention`, a refused file `failed`. A copy already finished is left as it is.
 */
export async function finishReviewCopy(
  trx: Transaction<DB>,
  reviewCopyId: string,
  result: ReviewCopyResult,
  job: { id?: string } = {},
): Promise<ReviewCopyState | 'already finished'> {
  const parsed = reviewCopyResult.parse(result);
  const copy = await lockCopy(trx, reviewCopyId);
  if (!copy) throw new Error(`review copy ${reviewCopyId} does not exist`);
  if (isFinished(copy.status)) return 'already finished';
  const target = { id: reviewCopyId, submissionId: copy.submission_id, from: copy.status };
  if (parsed.outcome === 'refused') {
    await move(trx, workerAudit(job.id), target, 'failed', { failure_reason: parsed.failureReason });
    return 'failed';
  }
  const to = needsAttention(parsed.leakReport) ? 'needs_attention' : 'ready';
  await move(trx, workerAudit(job.id), target, to, {
    output_sha256: parsed.outputSha256,
    page_count: parsed.pageCount,
    word_count: parsed.wordCount,
    leak_report: JSON.stringify(parsed.leakReport),
    failure_reason: null,
  });
  return to;
}

/**
 * An editor lets a copy the check flagged go to reviewers, having read its report. Refused when
 * there is nothing waiting for that decision, and always when the identity is inside the copy.
 */
export async function releaseReviewCopy(
  trx: Transaction<DB>,
  audit: AuditContext & { actorId: string },
  reviewCopyId: string,
): Promise<{ released: true } | { released: false; refusal: 'nothing_to_release' | 'identity_in_copy' }> {
  const copy = await lockCopy(trx, reviewCopyId);
  const refusal = releaseRefusal(copy);
  if (refusal || !copy) return { released: false, refusal: refusal ?? 'nothing_to_release' };
  await trx
    .updateTable('review_copy')
    .set({ released_by: audit.actorId, released_at: new Date(), updated_at: new Date() })
    .where('id', '=', reviewCopyId)
    .execute();
  await record(trx, audit, {
    action: 'review_copy.released',
    objectType: 'submission',
    objectId: copy.submission_id,
    details: { reviewCopyId, findings: copy.leak_report?.findings.length ?? 0 },
  });
  return { released: true };
}
