// The steps that build the blindness suite's world, each as the app (or the worker) would take it.
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { LocalFileStore } from '@gaps/workers/shared';
import type { TestApp } from '../../../test/build-test-app.ts';
import type { TestClient } from '../../../test/client.ts';
import { finishCopyAsWorker, madeCopyResult } from '../../../test/factories.ts';
import { hashToken } from '../../accounts/tokens.ts';
import { moveAssignment } from '../../assignments/assignment-state.ts';
import { inviteReviewer } from '../../assignments/invite.ts';
import { simplePdf } from '../../demo/simple-pdf.ts';
import { confidential, uploadNameOf } from './fixture-people.ts';

/** The anonymised output: what the worker makes, free of every identity string. */
const reviewCopyPdf = simplePdf([
  ['Holding on: a practitioner account', 'Anonymised for review.'],
  ['The family, the worker and the agency are described without names.'],
]);

export async function storeFile(t: TestApp, bytes: Buffer) {
  const blob = await new LocalFileStore(t.dataDir).receive(Readable.from(bytes));
  await blob.commit();
  await t.db
    .insertInto('stored_file')
    .values({ sha256: blob.sha256, media_type: 'application/pdf', size_bytes: blob.sizeBytes })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return blob.sha256;
}

export async function makeVenueOf(t: TestApp, kind: 'journal' | 'award') {
  const slug = `${kind}-${randomUUID().slice(0, 6)}`;
  const prefix = `${kind === 'journal' ? 'J' : 'A'}${randomBytes(3).toString('hex').replace(/[0-9]/g, 'Q').toUpperCase().slice(0, 4)}`;
  const venue = await t.db
    .insertInto('venue')
    .values({ slug, name: `Venue ${slug}`, kind, code_prefix: prefix })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rubric = await t.db
    .insertInto('rubric')
    .values({ venue_id: venue.id, name: 'Blindness rubric', asks_recommendation: kind === 'journal' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('rubric_criterion')
    .values([
      { rubric_id: rubric.id, position: 1, label: 'Use of theory', weight: '2' },
      { rubric_id: rubric.id, position: 2, label: 'Clarity of writing' },
    ])
    .execute();
  return { venueId: venue.id, rubricId: rubric.id };
}

/** An author's submission, sent, its copy made and (when `toReview`) moved into review. */
export async function sentSubmission(
  t: TestApp,
  world: { editor: TestClient },
  who: { name: string; email: string; affiliation: string },
  author: TestClient,
  callId: string,
  patch: Record<string, unknown>,
  toReview: boolean,
) {
  const started = await author.post('/api/submissions', { callId });
  if (started.statusCode !== 201) throw new Error(`start failed: ${started.body}`);
  const id: string = started.json().id;
  const saved = await author.patch(`/api/submissions/${id}`, {
    title: 'Holding on: a practitioner account',
    abstract: 'How a social worker stayed curious with a frightened family over two years.',
    keywords: ['child protection', 'containment'],
    ...patch,
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  // The original file names its author, as originals do: if a reviewer ever gets it, the walk sees it.
  const original = simplePdf([[`By ${who.name}, ${who.affiliation}`, who.email]], { author: who.name });
  const uploaded = await author.upload(`/api/submissions/${id}/manuscript`, uploadNameOf(who), original);
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  const sent = await author.post(`/api/submissions/${id}/submit`);
  if (sent.statusCode !== 200) throw new Error(`submit failed: ${sent.body}`);
  const sha = await storeFile(t, reviewCopyPdf);
  await finishCopyAsWorker(t.db, id, () => madeCopyResult(sha));
  if (toReview) {
    for (const to of ['screening', 'in_review']) {
      const moved = await world.editor.post(`/api/submissions/${id}/status`, { to });
      if (moved.statusCode !== 200) throw new Error(`move to ${to} failed: ${moved.body}`);
    }
  }
  return id;
}

/**
 * Invites through the invitation contract when it is built (so its e-mail is read by the walk),
 * else writes the row the way it would: the suite runs before and after that work lands.
 */
export async function invite(t: TestApp, editorId: string, submissionId: string, reviewerId: string) {
  const audit = { actorId: editorId, ip: null, requestId: null };
  try {
    const { assignmentId } = await inviteReviewer(
      { db: t.db, audit, now: new Date(), publicUrl: t.config.PUBLIC_URL, invitedBy: editorId },
      { submissionId, personId: reviewerId },
    );
    return { assignmentId, token: null };
  } catch (error) {
    if (!(error instanceof Error) || !/not built yet/.test(error.message)) throw error;
  }
  const token = randomBytes(24).toString('base64url');
  const taken = await t.db
    .selectFrom('assignment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submission_id', '=', submissionId)
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('assignment')
    .values({
      submission_id: submissionId,
      round: 1,
      reviewer_id: reviewerId,
      reviewer_number: Number(taken.n) + 1,
      invited_by: editorId,
      due_at: new Date(Date.now() + 28 * 86_400_000),
      invitation_token_hash: hashToken(token),
      invitation_expires_at: new Date(Date.now() + 14 * 86_400_000),
      trace_code: randomBytes(8).toString('hex').toUpperCase().slice(0, 8),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { assignmentId: row.id, token };
}

export async function accept(t: TestApp, reviewerId: string, assignmentId: string) {
  await moveAssignment(
    t.db,
    { actorId: reviewerId, ip: null, requestId: null },
    { assignmentId, to: 'accepted', mover: 'reviewer' },
  );
}

/** A review with scores and a confidential comment; submitted when `submit`. */
export async function review(t: TestApp, reviewerId: string, assignmentId: string, reviewer: number, submit: boolean) {
  const facts = await t.db
    .selectFrom('assignment')
    .innerJoin('submission', 'submission.id', 'assignment.submission_id')
    .innerJoin('call', 'call.id', 'submission.call_id')
    .select(['call.rubric_id', 'submission.venue_id'])
    .where('assignment.id', '=', assignmentId)
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('review')
    .values({
      assignment_id: assignmentId,
      recommendation: 'minor_revision',
      comments_to_author: 'The account of the home visits is vivid; say more about supervision.',
      comments_to_editor: confidential(reviewer, assignmentId.slice(0, 8)),
      submitted_at: submit ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criteria = await t.db
    .selectFrom('rubric_criterion')
    .select('id')
    .where('rubric_id', '=', facts.rubric_id!)
    .execute();
  await t.db
    .insertInto('review_score')
    .values(criteria.map((c, index) => ({ review_id: row.id, criterion_id: c.id, score: 3 + index })))
    .execute();
  if (submit) {
    await moveAssignment(
      t.db,
      { actorId: reviewerId, ip: null, requestId: null },
      { assignmentId, to: 'submitted', mover: 'reviewer' },
    );
  }
}

/**
 * The editor's decision through the API, its letter and the reviewers' thank-yous then marked
 * delivered (as the mail worker would once the hold ends), so the author's page shows it.
 */
export async function decideAndSend(t: TestApp, editor: TestClient, submissionId: string, outcome: string) {
  const draft = await editor.post(`/api/submissions/${submissionId}/decisions/draft`, { outcome });
  if (draft.statusCode !== 200) throw new Error(`draft failed: ${draft.body}`);
  const { subject, letter } = draft.json() as { subject: string; letter: string };
  const sent = await editor.post(`/api/submissions/${submissionId}/decisions`, { outcome, subject, letter });
  if (sent.statusCode !== 201) throw new Error(`decision failed: ${sent.body}`);
  await t.db
    .updateTable('email_message')
    .set({ status: 'sent', delivered_at: new Date() })
    .where('decision_id', '=', sent.json().decisions[0].id)
    .execute();
}
