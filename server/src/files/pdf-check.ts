// The check every uploaded manuscript gets before it is kept: opened in the workers' capped PDF
// child (never in this process), with the code the review copy uses. A file the review copy would
// refuse for itself (a password to open it, unreadable) is refused on the spot with the same words;
// its pages and words are counted once, here, for the author to see against the call's limits.
import type { Database } from '@gaps/db';
import { checkPdf } from '@gaps/workers/pdf';
import type { PendingBlob } from '@gaps/workers/shared';
import { HttpError } from '../plugins/errors.ts';

/** Shorter than the review copy's minute: the author is waiting, and a retry later may be quicker. */
const CHECK_TIMEOUT_MS = 30_000;

export async function checkUploadedPdf(
  db: Database,
  blob: PendingBlob,
): Promise<{ wordCount: number | null; pageCount: number | null }> {
  // The store is content-addressed: the same bytes checked before give the same answer (the same
  // file uploaded to several drafts, or again after a Cancel), so they are not opened again.
  const known = await db
    .selectFrom('manuscript_version')
    .select(['word_count', 'page_count'])
    .where('file_sha256', '=', blob.sha256)
    .where('word_count', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (known) return { wordCount: known.word_count, pageCount: known.page_count };
  const { result } = await checkPdf(blob.localPath, { timeoutMs: CHECK_TIMEOUT_MS });
  if (result.ok) return { wordCount: result.wordCount, pageCount: result.pageCount };
  // A busy machine or our own fault is not the author's: keep the file, count it later.
  if (!result.permanent) return { wordCount: null, pageCount: null };
  await blob.discard();
  throw new HttpError(422, `pdf_${result.reason}`, result.message);
}
