// The `pdf.review_copy` job end to end: outbox → Redis → worker → child process → stored copy,
// against real PostgreSQL and Redis; and crash safety: a worker killed mid-job is replaced and
// the job completes once, with one review copy, even when the job is delivered again.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../server/test/database.ts';
import { deletePrefix, memoryLogger, testConfig, testQueuePrefix, waitFor } from '../../test/helpers.ts';
import { leakReport, reviewCopyJobId } from '../contracts.ts';
import { LocalFileStore } from '../files/file-store.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { startWorkers } from '../start-workers.ts';
import { fixturePdf } from './pdf/testing/corpus.ts';
import { findIdentityInPdf } from './pdf/verify-copy.ts';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gaps-worker-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A submitted manuscript with its queued review copy, written as the server writes them. */
async function queuedCopy(db: Database, pdf: Buffer, author: { name: string; email: string; affiliation: string }) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const venue = await db
    .insertInto('venue')
    .values({
      slug: `v-${suffix}`,
      name: 'Venue',
      kind: 'journal',
      code_prefix: `T${suffix
        .replace(/[^a-z]/g, 'x')
        .slice(0, 4)
        .toUpperCase()}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await db
    .insertInto('person')
    .values({ email: `${suffix}@example.org`, name: 'Submitter', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const call = await db
    .insertInto('call')
    .values({ venue_id: venue.id, slug: 'c', title: 'Call' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const submission = await db
    .insertInto('submission')
    .values({
      call_id: call.id,
      venue_id: venue.id,
      submitter_id: person.id,
      status: 'submitted',
      code: `TEST-2027-${suffix}`,
      code_year: 2027,
      code_number: 1,
      title: 'A paper',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('submission_author')
    .values({ submission_id: submission.id, position: 1, ...author })
    .execute();
  const blob = await new LocalFileStore(dataDir).receive(Readable.from(pdf));
  await blob.commit();
  await db
    .insertInto('stored_file')
    .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const version = await db
    .insertInto('manuscript_version')
    .values({
      submission_id: submission.id,
      round: 1,
      version_number: 1,
      file_sha256: blob.sha256,
      uploaded_name: 'x.pdf',
      uploaded_by: person.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const copy = await db
    .insertInto('review_copy')
    .values({ manuscript_version_id: version.id, input_sha256: blob.sha256, pipeline_version: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(db, 'pdf.review_copy', { reviewCopyId: copy.id }, reviewCopyJobId(version.id));
  return copy.id;
}

/**
 * Records, in a table of the test database, every write that leaves a review copy finished: the
 * worker's own writes are what the test counts, so a job that completed twice would show twice.
 */
async function recordFinishes(db: Database) {
  await sql`CREATE TABLE test_review_copy_finish (
    review_copy_id uuid NOT NULL, status text NOT NULL, output_sha256 text)`.execute(db);
  await sql`CREATE FUNCTION test_record_review_copy_finish() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO test_review_copy_finish VALUES (NEW.id, NEW.status, NEW.output_sha256);
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER test_review_copy_finish AFTER UPDATE ON review_copy FOR EACH ROW
    WHEN (NEW.status IN ('ready', 'needs_attention', 'failed'))
    EXECUTE FUNCTION test_record_review_copy_finish()`.execute(db);
}

const copyRow = (db: Database, id: string) =>
  db
    .selectFrom('review_copy')
    .select(['status', 'output_sha256', 'page_count', 'leak_report', 'failure_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** Waits until the job has left its row in a final state. */
const finishedCopy = (id: string, timeoutMs: number) =>
  waitFor(async () => {
    const current = await copyRow(database.db, id);
    return ['ready', 'needs_attention', 'failed'].includes(current.status) ? current : null;
  }, timeoutMs);

/** Runs `work` with workers started in this process on a queue prefix of its own. */
async function withWorkers(work: () => Promise<void>) {
  const prefix = testQueuePrefix();
  const config = testConfig({
    DATABASE_URL: database.url,
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: prefix,
    DATA_DIR: dataDir,
  });
  const workers = await startWorkers(config, { db: database.db, logger: memoryLogger().logger });
  try {
    await work();
  } finally {
    await workers.stop();
    await deletePrefix(inject('redisUrl'), prefix);
  }
}

describe('pdf.review_copy worker', () => {
  it('makes the review copy of a real paper and reports its authors to the editor', async () => {
    await withWorkers(async () => {
      const pdf = readFileSync(fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf'));
      const id = await queuedCopy(database.db, pdf, {
        name: 'Andreas Gal',
        email: 'gal@uci.edu',
        affiliation: 'University of California, Irvine',
      });
      const row = await finishedCopy(id, 60_000);
      expect(row.status).toBe('needs_attention');
      expect(row.page_count).toBe(14);
      // What the worker stored is what the server will parse: the result contract's leak report.
      const report = leakReport.parse(row.leak_report);
      expect(report.findings.some((f) => f.kind === 'name' && f.page === 1)).toBe(true);
      expect(report.leaksInCopy).toEqual([]);
      const copy = readFileSync(new LocalFileStore(dataDir).localPath(row.output_sha256!));
      expect(await findIdentityInPdf(copy, ['Andreas Gal'])).toEqual([]);
      // Each move is in the audit log under the worker's system name, in the order it made them.
      const moves = await database.db
        .selectFrom('audit_event')
        .select(['actor_id', 'system_actor', 'details'])
        .where('action', '=', 'review_copy.status_changed')
        .where('details', '@>', JSON.stringify({ reviewCopyId: id }))
        .orderBy('id')
        .execute();
      expect(moves.map((m) => [m.actor_id, m.system_actor, (m.details as { to: string }).to])).toEqual([
        [null, 'review_copy_worker', 'processing'],
        [null, 'review_copy_worker', 'needs_attention'],
      ]);
      // The worker e-mailed nobody: a finding is for the editor to judge.
      expect(
        await database.db
          .selectFrom('email_message')
          .select('id')
          .where('template', '=', 'review_copy.failed')
          .execute(),
      ).toEqual([]);
    });
  }, 90_000);

  it('refuses a password-protected PDF without retrying, and tells the author in plain words', async () => {
    await withWorkers(async () => {
      const pdf = readFileSync(fixturePdf('pdf-lib-corpus/encrypted_new.pdf'));
      const id = await queuedCopy(database.db, pdf, {
        name: 'Nobody Here',
        email: 'nobody@example.org',
        affiliation: 'Nowhere',
      });
      const row = await waitFor(async () => {
        const current = await copyRow(database.db, id);
        return current.status === 'failed' ? current : null;
      }, 30_000);
      expect(row.failure_reason).toMatch(/password/i);
      const mail = await database.db
        .selectFrom('email_message')
        .select('text_body')
        .where('template', '=', 'review_copy.failed')
        .executeTakeFirstOrThrow();
      expect(mail.text_body).toMatch(/password/i);
    });
  }, 60_000);

  it('survives a worker killed mid-job: after a restart the job completes once, with one review copy', async () => {
    const db = database.db;
    await recordFinishes(db);
    const prefix = testQueuePrefix();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      REDIS_URL: inject('redisUrl'),
      QUEUE_PREFIX: prefix,
      DATA_DIR: dataDir,
      OUTBOX_POLL_MS: '100',
      // The lock of the killed worker's job lapses after 2 s and the new worker checks for stalled
      // jobs every 2 s, so the job is taken over within about 6 s (the default would be 90 s).
      WORKER_LOCK_MS: '2000',
    };
    const startWorker = (): ChildProcess =>
      spawn(process.execPath, ['workers/src/main.ts'], { cwd: projectRoot, env, stdio: 'ignore' });
    // The worker marks the row "processing" before it forks the child that reads the 14 pages; the
    // fork, module loading and text extraction take well over a second, the kill follows within
    // one poll (25 ms), and the test checks below that the row was still unfinished.
    const pdf = readFileSync(fixturePdf('pdfjs-corpus/tracemonkey-pldi-09.pdf'));
    const id = await queuedCopy(db, pdf, { name: 'Andreas Gal', email: 'gal@uci.edu', affiliation: 'Mozilla' });
    const queue = new Queue('pdf', {
      connection: new Redis(inject('redisUrl'), { maxRetriesPerRequest: null }),
      prefix,
    });
    let worker = startWorker();
    try {
      await waitFor(async () => (await copyRow(db, id)).status === 'processing', 60_000);
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('exit', resolve));
      expect((await copyRow(db, id)).status, 'the worker finished before it was killed').toBe('processing');

      worker = startWorker();
      const row = await finishedCopy(id, 90_000);
      expect(row.status).toBe('needs_attention');
      expect(row.page_count).toBe(14);

      // At-least-once delivery may hand the same job over again (a relay that crashed between
      // Redis and its commit): that delivery must not make or record a second copy.
      const again = `pdf.review_copy.${id}.delivered-again`;
      await enqueueJob(db, 'pdf.review_copy', { reviewCopyId: id }, again);
      const state = await waitFor(async () => {
        const current = await queue.getJobState(again);
        return current === 'completed' || current === 'failed' ? current : null;
      }, 30_000);
      expect(state).toBe('completed');

      const finishes = await db
        .selectFrom(
          sql<{ review_copy_id: string; status: string; output_sha256: string | null }>`
          test_review_copy_finish`.as('finish'),
        )
        .selectAll()
        .where('review_copy_id', '=', id)
        .execute();
      expect(finishes).toEqual([{ review_copy_id: id, status: 'needs_attention', output_sha256: row.output_sha256 }]);
      expect(await copyRow(db, id)).toEqual(row);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once('exit', resolve)));
      await queue.close();
      await deletePrefix(inject('redisUrl'), prefix);
    }
  }, 180_000);
});
