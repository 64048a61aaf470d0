// The `pdf.review_copy` job: turns a manuscript version into the anonymised copy reviewers read,
// with the identity-leak report for the editor. Idempotent under at-least-once delivery: the
// row is keyed by manuscript version and pipeline version, a finished row is left alone, the
// output is content-addressed, so a retry or a duplicate produces the same single result.
import { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { type Job, UnrecoverableError } from 'bullmq';
import { LocalFileStore } from '../files/file-store.ts';
import type { JobHandlers } from '../handlers.ts';
import type { Logger } from '../logger.ts';
import { isFinalAttempt } from '../mail/mail.worker.ts';
import { queueMail } from '../outbox/enqueue.ts';
import { processPdf } from './pdf/process-file.ts';
import type { ProcessResult } from './pdf/types.ts';

export interface ReviewCopyDeps {
  db: Database;
  dataDir: string;
  logger: Logger;
}

const finished = ['ready', 'needs_attention', 'failed'];

export function createReviewCopyHandlers(deps: ReviewCopyDeps): Pick<JobHandlers, 'pdf.review_copy'> {
  const store = new LocalFileStore(deps.dataDir);
  return {
    'pdf.review_copy': async ({ reviewCopyId }, job: Job) => {
      const copy = await loadJobFacts(deps.db, reviewCopyId);
      if (!copy) throw new UnrecoverableError(`review copy ${reviewCopyId} does not exist`);
      if (finished.includes(copy.status)) return { outcome: 'already done' };
      await deps.db
        .updateTable('review_copy')
        .set({ status: 'processing', updated_at: new Date() })
        .where('id', '=', reviewCopyId)
        .execute();

      let result: ProcessResult;
      try {
        // The PDF work runs in a capped child process, so a hostile file cannot take this one down.
        result = await processPdf(store.localPath(copy.input_sha256), {
          code: copy.code ?? 'DRAFT',
          title: copy.title,
          category: copy.category_name,
          identity: await loadIdentity(deps.db, copy.submission_id),
          wordLimit: copy.word_limit,
          pageLimit: copy.page_limit,
        });
      } catch (error) {
        if (!isFinalAttempt(job)) throw error;
        deps.logger.error({ reviewCopyId, err: (error as Error).message }, 'review copy: giving up');
        result = {
          ok: false,
          permanent: true,
          reason: 'failed',
          message:
            'We could not process this PDF because of a problem on our side. The office has been told; you can also try uploading it again.',
        };
      }

      if (!result.ok) {
        if (!result.permanent && !isFinalAttempt(job)) throw new Error(result.message); // BullMQ retries with back-off
        await deps.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('review_copy')
            .set({ status: 'failed', failure_reason: result.message, updated_at: new Date() })
            .where('id', '=', reviewCopyId)
            .execute();
          await queueMail(trx, {
            to: copy.submitter_email,
            personId: copy.submitter_id,
            template: 'review_copy.failed',
            subject: `We could not process the PDF of ${copy.code ?? 'your submission'}`,
            text: `Dear ${copy.submitter_name},\n\nWe could not prepare the anonymised copy of your manuscript "${copy.title}" for the reviewers.\n\n${result.message}\n\nYou can upload a new PDF on your submission's page under "My submissions".\n\nGAPS Submissions`,
          });
        });
        deps.logger.warn({ reviewCopyId, reason: result.reason }, 'review copy refused');
        return { outcome: 'failed', reason: result.reason };
      }

      const blob = await store.receive(Readable.from(Buffer.from(result.reviewCopy)));
      await blob.commit();
      const needsAttention =
        result.findings.length > 0 || result.leaksInCopy.length > 0 || result.overWordLimit || result.overPageLimit;
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('stored_file')
          .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
        await trx
          .updateTable('review_copy')
          .set({
            status: needsAttention ? 'needs_attention' : 'ready',
            output_sha256: blob.sha256,
            page_count: result.pageCount,
            word_count: result.wordCount,
            leak_report: JSON.stringify({
              findings: result.findings,
              overWordLimit: result.overWordLimit,
              overPageLimit: result.overPageLimit,
              leaksInCopy: result.leaksInCopy,
            }),
            failure_reason: null,
            updated_at: new Date(),
          })
          .where('id', '=', reviewCopyId)
          .where('status', 'not in', finished)
          .execute();
      });
      return { outcome: needsAttention ? 'needs_attention' : 'ready', findings: result.findings.length };
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
      'review_copy.status',
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

/** Everything that would identify the authors: the rows of the submission and its application form. */
async function loadIdentity(db: Database, submissionId: string) {
  const authors = await db
    .selectFrom('submission_author')
    .select(['name', 'email', 'affiliation', 'orcid'])
    .where('submission_id', '=', submissionId)
    .execute();
  const form = await db
    .selectFrom('application_form')
    .select('answers')
    .where('submission_id', '=', submissionId)
    .executeTakeFirst();
  const answers = (form?.answers ?? {}) as Record<string, string>;
  const present = (values: Array<string | null | undefined>) => [
    ...new Set(values.filter((v): v is string => Boolean(v?.trim()))),
  ];
  return {
    names: present([...authors.map((a) => a.name), answers.full_name]),
    emails: present(authors.map((a) => a.email)),
    affiliations: present([...authors.map((a) => a.affiliation), answers.institution]),
    orcids: present(authors.map((a) => a.orcid)),
  };
}
