// The `pdf.review_copy` job: turns a manuscript version into the anonymised copy reviewers read,
// with the identity-leak report for the editor. Idempotent under at-least-once delivery: the
// row is keyed by manuscript version and pipeline version, a finished row is left alone, the
// output is content-addressed, so a retry or a duplicate produces the same single result.
import { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { type Job, UnrecoverableError } from 'bullmq';
import type { LeakFinding, ReviewCopyResult } from '../contracts.ts';
import { LocalFileStore } from '../files/file-store.ts';
import type { JobHandlers } from '../handlers.ts';
import type { Logger } from '../logger.ts';
import { isFinalAttempt } from '../mail/mail.worker.ts';
import { queueMail } from '../outbox/enqueue.ts';
import { loadIdentity } from './author-identity.ts';
import { processPdf } from './pdf/process-file.ts';
import type { FindingKind, ProcessResult } from './pdf/types.ts';
import { finishReviewCopy, startReviewCopy } from './review-copy-state.ts';

// The PDF code's finding kinds and the result contract's must stay the same list.
type SameKinds = [FindingKind] extends [LeakFinding['kind']]
  ? [LeakFinding['kind']] extends [FindingKind]
    ? true
    : never
  : never;
const sameKinds: SameKinds = true;
void sameKinds;

export interface ReviewCopyDeps {
  db: Database;
  dataDir: string;
  logger: Logger;
  /** Whether to start the next job's PDF child ahead of it (config PDF_SPARE_CHILD). */
  spareChild?: boolean;
}

export function createReviewCopyHandlers(deps: ReviewCopyDeps): Pick<JobHandlers, 'pdf.review_copy'> {
  const store = new LocalFileStore(deps.dataDir);
  return {
    'pdf.review_copy': async ({ reviewCopyId }, job: Job) => {
      const copy = await loadJobFacts(deps.db, reviewCopyId);
      if (!copy) throw new UnrecoverableError(`review copy ${reviewCopyId} does not exist`);
      const started = await deps.db
        .transaction()
        .execute((trx) => startReviewCopy(trx, reviewCopyId, { id: job.id, attempt: job.attemptsMade + 1 }));
      if (started === 'finished') return { outcome: 'already done' };
      if (started === 'missing') throw new UnrecoverableError(`review copy ${reviewCopyId} does not exist`);

      let processed: ProcessResult;
      try {
        // The PDF work runs in a capped child process, so a hostile file cannot take this one down.
        processed = await processPdf(
          store.localPath(copy.input_sha256),
          {
            code: copy.code ?? 'DRAFT',
            title: copy.title,
            category: copy.category_name,
            identity: await loadIdentity(deps.db, copy.submission_id),
            wordLimit: copy.word_limit,
            pageLimit: copy.page_limit,
          },
          { spareChild: deps.spareChild },
        );
      } catch (error) {
        if (!isFinalAttempt(job)) throw error;
        deps.logger.error({ reviewCopyId, err: (error as Error).message }, 'review copy: giving up');
        processed = {
          ok: false,
          permanent: true,
          reason: 'failed',
          message:
            'We could not process this PDF because of a problem on our side. The office has been told; you can also try uploading it again.',
        };
      }

      if (!processed.ok) {
        if (!processed.permanent && !isFinalAttempt(job)) throw new Error(processed.message); // BullMQ retries with back-off
        const failureReason = processed.message;
        const outcome = await deps.db.transaction().execute(async (trx) => {
          const state = await finishReviewCopy(trx, reviewCopyId, { outcome: 'refused', failureReason }, job);
          if (state === 'already finished') return state;
          await queueMail(trx, {
            to: copy.submitter_email,
            personId: copy.submitter_id,
            template: 'review_copy.failed',
            subject: `We could not process the PDF of ${copy.code ?? 'your submission'}`,
            text: `Dear ${copy.submitter_name},\n\nWe could not prepare the anonymised copy of your manuscript "${copy.title}" for the reviewers.\n\n${failureReason}\n\nYou can upload a new PDF on your submission's page under "My submissions".\n\nGAPS Submissions`,
          });
          return state;
        });
        deps.logger.warn({ reviewCopyId, reason: processed.reason }, 'review copy refused');
        return { outcome: outcome === 'already finished' ? 'already done' : 'failed', reason: processed.reason };
      }

      const blob = await store.receive(Readable.from(Buffer.from(processed.reviewCopy)));
      await blob.commit();
      const result = {
        outcome: 'made',
        outputSha256: blob.sha256,
        pageCount: processed.pageCount,
        wordCount: processed.wordCount,
        leakReport: {
          findings: processed.findings,
          overWordLimit: processed.overWordLimit,
          overPageLimit: processed.overPageLimit,
          leaksInCopy: processed.leaksInCopy,
        },
      } satisfies ReviewCopyResult;
      const outcome = await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('stored_file')
          .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
        return finishReviewCopy(trx, reviewCopyId, result, job);
      });
      return {
        outcome: outcome === 'already finished' ? 'already done' : outcome,
        findings: processed.findings.length,
      };
    },
  };
}

async function loadJobFacts(db: Database, reviewCopyId: string) {
  return db
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .innerJoin('submission', 'submission.id', 'manuscript_version.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .innerJoin('person', 'person.id', 'submission.submitter_id')
    .leftJoin('call_category', 'call_category.id', 'submission.category_id')
    .select([
      'review_copy.input_sha256',
      'submission.id as submission_id',
      'submission.code',
      'submission.title',
      'submission.submitter_id',
      'person.email as submitter_email',
      'person.name as submitter_name',
      'call.word_limit',
      'call.page_limit',
      'call_category.name as category_name',
    ])
    .where('review_copy.id', '=', reviewCopyId)
    .executeTakeFirst();
}
