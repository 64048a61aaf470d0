// Journal decisions on a real database: the letter quotes the reviewers only as "Reviewer N",
// two editors deciding at once get one decision and one 409, a decision closes the open
// assignments (and the sweep writes no reminder for them), rescinding works only while the letter
// is held, and every other role is answered 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { makeAssignment, makeAwardVenue, makeReview, makeSentSubmission } from '../../test/review-panel-factories.ts';
import { grantRole } from '../accounts/person.repository.ts';
import { runSweep } from '../reminders/sweep.ts';

let t: TestApp;
let venueId: string;
let callId: string;
let awardVenueId: string;
let awardCallId: string;
let submitter: { id: string; email: string };
let coAuthor: { id: string; email: string };
const reviewers: Array<{ id: string; email: string; name: string }> = [];
let author: TestClient;
let coAuthorClient: TestClient;
let reviewerClient: TestClient;
let editor: TestClient;
let secondEditor: TestClient;
let otherVenueEditor: TestClient;

const confidential = 'CONFIDENTIAL: I supervised the author once.';
const reviewerNames = ['Rosalind Quennell-Ashby', 'Tobiah Wexford-Lane', 'Imogen Stott', 'Hal Pemberton'];

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  awardVenueId = (await makeAwardVenue(t.db)).id;
  awardCallId = await makeCall(t.db, awardVenueId);
  submitter = await makePerson(t.db, 'author');
  coAuthor = await makePerson(t.db, 'author');
  for (const name of reviewerNames) {
    const person = await makePerson(t.db, 'author');
    await t.db.updateTable('person').set({ name }).where('id', '=', person.id).execute();
    reviewers.push({ ...person, name });
  }
  author = await signedIn(t.app, submitter.email);
  coAuthorClient = await signedIn(t.app, coAuthor.email);
  reviewerClient = await signedIn(t.app, reviewers[0]!.email);
  const ed = await makePerson(t.db, 'editor');
  await t.db.updateTable('person').set({ name: 'Ed Editor' }).where('id', '=', ed.id).execute();
  editor = await signedIn(t.app, ed.email);
  secondEditor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  // An editor of another venue only.
  const elsewhere = (await makeVenue(t.db)).id;
  const other = await makePerson(t.db, 'author');
  await grantRole(t.db, other.id, 'editor', elsewhere);
  otherVenueEditor = await signedIn(t.app, other.email);
});
afterAll(async () => {
  await t?.close();
});

/** A journal submission in review: two submitted reviews, one reviewer writing, one invited. */
async function inReview(options: { venue?: string; call?: string } = {}) {
  const id = await makeSentSubmission(t.db, {
    venueId: options.venue ?? venueId,
    callId: options.call ?? callId,
    submitterId: submitter.id,
    coAuthorIds: [coAuthor.id],
  });
  const assignments: string[] = [];
  for (const [index, reviewer] of reviewers.entries()) {
    const status = index < 2 ? 'submitted' : index === 2 ? 'accepted' : 'invited';
    const assignmentId = await makeAssignment(t.db, {
      submissionId: id,
      reviewerId: reviewer.id,
      reviewerNumber: index + 1,
      status,
      dueAt: new Date(Date.now() + 3 * 86_400_000),
    });
    assignments.push(assignmentId);
    if (status === 'submitted') {
      await makeReview(t.db, {
        assignmentId,
        scores: {},
        commentsToAuthor: `Comment ${index + 1}: the case study reads clearly.`,
        commentsToEditor: confidential,
      });
    }
  }
  return { id, assignments };
}

