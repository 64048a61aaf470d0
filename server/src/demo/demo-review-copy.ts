// The demo's review copies, made during the seed by the workers' own job handler (the same code
// the worker runs on the queued job), so the seed can send papers to review before the workers
// start. The job queued on submit still reaches the workers afterwards and finds the copy done.
import type { Database } from '@gaps/db';
import { createJobHandlers } from '@gaps/workers/start-workers';
import type { Job } from 'bullmq';
import pino from 'pino';

/** Makes the newest review copy of a submission now; answers the copy's state. */
export async function makeReviewCopyNow(db: Database, dataDir: string, submissionId: string): Promise<string> {
  const copy = await db
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .select('review_copy.id')
    .where('manuscript_version.submission_id', '=', submissionId)
    .orderBy('manuscript_version.version_number', 'desc')
    .executeTakeFirstOrThrow();
  const logger = pino({ level: 'warn' });
  const handlers = createJobHandlers({
    // The mail handler is never called here: the seed's e-mail waits in the outbox for the workers.
    mail: { db, transport: null, from: 'demo@example.org', messageIdDomain: 'localhost', logger },
    reviewCopy: { db, dataDir, logger },
  });
  // One attempt: a demo PDF that fails says so at once instead of waiting for retries.
  const job = { id: 'demo-seed', attemptsMade: 0, opts: { attempts: 1 } } as unknown as Job;
  await handlers['pdf.review_copy']({ reviewCopyId: copy.id }, job);
  const done = await db.selectFrom('review_copy').select('status').where('id', '=', copy.id).executeTakeFirstOrThrow();
  return done.status;
}
