// The submission state machine: the transition table and the only code that writes `status`.
// Each change is audited in the same transaction; an illegal one answers 409 with the state.
import type { Database, DB } from '@gaps/db';
import type { ReviewCopyState } from '@gaps/workers/contracts';
import { isReleasable } from '@gaps/workers/shared';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { type AuditContext, recordAudit } from '../audit/events.ts';
import { HttpError, notFound } from '../plugins/errors.ts';
import { loadLatestReviewCopy } from '../review-copies/review-copy.repository.ts';
import { openRevision } from '../revisions/revision.repository.ts';
import { opensRevisionRound } from '../revisions/revision-rules.ts';

export const submissionStates = [
  'draft',
  'submitted',
  'screening',
  'in_review',
  'revision_requested',
  'decided',
  'withdrawn',
  'desk_rejected',
] as const;
export type SubmissionState = (typeof submissionStates)[number];
/** `rescind`: an editor taking back a decision whose letter has not reached the author (decisions/). */
export type Mover = 'author' | 'editor' | 'rescind';

/** from → to → who may make the move. */
const transitions: Record<SubmissionState, Partial<Record<SubmissionState, readonly Mover[]>>> = {
  draft: { submitted: ['author'], withdrawn: ['author'] },
  submitted: {
    screening: ['editor'],
    desk_rejected: ['editor'],
    revision_requested: ['editor'],
    withdrawn: ['author'],
  },
  screening: {
    in_review: ['editor'],
    desk_rejected: ['editor'],
    revision_requested: ['editor'],
    withdrawn: ['author'],
  },
  in_review: { revision_requested: ['editor'], decided: ['editor'], withdrawn: ['author'] },
  // Back to review only by rescinding the revision decision that sent it here.
  revision_requested: { submitted: ['author'], withdrawn: ['author'], in_review: ['rescind'] },
  decided: { in_review: ['rescind'] },
  withdrawn: {},
  desk_rejected: { submitted: ['rescind'], screening: ['rescind'] },
};

export function canMove(from: SubmissionState, to: SubmissionState, mover: Mover): boolean {
  return transitions[from][to]?.includes(mover) ?? false;
}

export function nextStates(from: SubmissionState, mover: Mover): SubmissionState[] {
  return (Object.entries(transitions[from]) as Array<[SubmissionState, readonly Mover[]]>)
    .filter(([, movers]) => movers.includes(mover))
    .map(([to]) => to);
}

/**
 * Guards on entering a state, checked after the table allows the move; each answers the error to
 * show, or null. Reviewers read only the anonymised copy, so review waits for a ready copy or
 * one the editor released after reading its identity report.
 */
const entryGuards: Partial<Record<SubmissionState, (db: Database, submissionId: string) => Promise<HttpError | null>>> =
  {
    in_review: async (db, submissionId) =>
      isReleasable(await loadLatestReviewCopy(db, submissionId))
        ? null
        : new HttpError(
            409,
            'review_copy_not_ready',
            'The anonymised copy is not ready for reviewers yet: wait for it to be made, then check the identity report (release it or return it to the author).',
          ),
  };

/**
 * Which states may replace the manuscript: drafts, submissions sent back to the author, and sent
 * ones (not yet in review) whose file could not be processed, so the author can fix it.
 */
export function mayReplaceManuscript(state: SubmissionState, latestCopy: ReviewCopyState | null): boolean {
  if (state === 'draft' || state === 'revision_requested') return true;
  return (state === 'submitted' || state === 'screening') && latestCopy === 'failed';
}

/** A new file uploaded after sending (e.g. replacing a password-protected one) is processed at once. */
export function copiesOnUpload(state: SubmissionState): boolean {
  return state !== 'draft';
}

/** Only a draft's details may be edited; once sent, they are the record (a revision uploads a new file). */
export function mayEditDetails(state: SubmissionState): boolean {
  return state === 'draft';
}

/** The states a deadline extension applies to: it lets a late draft be sent; a sent one needs none. */
export const statesAcceptingExtension: readonly SubmissionState[] = ['draft'];

/** Throws 409 unless the submission's manuscript may be replaced now (see mayReplaceManuscript). */
export async function assertManuscriptReplaceable(db: Database, submissionId: string, state: string): Promise<void> {
  const latestCopy = (await loadLatestReviewCopy(db, submissionId))?.status ?? null;
  if (mayReplaceManuscript(state as SubmissionState, latestCopy)) return;
  throw new HttpError(
    409,
    'not_replaceable',
    'This submission has already been sent, so its manuscript can no longer be replaced here.',
  );
}

/** The refusal of a move the state machine does not allow, in the words of the state it is in. */
export function illegalTransition(from: SubmissionState, to: SubmissionState): HttpError {
  return new HttpError(
    409,
    'illegal_transition',
    `This submission is ${from.replace('_', ' ')}, so it cannot be ${to.replace('_', ' ')} now. Reload the page to see its current state.`,
  );
}

type Extra = Omit<Updateable<DB['submission']>, 'status' | 'id'>;

/**
 * Moves a submission (locked FOR UPDATE) from its current state to `to`, writing `extra`
 * columns in the same update. Call inside a transaction.
 */
export async function moveSubmission(
  trx: Transaction<DB> | Kysely<DB>,
  audit: AuditContext,
  move: {
    submissionId: string;
    to: SubmissionState;
    mover: Mover;
    reason?: string;
    extra?: Extra;
    expectFrom?: SubmissionState[];
  },
): Promise<{ from: SubmissionState; code: string | null }> {
  const current = await trx
    .selectFrom('submission')
    .select(['status', 'code'])
    .select((eb) =>
      eb.selectFrom('venue').select('venue.kind').whereRef('venue.id', '=', 'submission.venue_id').as('venue_kind'),
    )
    .where('id', '=', move.submissionId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('submission');
  const from = current.status as SubmissionState;
  if (!canMove(from, move.to, move.mover) || (move.expectFrom && !move.expectFrom.includes(from))) {
    throw illegalTransition(from, move.to);
  }
  // Rescinding returns the submission to the state it was in, not into it anew: no entry guard.
  const refused = move.mover === 'rescind' ? null : await entryGuards[move.to]?.(trx, move.submissionId);
  if (refused) throw refused;
  const updated = await trx
    .updateTable('submission')
    .set({ ...move.extra, status: move.to, updated_at: new Date() })
    .where('id', '=', move.submissionId)
    .returning('code')
    .executeTakeFirstOrThrow();
  // Asking for a revision after review ends the round: the author's revision opens the next one.
  if (opensRevisionRound(from, move.to, current.venue_kind ?? '')) await openRevision(trx, move.submissionId);
  await recordAudit(trx, audit, {
    action: 'submission.status_changed',
    objectType: 'submission',
    objectId: move.submissionId,
    details: { from, to: move.to, code: updated.code, ...(move.reason ? { reason: move.reason } : {}) },
  });
  return { from, code: updated.code };
}
