// Assignment rows made directly, for tests of what reviewers see: the invitation service (helper
// "invite") is built alongside, and these tests are about reading assignments, not making them.
import { Readable } from 'node:stream';
import type { Database } from '@gaps/db';
import { processPdf } from '@gaps/workers/pdf';
import { LocalFileStore } from '@gaps/workers/shared';
import { createSession } from '../src/accounts/session.repository.ts';
import { hashToken, newToken } from '../src/accounts/tokens.ts';
import type { AssignmentState } from '../src/assignments/assignment-state.ts';
import { simplePdf } from '../src/demo/simple-pdf.ts';
import { SESSION_COOKIE } from '../src/plugins/session.ts';
import type { TestClient } from './client.ts';
import { finishCopyAsWorker, madeCopyResult } from './factories.ts';

export interface AssignmentInput {
  submissionId: string;
  reviewerId: string;
  status?: AssignmentState;
  round?: number;
  dueAt?: Date | null;
  invitationExpiresAt?: Date | null;
  /** When it was answered, submitted, expired or cancelled (by its status); defaults to now. */
  at?: Date;
}

export async function insertAssignment(db: Database, input: AssignmentInput): Promise<string> {
  const status = input.status ?? 'invited';
  const at = input.at ?? new Date();
  const round = input.round ?? 1;
  const taken = await db
    .selectFrom('assignment')
    .select((eb) => eb.fn.coalesce(eb.fn.max('reviewer_number'), eb.lit(0)).as('highest'))
    .where('submission_id', '=', input.submissionId)
    .where('round', '=', round)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('assignment')
    .values({
      submission_id: input.submissionId,
      reviewer_id: input.reviewerId,
      round,
      reviewer_number: Number(taken.highest) + 1,
      status,
      invited_at: new Date(at.getTime() - 86_400_000),
      invitation_expires_at: input.invitationExpiresAt ?? null,
      due_at: input.dueAt ?? null,
      responded_at: ['accepted', 'declined', 'submitted'].includes(status) ? at : null,
      submitted_at: status === 'submitted' ? at : null,
      expired_at: status === 'expired' ? at : null,
      cancelled_at: status === 'cancelled' ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Strings that must never reach a reviewer (accents and hyphens, as the blindness suite uses). */
export const distinctiveAuthor = {
  name: 'Zoë Hartley-Ñúñez',
  email: 'zoe.hartley-nunez@blindtest-uni.ac.uk',
  affiliation: 'Université de Blindtest-sur-Mer',
  coAuthorName: 'Bartholomew Quixley-Øberg',
  coAuthorEmail: 'b.quixley@quixley-trust.org.uk',
  uploadName: 'Hartley-Nunez final essay (Blindtest).pdf',
};

/**
 * A sent submission by an author with the distinctive identity above, whose review copy is made
 * by the real PDF pipeline (of a `pages`-page manuscript) and stored where the app reads files.
 */
export async function makeReviewableSubmission(
  db: Database,
  author: TestClient,
  options: { callId: string; authorEmail: string; dataDir: string; pages?: number },
): Promise<{ submissionId: string; code: string; copyPageCount: number }> {
  const started = await author.post('/api/submissions', { callId: options.callId });
  const submissionId: string = started.json().id;
  const saved = await author.patch(`/api/submissions/${submissionId}`, {
    title: 'Staying curious with a frightened family',
    abstract: 'How a social worker kept thinking under pressure.',
    keywords: ['relationship-based practice'],
    authors: [
      { name: distinctiveAuthor.name, email: options.authorEmail, affiliation: distinctiveAuthor.affiliation },
      { name: distinctiveAuthor.coAuthorName, email: distinctiveAuthor.coAuthorEmail, affiliation: null },
    ],
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  const pages = Array.from({ length: options.pages ?? 3 }, (_, index) => [
    `Page ${index + 1} of a manuscript about relationship-based practice.`,
    'Nothing here names anyone.',
  ]);
  const uploaded = await author.upload(
    `/api/submissions/${submissionId}/manuscript`,
    distinctiveAuthor.uploadName,
    simplePdf(pages),
  );
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  const sent = await author.post(`/api/submissions/${submissionId}/submit`);
  if (sent.statusCode !== 200) throw new Error(`submit failed: ${sent.body}`);
  const { code } = await db
    .selectFrom('submission')
    .select('code')
    .where('id', '=', submissionId)
    .executeTakeFirstOrThrow();

  // The copy the worker would make, made by the same code, then recorded as the worker records it.
  const version = await db
    .selectFrom('manuscript_version')
    .select('file_sha256')
    .where('submission_id', '=', submissionId)
    .executeTakeFirstOrThrow();
  const store = new LocalFileStore(options.dataDir);
  const made = await processPdf(store.localPath(version.file_sha256), {
    code: code!,
    title: 'Staying curious with a frightened family',
    category: null,
    identity: { names: [], emails: [], affiliations: [], orcids: [] },
    wordLimit: null,
    pageLimit: null,
  });
  if (!made.ok) throw new Error(`review copy failed: ${made.message}`);
  const blob = await store.receive(Readable.from([Buffer.from(made.reviewCopy)]));
  await blob.commit();
  await db
    .insertInto('stored_file')
    .values({ sha256: blob.sha256, size_bytes: blob.sizeBytes, media_type: 'application/pdf' })
    .onConflict((conflict) => conflict.column('sha256').doNothing())
    .execute();
  await finishCopyAsWorker(db, submissionId, () => madeCopyResult(blob.sha256));
  return { submissionId, code: code!, copyPageCount: made.pageCount + 1 };
}

/** A session as an invitation link makes it: it reaches this one assignment and nothing else. */
export async function scopedSessionCookie(db: Database, personId: string, assignmentId: string): Promise<string> {
  const token = newToken();
  await createSession(db, { tokenHash: hashToken(token), personId, days: 1, ip: null, userAgent: null, assignmentId });
  return `${SESSION_COOKIE}=${token}`;
}
