// Manuscript upload: streamed into the file store (hashed on the way to disk), checked by its
// content, then recorded as a new version in one audited transaction. The route and the demo
// seed both upload through here.
import type { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { type AuditContext, type FileStore, type PendingBlob, requestReviewCopy, sniffPdf } from '@gaps/workers/shared';
import { recordAudit } from '../audit/events.ts';
import { decisionOnItsWay, heldDecision } from '../decisions/untold-decisions.ts';
import { HttpError } from '../plugins/errors.ts';
import { uploadRound } from '../revisions/revision.service.ts';
import { assertManuscriptReplaceable, copiesOnUpload, type SubmissionState } from '../submissions/submission-state.ts';
import { checkUploadedPdf } from './pdf-check.ts';
import { lockStoredFile } from './stored-file-lock.ts';

export const MAX_MANUSCRIPT_BYTES = 25 * 1024 * 1024;

export interface UploadContext {
  db: Database;
  store: FileStore;
  audit: AuditContext;
  /** The person uploading (an author of the submission; the caller has checked). */
  uploaderId: string;
  /** The app's clock: a decision whose letter is held until later is not yet the author's. */
  now?: Date;
}

/** As assertManuscriptReplaceable, in the state the author sees while a decision's letter is held. */
async function assertAuthorMayReplace(db: Database, submissionId: string, status: string, now: Date): Promise<void> {
  const held = await heldDecision(db, submissionId, now);
  if (!held) return assertManuscriptReplaceable(db, submissionId, status);
  await assertManuscriptReplaceable(db, submissionId, held.fromState);
  throw decisionOnItsWay(held.sendAfter, now, 'You can look at your submission again after that.');
}

export interface IncomingFile {
  stream: Readable;
  /** The name it had on the author's computer, kept for the author and editors only. */
  name: string;
  /** True when the stream was cut at MAX_MANUSCRIPT_BYTES (multipart's size limit). */
  truncated: () => boolean;
}

const tooLarge = () =>
  new HttpError(
    413,
    'file_too_large',
    'This file is larger than 25 MB, the most we accept. Please make it smaller (for example, compress the images) and try again.',
  );

/**
 * Stores a new manuscript version. `openFile` is called only once the submission is known to
 * accept one, so a file the submission cannot take is never read.
 */
export async function uploadManuscript(
  ctx: UploadContext,
  submissionId: string,
  openFile: () => Promise<IncomingFile>,
): Promise<UploadedVersion> {
  const current = await ctx.db
    .selectFrom('submission')
    .select('status')
    .where('id', '=', submissionId)
    .executeTakeFirstOrThrow();
  await assertAuthorMayReplace(ctx.db, submissionId, current.status, ctx.now ?? new Date());
  const file = await openFile();
  const blob = await receivePdf(ctx.store, file);
  // Refused now (password, unreadable) with the words the review copy would use after sending.
  const counts = await checkUploadedPdf(ctx.db, blob);
  const version = await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('submission')
      .select(['status', 'round'])
      .where('id', '=', submissionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await assertAuthorMayReplace(trx, submissionId, locked.status, ctx.now ?? new Date());
    // A deleted draft may be removing the same bytes from the store right now: one at a time.
    await lockStoredFile(trx, blob.sha256);
    await trx
      .insertInto('stored_file')
      .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    const { next } = await trx
      .selectFrom('manuscript_version')
      .select((eb) => eb.fn.coalesce(eb.fn.max('version_number'), eb.val(0)).as('next'))
      .where('submission_id', '=', submissionId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('manuscript_version')
      .values({
        submission_id: submissionId,
        // A revised manuscript belongs to the round its revision opens.
        round: await uploadRound(trx, submissionId, locked.round),
        version_number: Number(next) + 1,
        file_sha256: blob.sha256,
        uploaded_name: file.name,
        uploaded_by: ctx.uploaderId,
        word_count: counts.wordCount,
        page_count: counts.pageCount,
      })
      .returning(['id', 'version_number'])
      .executeTakeFirstOrThrow();
    if (copiesOnUpload(locked.status as SubmissionState)) await requestReviewCopy(trx, ctx.audit, row.id);
    // The bytes become permanent only if the rows do; a failure here rolls both back.
    await blob.commit();
    await recordAudit(trx, ctx.audit, {
      action: 'submission.manuscript_uploaded',
      objectType: 'submission',
      objectId: submissionId,
      details: { versionNumber: row.version_number, sha256: blob.sha256, sizeBytes: blob.sizeBytes },
    });
    return row;
  });
  return { id: version.id, versionNumber: version.version_number, sizeBytes: blob.sizeBytes, ...counts };
}

export interface UploadedVersion {
  id: string;
  versionNumber: number;
  sizeBytes: number;
  /** Counted at upload; null when the check could not finish (the review copy counts again). */
  wordCount: number | null;
  pageCount: number | null;
}

/** Streams the file into temporary storage and keeps it only if it is a complete PDF. */
async function receivePdf(store: FileStore, file: IncomingFile): Promise<PendingBlob> {
  let blob: PendingBlob;
  try {
    blob = await store.receive(file.stream);
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw new HttpError(
      400,
      'upload_interrupted',
      'The upload did not finish. Please check your connection and try again.',
    );
  }
  if (file.truncated()) {
    await blob.discard();
    throw tooLarge();
  }
  const kind = sniffPdf(blob);
  if (kind === 'pdf') return blob;
  await blob.discard();
  if (kind === 'other') {
    throw new HttpError(
      415,
      'not_a_pdf',
      'This file is not a PDF. Please save your manuscript as PDF (in Word: File › Save As › PDF) and upload that.',
    );
  }
  throw new HttpError(
    400,
    kind === 'empty' ? 'empty_file' : 'truncated_file',
    kind === 'empty'
      ? 'This file is empty. Please choose your manuscript again.'
      : 'This PDF seems incomplete (it does not end the way a PDF should). Please save it again as PDF and upload the new copy.',
  );
}
