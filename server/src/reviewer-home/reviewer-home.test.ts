// The reviewer's home: their own assignments only, waiting and done, and nothing of the authors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  distinctiveAuthor,
  insertAssignment,
  makeReviewableSubmission,
  scopedSessionCookie,
} from '../../test/assignments.ts';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';

let t: TestApp;
let reviewer: TestClient;
let reviewerId: string;
let other: TestClient;
let otherId: string;
let submissionId: string;
let code: string;
const ids = {} as Record<'invited' | 'late' | 'declined' | 'submitted' | 'othersOwn', string>;
const day = 86_400_000;

beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  const callId = await makeCall(t.db, venue.id, { title: 'Open papers' });
  const authorPerson = await makePerson(t.db, 'author');
  const author = await signedIn(t.app, authorPerson.email);
  ({ submissionId, code } = await makeReviewableSubmission(t.db, author, {
    callId,
    authorEmail: authorPerson.email,
    dataDir: t.dataDir,
  }));
  const second = await makeReviewableSubmission(t.db, author, {
    callId,
    authorEmail: authorPerson.email,
    dataDir: t.dataDir,
  });
  const third = await makeReviewableSubmission(t.db, author, {
    callId,
    authorEmail: authorPerson.email,
    dataDir: t.dataDir,
  });
  const me = await makePerson(t.db, 'author');
  reviewerId = me.id;
  reviewer = await signedIn(t.app, me.email);
  const someoneElse = await makePerson(t.db, 'author');
  otherId = someoneElse.id;
  other = await signedIn(t.app, someoneElse.email);
  const now = Date.now();
  ids.invited = await insertAssignment(t.db, {
    submissionId,
    reviewerId,
    status: 'invited',
    invitationExpiresAt: new Date(now + 5 * day),
  });
  ids.late = await insertAssignment(t.db, {
    submissionId: second.submissionId,
    reviewerId,
    status: 'accepted',
    dueAt: new Date(now - day),
  });
  ids.declined = await insertAssignment(t.db, {
    submissionId: third.submissionId,
    reviewerId,
    status: 'declined',
    at: new Date(now - 3 * day),
  });
  ids.submitted = await insertAssignment(t.db, {
    submissionId: third.submissionId,
    reviewerId,
    status: 'submitted',
    round: 2,
    at: new Date(now - day),
  });
  ids.othersOwn = await insertAssignment(t.db, { submissionId, reviewerId: otherId, status: 'accepted' });
  // A draft of the late review, saved but not sent.
  await t.db.insertInto('review').values({ assignment_id: ids.late, comments_to_author: 'Half written' }).execute();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/me/reviews', () => {
  it('lists what waits and what is done, of the signed-in reviewer only', async () => {
    const response = await reviewer.get('/api/me/reviews');
    expect(response.statusCode).toBe(200);
    const home = response.json();
    // Waiting: the review due soonest (overdue) before the invitation that expires in five days.
    expect(home.waiting.map((item: { assignmentId: string }) => item.assignmentId)).toEqual([ids.late, ids.invited]);
    // Done: the most recent first.
    expect(home.done.map((item: { assignmentId: string }) => item.assignmentId)).toEqual([ids.submitted, ids.declined]);
    expect(home.moreDone).toBe(false);
    const [late, invited] = home.waiting;
    expect(late).toMatchObject({ status: 'accepted', overdue: true, venue: { kind: 'journal' } });
    expect(late.draftSavedAt).toEqual(expect.any(String));
    expect(invited).toMatchObject({
      status: 'invited',
      overdue: false,
      draftSavedAt: null,
      callTitle: 'Open papers',
      submission: { code, title: 'Staying curious with a frightened family' },
      reviewerNumber: 1,
    });
    expect(invited.invitationExpiresAt).toEqual(expect.any(String));
    expect(home.done[1]).toMatchObject({ status: 'declined', closedAt: expect.any(String) });
    expect(home.done[0]).toMatchObject({ status: 'submitted', round: 2, submittedAt: expect.any(String) });
  });

  it('shows another reviewer only their own assignment', async () => {
    const home = (await other.get('/api/me/reviews')).json();
    expect(home.waiting.map((item: { assignmentId: string }) => item.assignmentId)).toEqual([ids.othersOwn]);
    expect(home.done).toEqual([]);
  });

  it('carries nothing that identifies the authors', async () => {
    const body = (await reviewer.get('/api/me/reviews')).body.normalize('NFD').toLowerCase();
    for (const secret of [
      distinctiveAuthor.name,
      'Hartley',
      distinctiveAuthor.email,
      'blindtest',
      distinctiveAuthor.affiliation,
      distinctiveAuthor.coAuthorName,
      'Quixley',
      distinctiveAuthor.uploadName,
    ]) {
      expect(body).not.toContain(secret.normalize('NFD').toLowerCase());
    }
  });

  it('is not reached by a session made from an invitation link (it reaches its one assignment only)', async () => {
    const cookie = await scopedSessionCookie(t.db, reviewerId, ids.late);
    const response = await t.app.inject({ method: 'GET', url: '/api/me/reviews', headers: { cookie } });
    expect(response.statusCode).toBe(404);
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(session.json().person).toMatchObject({ hasAssignments: false });
  });

  it('asks for a sign-in when nobody is signed in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me/reviews' });
    expect(response.statusCode).toBe(401);
  });

  it('tells the navigation that the person has reviews to find', async () => {
    expect((await reviewer.get('/api/session')).json().person).toMatchObject({
      hasAssignments: true,
      judgesOnly: false,
    });
    const nobody = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    expect((await nobody.get('/api/session')).json().person).toMatchObject({ hasAssignments: false });
  });
});