const path = (id: string) => `/api/submissions/${id}/decisions`;
const status = async (id: string) =>
  (await t.db.selectFrom('submission').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const mailsOf = (decisionId: string) =>
  t.db.selectFrom('email_message').selectAll().where('decision_id', '=', decisionId).orderBy('created_at').execute();

async function decide(id: string, outcome = 'accept', client = editor) {
  const draft = await client.post(`${path(id)}/draft`, { outcome });
  expect(draft.statusCode).toBe(200);
  return client.post(path(id), { outcome, subject: draft.json().subject, letter: draft.json().letter });
}

describe('the decision letter', () => {
  it('quotes the author-facing comments as Reviewer 1 and 2, never names, addresses or confidential comments', async () => {
    const { id } = await inReview();
    const draft = (await editor.post(`${path(id)}/draft`, { outcome: 'minor_revision' })).json();
    expect(draft.reviewsIncluded).toBe(2);
    expect(draft.letter).toContain('Reviewer 1\n\nComment 1: the case study reads clearly.');
    expect(draft.letter).toContain('Reviewer 2\n\nComment 2');
    const edited = `${draft.letter}\n\nP.S. Please shorten the abstract.`;
    const sent = await editor.post(path(id), { outcome: 'minor_revision', subject: draft.subject, letter: edited });
    expect(sent.statusCode).toBe(201);
    const [decision] = sent.json().decisions;
    expect(decision).toMatchObject({ outcome: 'minor_revision', letterStatus: 'held', mayRescind: true });

    const mails = await mailsOf(decision.id);
    const letters = mails.filter((m) => m.template === 'decision.minor_revision');
    expect(letters.map((m) => m.to_address).sort()).toEqual([coAuthor.email, submitter.email].sort());
    const thanks = mails.filter((m) => m.template === 'decision.reviewer_thanks');
    expect(thanks.map((m) => m.to_address).sort()).toEqual([reviewers[0]!.email, reviewers[1]!.email].sort());
    for (const letter of letters) {
      expect(letter.text_body).toContain('P.S. Please shorten the abstract.');
      expect(letter.text_body).toContain('Comment 1: the case study reads clearly.');
      expect(letter.send_after!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
      for (const reviewer of reviewers) {
        expect(`${letter.subject}\n${letter.text_body}\n${letter.html_body}`).not.toContain(reviewer.name);
        expect(`${letter.text_body}\n${letter.html_body}`).not.toContain(reviewer.email);
      }
      expect(letter.text_body).not.toContain('CONFIDENTIAL');
    }
    // The thank-you tells the outcome (the default setting) and names no author.
    const authorNames = await t.db
      .selectFrom('submission_author')
      .select(['name', 'email'])
      .where('submission_id', '=', id)
      .execute();
    for (const mail of thanks) {
      expect(mail.text_body).toContain('returned to the authors for minor revisions');
      // The next round invites them again by default: not told to delete their copy and be done.
      expect(mail.text_body).toContain('you may be invited to read the revised version');
      expect(mail.text_body).not.toContain('delete any copy');
      for (const a of authorNames) expect(`${mail.text_body}\n${mail.html_body}`).not.toContain(a.email);
    }
    expect(await status(id)).toBe('revision_requested');
  });

  it('closes the open assignments, and the sweep then writes no reminder for them', async () => {
    const { id, assignments } = await inReview();
    expect((await decide(id, 'reject')).statusCode).toBe(201);
    const rows = await t.db
      .selectFrom('assignment')
      .select(['id', 'status', 'cancel_reason'])
      .where('submission_id', '=', id)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(assignments[2]!)).toMatchObject({ status: 'cancelled', cancel_reason: 'decided' });
    expect(byId.get(assignments[3]!)).toMatchObject({ status: 'cancelled', cancel_reason: 'decided' });
    // Weeks later every reminder would be due, if these were open.
    await runSweep(t.db, { now: new Date(Date.now() + 40 * 86_400_000), publicUrl: 'http://localhost:3000' });
    const written = await t.db
      .selectFrom('reminder_sent')
      .select('id')
      .where('assignment_id', 'in', assignments)
      .execute();
    expect(written).toEqual([]);
    expect(await status(id)).toBe('decided');
  });
});

describe('two editors deciding at once', () => {
  it('records one decision; the other editor is told who decided what, with 409', async () => {
    const { id } = await inReview();
    const [a, b] = await Promise.all([decide(id, 'accept', editor), decide(id, 'reject', secondEditor)]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.message).toMatch(/recorded “(Accept|Reject)” at \d\d:\d\d; reload/);
    const standing = await t.db.selectFrom('decision').select('id').where('submission_id', '=', id).execute();
    expect(standing).toHaveLength(1);
  });
});

describe('rescinding', () => {
  it('works while the letter is held: kept with the reason, its mails skipped, the submission back in review', async () => {
    const { id } = await inReview();
    const decision = (await decide(id, 'accept')).json().decisions[0];
    expect((await author.get(`/api/submissions/${id}/decision-letter`)).json().decision).toBeNull();
    // While held, the author's page reads as before the decision: state and timeline.
    const held = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(held.status).toBe('in_review');
    expect(held.timeline.map((e: { state?: string }) => e.state)).not.toContain('decided');
    const listed = (await author.get('/api/me/submissions?limit=100')).json().submissions;
    expect(listed.find((row: { id: string }) => row.id === id).status).toBe('in_review');
    const editorSees = (await editor.get(`/api/submissions/${id}`)).json().submission;
    expect(editorSees.status).toBe('decided');
    expect(editorSees.timeline.map((e: { state?: string }) => e.state)).toContain('decided');
    const empty = await editor.post(`${path(id)}/${decision.id}/rescind`, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    const done = await editor.post(`${path(id)}/${decision.id}/rescind`, {
      reason: 'Wrong paper: I meant the other one.',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().decisions[0]).toMatchObject({
      rescindReason: 'Wrong paper: I meant the other one.',
      rescindedBy: 'Ed Editor',
      mayRescind: false,
      letterStatus: 'not_sent',
    });
    expect(done.json().production.status).toBeNull();
    // The released reviewers' "no longer needed" was held with the letter, and is not sent either.
    const mails = await mailsOf(decision.id);
    expect(mails.filter((m) => m.template === 'assignment.cancelled')).toHaveLength(2);
    expect(mails.every((m) => m.status === 'skipped')).toBe(true);
    expect(await status(id)).toBe('in_review');
    expect((await author.get(`/api/submissions/${id}/decision-letter`)).json().decision).toBeNull();
    const after = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(after.timeline.map((e: { state?: string }) => e.state)).not.toContain('decided');
    // A new decision on the same round is possible again.
    expect((await decide(id, 'reject')).statusCode).toBe(201);
  });

  it('is refused once the letter has gone to the author, who then sees the decision', async () => {
    const { id } = await inReview();
    const decision = (await decide(id, 'accept')).json().decisions[0];
    await t.db
      .updateTable('email_message')
      .set({ status: 'sent', delivered_at: new Date() })
      .where('decision_id', '=', decision.id)
      .execute();
    const refused = await editor.post(`${path(id)}/${decision.id}/rescind`, { reason: 'Too late' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('already gone to the author');
    const seen = (await author.get(`/api/submissions/${id}/decision-letter`)).json();
    expect(seen.decision).toMatchObject({ outcome: 'accept', label: 'Accept' });
    expect(seen.decision.letter).toContain('Reviewer 1');
    expect(seen.production.status).toBe('accepted');
    expect((await coAuthorClient.get(`/api/submissions/${id}/decision-letter`)).json().decision.outcome).toBe('accept');
    // Production: accepted → ready for publication, once.
    expect(
      (await editor.put(`/api/submissions/${id}/production`, { status: 'ready_for_publication' })).statusCode,
    ).toBe(200);
    expect(
      (await editor.put(`/api/submissions/${id}/production`, { status: 'ready_for_publication' })).statusCode,
    ).toBe(409);
    expect((await author.get(`/api/submissions/${id}/decision-letter`)).json().production.words).toContain(
      'Ready for publication',
    );
  });

  it('is refused once the hold has ended, even before the worker has sent it: the author’s page shows it', async () => {
    const { id } = await inReview();
    const decision = (await decide(id, 'reject')).json().decisions[0];
    t.setNow(new Date(Date.now() + 11 * 60_000));
    try {
      const refused = await editor.post(`${path(id)}/${decision.id}/rescind`, { reason: 'Too late' });
      expect(refused.statusCode).toBe(409);
      expect((await author.get(`/api/submissions/${id}/decision-letter`)).json().decision.outcome).toBe('reject');
    } finally {
      t.setNow(null);
    }
  });

  it('takes a held rejection without review back to screening', async () => {
    const id = await makeSentSubmission(t.db, { venueId, callId, submitterId: submitter.id, status: 'screening' });
    const draft = (await editor.post(`${path(id)}/draft`, { outcome: 'desk_reject' })).json();
    const unchanged = await editor.post(path(id), {
      outcome: 'desk_reject',
      subject: draft.subject,
      letter: draft.letter,
    });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().error.message).toContain('with your reason');
    const letter = draft.letter.replace('[Write your reason for the author here.]', 'It is a policy briefing.');
    const sent = await editor.post(path(id), { outcome: 'desk_reject', subject: draft.subject, letter });
    const decision = sent.json().decisions[0];
    expect(decision).toMatchObject({ letterStatus: 'held', mayRescind: true });
    expect(await status(id)).toBe('desk_rejected');
    expect((await editor.post(`${path(id)}/${decision.id}/rescind`, { reason: 'Misread it' })).statusCode).toBe(200);
    expect(await status(id)).toBe('screening');
  });

  it('undoes the revision round it opened, unless the author has started the revision', async () => {
    const { id } = await inReview();
    const first = (await decide(id, 'major_revision')).json().decisions[0];
    const rounds = () => t.db.selectFrom('revision_response').select('round').where('submission_id', '=', id).execute();
    expect(await rounds()).toEqual([{ round: 2 }]);
    expect((await editor.post(`${path(id)}/${first.id}/rescind`, { reason: 'Not yet' })).statusCode).toBe(200);
    expect(await rounds()).toEqual([]);
    expect(await status(id)).toBe('in_review');

    const second = (await decide(id, 'minor_revision')).json().decisions[0];
    await t.db
      .updateTable('revision_response')
      .set({ text: 'We have begun.' })
      .where('submission_id', '=', id)
      .execute();
    const refused = await editor.post(`${path(id)}/${second.id}/rescind`, { reason: 'Changed my mind' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('already started their revision');
  });
});

describe('who may decide, and bad input', () => {
  it('answers 404 to the author, a co-author, a reviewer and another venue’s editor', async () => {
    const { id } = await inReview();
    for (const client of [author, coAuthorClient, reviewerClient, otherVenueEditor]) {
      expect((await client.get(path(id))).statusCode).toBe(404);
      expect((await client.post(`${path(id)}/draft`, { outcome: 'accept' })).statusCode).toBe(404);
      expect((await client.post(path(id), { outcome: 'accept', subject: 'S', letter: 'L' })).statusCode).toBe(404);
      expect(
        (await client.put(`/api/submissions/${id}/production`, { status: 'ready_for_publication' })).statusCode,
      ).toBe(404);
    }
    for (const client of [reviewerClient, otherVenueEditor]) {
      expect((await client.get(`/api/submissions/${id}/decision-letter`)).statusCode).toBe(404);
    }
    const decision = (await decide(id, 'reject')).json().decisions[0];
    for (const client of [author, coAuthorClient, reviewerClient, otherVenueEditor]) {
      expect((await client.post(`${path(id)}/${decision.id}/rescind`, { reason: 'x' })).statusCode).toBe(404);
    }
    expect(await status(id)).toBe('decided');
  });

  it('refuses an empty letter, an unknown outcome, the wrong state and an award entry, storing nothing', async () => {
    const { id } = await inReview();
    const empty = await editor.post(path(id), { outcome: 'accept', subject: 'Decision', letter: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('write the letter');
    const unknown = await editor.post(path(id), { outcome: 'maybe', subject: 'S', letter: 'L' });
    expect(unknown.statusCode).toBe(400);
    const early = await editor.post(path(id), { outcome: 'desk_reject', subject: 'S', letter: 'L' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('before it goes to review');
    expect(await t.db.selectFrom('decision').select('id').where('submission_id', '=', id).execute()).toEqual([]);

    const entry = await makeSentSubmission(t.db, {
      venueId: awardVenueId,
      callId: awardCallId,
      submitterId: submitter.id,
    });
    const award = await editor.post(path(entry), { outcome: 'accept', subject: 'S', letter: 'L' });
    expect(award.statusCode).toBe(409);
    expect(award.json().error.message).toContain('Award entries');
    expect((await editor.get(path(entry))).json()).toMatchObject({ decidable: false, outcomes: [] });
  });

  it('records the screening page’s rejection without review as a decision, sent at once', async () => {
    const id = await makeSentSubmission(t.db, { venueId, callId, submitterId: submitter.id, status: 'screening' });
    const reason = 'Outside the journal’s scope.';
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'desk_rejected', reason })).statusCode).toBe(200);
    const [decision] = (await editor.get(path(id))).json().decisions;
    // Sent at once, as the screening page promises: the author is told, so it cannot be rescinded.
    expect(decision).toMatchObject({
      outcome: 'desk_reject',
      sendAfter: null,
      mayRescind: false,
      letterStatus: 'sent',
    });
    expect(decision.letter).toContain(reason);
    const [mail] = await mailsOf(decision.id);
    expect(mail).toMatchObject({ template: 'submission.desk_rejected', send_after: null, to_address: submitter.email });
  });
});

describe('venue settings for decisions', () => {
  const settings = () => `/api/venues/${venueId}/decision-settings`;
  it('are validated, saved and read back by the venue’s editors only', async () => {
    const bad = await editor.put(settings(), { decisionReviewerMail: 'thanks', letterHoldMinutes: 5000 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('1440');
    const wrongChoice = await editor.put(settings(), { decisionReviewerMail: 'all', letterHoldMinutes: 5 });
    expect(wrongChoice.statusCode).toBe(400);
    const saved = await editor.put(settings(), { decisionReviewerMail: 'thanks', letterHoldMinutes: 0 });
    expect(saved.json()).toEqual({ decisionReviewerMail: 'thanks', letterHoldMinutes: 0 });
    expect((await otherVenueEditor.get(settings())).statusCode).not.toBe(200);
    expect((await author.put(settings(), { decisionReviewerMail: 'none', letterHoldMinutes: 1 })).statusCode).not.toBe(
      200,
    );

    // Now letters go at once and reviewers are thanked without the outcome.
    const { id } = await inReview();
    const decision = (await decide(id, 'reject')).json().decisions[0];
    const mails = await mailsOf(decision.id);
    expect(mails.every((m) => m.send_after === null)).toBe(true);
    const thanks = mails.filter((m) => m.template === 'decision.reviewer_thanks');
    expect(thanks).toHaveLength(2);
    for (const mail of thanks) {
      expect(mail.text_body).not.toContain('not accepted');
      expect(mail.text_body).toContain('There is nothing more for you to do. Please delete any copy');
    }
    await editor.put(settings(), { decisionReviewerMail: 'thanks_and_outcome', letterHoldMinutes: 10 });
  });
});
