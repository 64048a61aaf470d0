// Revision rounds on a real database: a return before review keeps the round, a revision after
// review starts the next one and needs the revised file and the response; the response and the
// reviewer's own earlier review reach the new round's reviewers, and no one else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { finishCopyAsWorker, madeCopyResult, makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';
import { moveSubmission } from '../submissions/submission-state.ts';

let t: TestApp;
let venueId: string;
let callId: string;
let awardCallId: string;
let submitter: { id: string; email: string };
let coAuthor: { id: string; email: string };
let author: TestClient;
let coAuthorClient: TestClient;
let editor: TestClient;
const noAudit = { actorId: null, ip: null, requestId: null };
const authorName = 'Márta Kovács-Öberg';
const response = 'Thank you both. We rewrote the method section as Reviewer 1 asked, and kept the title.';

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  // Made before the editor, who edits every venue that exists then.
  const award = await makeVenue(t.db);
  await t.db.updateTable('venue').set({ kind: 'award' }).where('id', '=', award.id).execute();
  awardCallId = await makeCall(t.db, award.id);
  submitter = await makePerson(t.db, 'author');
  coAuthor = await makePerson(t.db, 'author');
  author = await signedIn(t.app, submitter.email);
  coAuthorClient = await signedIn(t.app, coAuthor.email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

const readyCopy = (submissionId: string) =>
  finishCopyAsWorker(t.db, submissionId, (copy) => madeCopyResult(copy.inputSha256));

/** A sent submission with a ready copy, by the submitter, naming the co-author. */
async function sentSubmission(call = callId) {
  const id = await makeCompleteDraft(author, call, {
    authors: [
      { name: authorName, email: submitter.email, affiliation: 'Universität Zürich-Nord' },
      { name: 'Second Author', email: coAuthor.email, affiliation: '' },
    ],
  });
  expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
  await readyCopy(id);
  return id;
}

async function toReview(id: string) {
  expect((await editor.post(`/api/submissions/${id}/status`, { to: 'screening' })).statusCode).toBe(200);
  expect((await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' })).statusCode).toBe(200);
}

/** The editor's "revise" after review (issue 12 builds its decision on this same state move). */
async function requestRevision(id: string) {
  await t.db
    .transaction()
    .execute((trx) => moveSubmission(trx, noAudit, { submissionId: id, to: 'revision_requested', mover: 'editor' }));
}

const view = async (client: TestClient, id: string) => (await client.get(`/api/submissions/${id}`)).json().submission;
const round = async (id: string) =>
  (await t.db.selectFrom('submission').select('round').where('id', '=', id).executeTakeFirstOrThrow()).round;

/** A reviewer with a submitted review of `round`, written straight into the tables the review work fills. */
async function reviewed(submissionId: string, reviewerId: string, reviewRound: number, reviewerNumber: number) {
  const assignment = await t.db
    .insertInto('assignment')
    .values({
      submission_id: submissionId,
      round: reviewRound,
      reviewer_id: reviewerId,
      reviewer_number: reviewerNumber,
      status: 'submitted',
      submitted_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rubric = await t.db
    .insertInto('rubric')
    .values({ venue_id: venueId, name: `Journal rubric ${assignment.id}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criterion = await t.db
    .insertInto('rubric_criterion')
    .values({ rubric_id: rubric.id, label: 'Use of theory', position: 1 })
    .returning(['id', 'min_score', 'max_score'])
    .executeTakeFirstOrThrow();
  const review = await t.db
    .insertInto('review')
    .values({
      assignment_id: assignment.id,
      recommendation: 'major_revision',
      comments_to_author: 'The method needs more detail.',
      comments_to_editor: 'Promising, but not yet.',
      submitted_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('review_score')
    .values({ review_id: review.id, criterion_id: criterion.id, score: criterion.max_score })
    .execute();
  return assignment.id;
}

async function invitedTo(submissionId: string, reviewerId: string, reviewRound: number, reviewerNumber: number) {
  const row = await t.db
    .insertInto('assignment')
    .values({
      submission_id: submissionId,
      round: reviewRound,
      reviewer_id: reviewerId,
      reviewer_number: reviewerNumber,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('a return before review', () => {
  it('keeps the round, and asks for no response to reviewers', async () => {
    const id = await sentSubmission();
    expect(
      (await editor.post(`/api/submissions/${id}/return-to-author`, { message: 'Your name is on page 1.' })).statusCode,
    ).toBe(200);
    expect((await view(author, id)).revision).toBeNull();
    const refused = await author.put(`/api/submissions/${id}/revision-response`, { text: response });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('no_open_revision');
    expect((await author.upload(`/api/submissions/${id}/manuscript`, 'anonymised.pdf', samplePdf())).statusCode).toBe(
      201,
    );
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expect(await round(id)).toBe(1);
    const manuscripts = (await view(author, id)).manuscripts as Array<{ round: number }>;
    expect(manuscripts.map((m) => m.round)).toEqual([1, 1]);
  });
});

describe('a revision after review', () => {
  let id: string;
  beforeAll(async () => {
    id = await sentSubmission();
    await toReview(id);
    await requestRevision(id);
  });

  it('opens the next round for the author, listing what it needs', async () => {
    const revision = (await view(author, id)).revision;
    expect(revision).toMatchObject({ round: 2, response: '', sentAt: null, findings: [] });
    expect(revision.missing.map((m: { field: string }) => m.field)).toEqual(['manuscript', 'response']);
    expect(await round(id)).toBe(1);
  });

  it('cannot be sent without the revised manuscript and the response, and says so', async () => {
    const refused = await author.post(`/api/submissions/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('Upload your revised manuscript as a PDF.');
    expect(refused.json().error.message).toContain('Write your response to the reviewers');

    expect((await author.put(`/api/submissions/${id}/revision-response`, { text: response })).statusCode).toBe(200);
    const withoutFile = await author.post(`/api/submissions/${id}/submit`);
    expect(withoutFile.statusCode).toBe(400);
    expect(withoutFile.json().error.message).toBe(
      'Before you send your revision: Upload your revised manuscript as a PDF.',
    );
    expect(await round(id)).toBe(1);
  });

  it('lets only the submitter write the response: a co-author is told who can', async () => {
    const refused = await coAuthorClient.put(`/api/submissions/${id}/revision-response`, { text: 'By the co-author' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('submitter_only');
    // The co-author reads it, as they read the rest of the submission.
    expect((await view(coAuthorClient, id)).revision.response).toBe(response);
  });

  it('warns the author (and the editor) when the response names them', async () => {
    const named = `${response} As ${authorName} wrote in 2019, this matters.`;
    const saved = (await author.put(`/api/submissions/${id}/revision-response`, { text: named })).json();
    expect(saved.submission.revision.findings.map((f: { text: string }) => f.text)).toContain(authorName);
    expect((await view(editor, id)).revision.findings).not.toHaveLength(0);
    await author.put(`/api/submissions/${id}/revision-response`, { text: response });
    expect((await view(author, id)).revision.findings).toEqual([]);
  });

  it('starts round 2 when sent with both, and seals the response', async () => {
    expect((await author.upload(`/api/submissions/${id}/manuscript`, 'revised.pdf', samplePdf())).statusCode).toBe(201);
    expect((await view(author, id)).revision.missing).toEqual([]);
    // Double-blind reviewers read the response as written: it is not sent while it names the author.
    await author.put(`/api/submissions/${id}/revision-response`, { text: `${response} By ${authorName}.` });
    const named = await author.post(`/api/submissions/${id}/submit`);
    expect(named.statusCode).toBe(400);
    expect(named.json().error.code).toBe('response_names_you');
    expect(await round(id)).toBe(1);
    await author.put(`/api/submissions/${id}/revision-response`, { text: response });
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expect(await round(id)).toBe(2);
    const sent = await view(author, id);
    expect(sent).toMatchObject({ status: 'submitted', round: 2, revision: { round: 2, response, missing: [] } });
    expect(sent.revision.sentAt).not.toBeNull();
    expect((sent.manuscripts as Array<{ round: number }>).map((m) => m.round)).toEqual([2, 1]);
    const late = await author.put(`/api/submissions/${id}/revision-response`, { text: 'A late autosave' });
    expect(late.statusCode).toBe(409);
  });

  it('returned before its new review, it stays in round 2 and its response can be mended', async () => {
    expect(
      (await editor.post(`/api/submissions/${id}/return-to-author`, { message: 'Your name is in the response.' }))
        .statusCode,
    ).toBe(200);
    const mended = `${response} (Mended.)`;
    expect((await author.put(`/api/submissions/${id}/revision-response`, { text: mended })).statusCode).toBe(200);
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expect(await round(id)).toBe(2);
    expect((await view(author, id)).revision).toMatchObject({ round: 2, response: mended });
    await author
      .put(`/api/submissions/${id}/revision-response`, { text: response })
      .then((r) => expect(r.statusCode).toBe(409));
  });
});

describe('the new round’s reviewers', () => {
  let id: string;
  let returning: { id: string; email: string };
  let newcomer: { id: string; email: string };
  let returningClient: TestClient;
  let newcomerClient: TestClient;
  let returningAssignment: string;
  let newcomerAssignment: string;
  let firstRoundAssignment: string;
  beforeAll(async () => {
    returning = await makePerson(t.db, 'author');
    newcomer = await makePerson(t.db, 'author');
    const declined = await makePerson(t.db, 'author');
    returningClient = await signedIn(t.app, returning.email);
    newcomerClient = await signedIn(t.app, newcomer.email);
    id = await sentSubmission();
    await toReview(id);
    firstRoundAssignment = await reviewed(id, returning.id, 1, 1);
    await t.db
      .insertInto('assignment')
      .values({ submission_id: id, round: 1, reviewer_id: declined.id, reviewer_number: 2, status: 'declined' })
      .execute();
    await requestRevision(id);
    await author.put(`/api/submissions/${id}/revision-response`, { text: response });
    await author.upload(`/api/submissions/${id}/manuscript`, 'revised.pdf', samplePdf());
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    await readyCopy(id);
    await toReview(id);
    returningAssignment = await invitedTo(id, returning.id, 2, 1);
    newcomerAssignment = await invitedTo(id, newcomer.id, 2, 2);
  });

  it('each see their own earlier review beside the new copy', async () => {
    const earlier = await returningClient.get(`/api/assignments/${returningAssignment}/earlier-review`);
    expect(earlier.statusCode).toBe(200);
    expect(earlier.json().review).toMatchObject({
      round: 1,
      recommendation: 'major_revision',
      scores: [{ criterion: 'Use of theory', score: 5, minScore: 1, maxScore: 5 }],
      commentsToAuthor: 'The method needs more detail.',
      commentsToEditor: 'Promising, but not yet.',
    });
    // A reviewer new to the submission has none; the first round itself has none before it.
    expect((await newcomerClient.get(`/api/assignments/${newcomerAssignment}/earlier-review`)).json()).toEqual({
      review: null,
    });
    expect((await returningClient.get(`/api/assignments/${firstRoundAssignment}/earlier-review`)).json()).toEqual({
      review: null,
    });
  });

  it('never see another reviewer’s earlier review: 404, as for an assignment that does not exist', async () => {
    const other = await newcomerClient.get(`/api/assignments/${returningAssignment}/earlier-review`);
    const missing = await newcomerClient.get('/api/assignments/00000000-0000-4000-8000-000000000000/earlier-review');
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toEqual(missing.json().error);
    expect((await author.get(`/api/assignments/${returningAssignment}/earlier-review`)).statusCode).toBe(404);
    expect((await editor.get(`/api/assignments/${returningAssignment}/earlier-review`)).statusCode).toBe(404);
  });

  it('all read the author’s response, without the author’s name', async () => {
    for (const [client, assignmentId] of [
      [returningClient, returningAssignment],
      [newcomerClient, newcomerAssignment],
    ] as const) {
      const answer = await client.get(`/api/assignments/${assignmentId}/revision-response`);
      expect(answer.json()).toMatchObject({ response: { round: 2, text: response } });
      expect(answer.body).not.toContain(authorName);
      expect(answer.body).not.toContain(submitter.email);
    }
    expect((await returningClient.get(`/api/assignments/${firstRoundAssignment}/revision-response`)).json()).toEqual({
      response: null,
    });
    expect((await newcomerClient.get(`/api/assignments/${returningAssignment}/revision-response`)).statusCode).toBe(
      404,
    );
  });

  // Last here: it accepts both invitations, which the review page waits for.
  it('find both on their review page, in the same answer as the new copy', async () => {
    await t.db
      .updateTable('assignment')
      .set({ status: 'accepted', responded_at: new Date() })
      .where('id', 'in', [returningAssignment, newcomerAssignment])
      .execute();
    const returningPage = await returningClient.get(`/api/assignments/${returningAssignment}/review`);
    expect(returningPage.statusCode).toBe(200);
    expect(returningPage.json()).toMatchObject({
      assignment: { round: 2 },
      earlierReview: {
        round: 1,
        recommendation: 'major_revision',
        scores: [{ criterion: 'Use of theory', score: 5, minScore: 1, maxScore: 5 }],
        commentsToAuthor: 'The method needs more detail.',
        commentsToEditor: 'Promising, but not yet.',
      },
      revisionResponse: { round: 2, text: response },
    });
    expect(returningPage.body).not.toContain(authorName);
    const newcomerPage = (await newcomerClient.get(`/api/assignments/${newcomerAssignment}/review`)).json();
    expect(newcomerPage).toMatchObject({ earlierReview: null, revisionResponse: { round: 2, text: response } });
    // The first round's page has nothing before it.
    const firstRound = (await returningClient.get(`/api/assignments/${firstRoundAssignment}/review`)).json();
    expect(firstRound).toMatchObject({ assignment: { round: 1 }, earlierReview: null, revisionResponse: null });
  });
});

describe('re-inviting the previous round’s reviewers', () => {
  it('waits until the revised submission is in review', async () => {
    const id = await sentSubmission();
    await toReview(id);
    const refused = await editor.post(`/api/submissions/${id}/reinvite-previous-reviewers`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('not_a_new_round');
    expect((await author.post(`/api/submissions/${id}/reinvite-previous-reviewers`)).statusCode).toBe(404);
  });

  // Needs inviteReviewer (assignments/invite.ts), built in parallel: passes once that is merged.
  it('invites those who submitted a review to the new round, once however often it is pressed', async () => {
    const reviewer = await makePerson(t.db, 'author');
    const declined = await makePerson(t.db, 'author');
    await t.db
      .insertInto('reviewer_pool')
      .values([
        { venue_id: venueId, person_id: reviewer.id },
        { venue_id: venueId, person_id: declined.id },
      ])
      .execute();
    const id = await sentSubmission();
    await toReview(id);
    await reviewed(id, reviewer.id, 1, 1);
    await t.db
      .insertInto('assignment')
      .values({ submission_id: id, round: 1, reviewer_id: declined.id, reviewer_number: 2, status: 'declined' })
      .execute();
    await requestRevision(id);
    await author.put(`/api/submissions/${id}/revision-response`, { text: response });
    await author.upload(`/api/submissions/${id}/manuscript`, 'revised.pdf', samplePdf());
    await author.post(`/api/submissions/${id}/submit`);
    await readyCopy(id);
    await toReview(id);

    const first = await editor.post(`/api/submissions/${id}/reinvite-previous-reviewers`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      round: 2,
      invited: [{ personId: reviewer.id, created: true }],
      notInvited: [],
    });
    const again = await editor.post(`/api/submissions/${id}/reinvite-previous-reviewers`);
    expect(again.json()).toMatchObject({ invited: [{ personId: reviewer.id, created: false }] });
    const roundTwo = await t.db
      .selectFrom('assignment')
      .select(['reviewer_id', 'status'])
      .where('submission_id', '=', id)
      .where('round', '=', 2)
      .execute();
    expect(roundTwo).toEqual([{ reviewer_id: reviewer.id, status: 'invited' }]);
    // Declined in this round: pressing again does not ask them a second time.
    await t.db
      .updateTable('assignment')
      .set({ status: 'declined' })
      .where('submission_id', '=', id)
      .where('round', '=', 2)
      .execute();
    const afterNo = await editor.post(`/api/submissions/${id}/reinvite-previous-reviewers`);
    expect(afterNo.json()).toMatchObject({
      invited: [],
      notInvited: [{ personId: reviewer.id, code: 'already_asked' }],
    });
    expect(
      await t.db.selectFrom('assignment').select('id').where('submission_id', '=', id).where('round', '=', 2).execute(),
    ).toHaveLength(1);
  });
});

describe('sending a revised submission to review', () => {
  /** Round 1 reviewed by `reviewer` (in the pool), a revision sent, its copy ready: in screening in round 2. */
  async function revisedInScreening(reviewer: { id: string }) {
    await t.db.insertInto('reviewer_pool').values({ venue_id: venueId, person_id: reviewer.id }).execute();
    const id = await sentSubmission();
    await toReview(id);
    await reviewed(id, reviewer.id, 1, 1);
    await requestRevision(id);
    await author.put(`/api/submissions/${id}/revision-response`, { text: response });
    await author.upload(`/api/submissions/${id}/manuscript`, 'revised.pdf', samplePdf());
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    await readyCopy(id);
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'screening' })).statusCode).toBe(200);
    return id;
  }
  const roundTwo = (id: string) =>
    t.db
      .selectFrom('assignment')
      .select(['reviewer_id', 'status'])
      .where('submission_id', '=', id)
      .where('round', '=', 2)
      .execute();

  it('invites the previous reviewers in the same step when the editor leaves it ticked', async () => {
    const reviewer = await makePerson(t.db, 'author');
    const id = await revisedInScreening(reviewer);
    const sent = await editor.post(`/api/submissions/${id}/status`, {
      to: 'in_review',
      reinvitePreviousReviewers: true,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({
      ok: true,
      reinvited: { round: 2, invited: [{ personId: reviewer.id, created: true }], notInvited: [] },
    });
    expect(await roundTwo(id)).toEqual([{ reviewer_id: reviewer.id, status: 'invited' }]);
    // The button afterwards invites nobody twice.
    const again = await editor.post(`/api/submissions/${id}/reinvite-previous-reviewers`);
    expect(again.json()).toMatchObject({ invited: [{ personId: reviewer.id, created: false }] });
  });

  it('invites nobody when the editor unticks it; round 1 has nobody to invite again', async () => {
    const id = await revisedInScreening(await makePerson(t.db, 'author'));
    const sent = await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' });
    expect(sent.json()).toEqual({ ok: true, reinvited: null });
    expect(await roundTwo(id)).toEqual([]);

    const first = await sentSubmission();
    expect((await editor.post(`/api/submissions/${first}/status`, { to: 'screening' })).statusCode).toBe(200);
    const firstSent = await editor.post(`/api/submissions/${first}/status`, {
      to: 'in_review',
      reinvitePreviousReviewers: true,
    });
    expect(firstSent.statusCode).toBe(200);
    expect(firstSent.json()).toEqual({ ok: true, reinvited: null });
  });
});

describe('an award entry', () => {
  it('never gets a new round: sent back after judging, it is sent again in the same round', async () => {
    const id = await sentSubmission(awardCallId);
    await toReview(id);
    await requestRevision(id);
    expect((await view(author, id)).revision).toBeNull();
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expect(await round(id)).toBe(1);
    const opened = await t.db.selectFrom('revision_response').select('round').where('submission_id', '=', id).execute();
    expect(opened).toEqual([]);
  });
});