describe('POST /api/assignments/:id/respond', () => {
  it('declines an open invitation with the reviewer’s reason, once', async () => {
    const declined = await reviewer.post(`/api/assignments/${ids.invited}/respond`, {
      answer: 'decline',
      reason: 'Away until March',
      suggestion: 'A colleague in my team',
    });
    expect(declined.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('assignment')
      .select(['status', 'decline_reason', 'suggested_reviewer', 'responded_at'])
      .where('id', '=', ids.invited)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'declined',
      decline_reason: 'Away until March',
      suggested_reviewer: 'A colleague in my team',
    });
    const again = await reviewer.post(`/api/assignments/${ids.invited}/respond`, { answer: 'accept' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an invitation past its expiry, and anyone else’s', async () => {
    const stale = await insertAssignment(t.db, {
      submissionId: (
        await t.db.selectFrom('submission').select('id').where('id', '<>', submissionId).executeTakeFirstOrThrow()
      ).id,
      reviewerId: otherId,
      status: 'invited',
      invitationExpiresAt: new Date(Date.now() - 1000),
    });
    const late = await other.post(`/api/assignments/${stale}/respond`, { answer: 'accept' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invitation_expired');
    const notTheirs = await reviewer.post(`/api/assignments/${stale}/respond`, { answer: 'accept' });
    expect(notTheirs.statusCode).toBe(404);
  });

  it('accepts an open invitation', async () => {
    const fresh = await insertAssignment(t.db, {
      submissionId,
      reviewerId: (await makePerson(t.db, 'author')).id,
      status: 'invited',
    });
    const invitee = await t.db
      .selectFrom('assignment')
      .innerJoin('person', 'person.id', 'assignment.reviewer_id')
      .select('person.email')
      .where('assignment.id', '=', fresh)
      .executeTakeFirstOrThrow();
    const client = await signedIn(t.app, invitee.email);
    expect((await client.post(`/api/assignments/${fresh}/respond`, { answer: 'accept' })).statusCode).toBe(200);
    const home = (await client.get('/api/me/reviews')).json();
    expect(home.waiting).toEqual([expect.objectContaining({ assignmentId: fresh, status: 'accepted' })]);
  });
});
