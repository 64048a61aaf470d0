// Test data made through the same services the app uses.
import { randomUUID } from 'node:crypto';
import type { Database } from '@gaps/db';
import {
  type LeakFinding,
  type LeakReport,
  leakFinding,
  type ReviewCopyResult,
  reviewCopyResult,
} from '@gaps/workers/contracts';
import { finishReviewCopy, startReviewCopy } from '@gaps/workers/testing';
import type { CallInput } from '../src/calls/call.schemas.ts';
import { saveCall } from '../src/calls/call.service.ts';
import { simplePdf } from '../src/demo/simple-pdf.ts';
import type { TestClient } from './client.ts';

const noAudit = { actorId: null, ip: null, requestId: null };

export function callInputFor(overrides: Partial<CallInput> = {}): CallInput {
  return {
    slug: `call-${randomUUID().slice(0, 8)}`,
    title: 'Test call',
    description: '',
    categories: [],
    opensAt: '2020-01-01T00:00:00Z',
    deadlineLocal: null,
    timeZone: 'Europe/London',
    wordLimit: null,
    pageLimit: null,
    declarations: [],
    applicationFormFields: [],
    blindMode: 'double',
    singleAuthor: false,
    rubricId: null,
    feeNote: null,
    ...overrides,
  };
}

export async function makeCall(db: Database, venueId: string, overrides: Partial<CallInput> = {}) {
  return saveCall(db, noAudit, { venueId }, callInputFor(overrides));
}

export const samplePdf = () => simplePdf([['A manuscript about relationship-based practice.', 'It has two lines.']]);

/** A draft with everything filled in and a PDF uploaded, by the signed-in client. */
export async function makeCompleteDraft(client: TestClient, callId: string, patch: Record<string, unknown> = {}) {
  const started = await client.post('/api/submissions', { callId });
  if (started.statusCode !== 201) throw new Error(`start failed: ${started.body}`);
  const id: string = started.json().id;
  const saved = await client.patch(`/api/submissions/${id}`, {
    title: 'Holding on: a practitioner’s account',
    abstract: 'How a social worker stayed curious with a frightened family over two years.',
    keywords: ['child protection'],
    ...patch,
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  const uploaded = await client.upload(`/api/submissions/${id}/manuscript`, 'my essay.pdf', samplePdf());
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  return id;
}

/**
 * Stand-ins for the PDF worker's result, built from its contract (so a test cannot hand the
 * server a result the real worker could not produce).
 */
export function madeCopyResult(outputSha256: string, report: Partial<LeakReport> = {}): ReviewCopyResult {
  return reviewCopyResult.parse({
    outcome: 'made',
    outputSha256,
    pageCount: 1,
    wordCount: 12,
    leakReport: { findings: [], overWordLimit: false, overPageLimit: false, leaksInCopy: [], ...report },
  });
}

export function refusedCopyResult(failureReason: string): ReviewCopyResult {
  return reviewCopyResult.parse({ outcome: 'refused', failureReason });
}

/** `count` findings of the author's name on page 1, as the identity check reports them. */
export const nameFindings = (count: number): LeakFinding[] =>
  Array.from({ length: count }, () =>
    leakFinding.parse({ kind: 'name', page: 1, text: 'Test author', context: '… by Test author …' }),
  );

/**
 * Plays the worker on the newest review copy of a submission: takes it up and records `result`
 * through the review copy's state machine, as the worker does. The worker itself is tested in workers/.
 */
export async function finishCopyAsWorker(
  db: Database,
  submissionId: string,
  result: (copy: { inputSha256: string }) => ReviewCopyResult,
) {
  const copy = await db
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .select(['review_copy.id', 'review_copy.input_sha256'])
    .where('manuscript_version.submission_id', '=', submissionId)
    .orderBy('manuscript_version.version_number', 'desc')
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await startReviewCopy(trx, copy.id, { id: 'test-job', attempt: 1 });
    await finishReviewCopy(trx, copy.id, result({ inputSha256: copy.input_sha256 }), { id: 'test-job' });
  });
  return copy.id;
}
