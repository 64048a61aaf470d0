// While a decision's letter is held the author has not been told: every author action and view
// answers as the submission stood before the decision. Withdrawing is neither refused in words
// that tell the decision nor done behind the letter; a held revision request opens nothing the
// author can see or write to. Real PostgreSQL, the app's clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, samplePdf } from '../../test/factories.ts';
import { makeAssignment, makeReview, makeSentSubmission } from '../../test/review-panel-factories.ts';

let t: TestApp;
let venueId: string;
let callId: string;
let submitterId: string;
let author: TestClient;
let editor: TestClient;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  const submitter = await makePerson(t.db, 'author');
  submitterId = submitter.id;
  author = await signedIn(t.app, submitter.email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  await t.db.updateTable('venue').set({ letter_hold_minutes: 10 }).where('id', '=', venueId).execute();
});
afterAll(async () => {
  await t?.close();
});

/** A journal submission in review with one submitted review, decided by the editor (letter held). */
async function decided(outcome: 'accept' | 'major_revision' | 'reject') {
  const id = await makeSentSubmission(t.db, { venueId, callId, submitterId });
  const reviewer = await makePerson(t.db, 'author');
  const assignmentId = await makeAssignment(t.db, {
    submissionId: id,
    reviewerId: reviewer.id,
    reviewerNumber: 1,
    status: 'submitted',
    dueAt: new Date(Date.now() + 3 * 86_400_000),
  });
  await makeReview(t.db, { assignmentId, scores: {}, commentsToAuthor: 'Clear.', commentsToEditor: '' });
  const path = `/api/submissions/${id}/decisions`;
  const draft = (await editor.post(`${path}/draft`, { outcome })).json();
  const sent = await editor.post(path, { outcome, subject: draft.subject, letter: draft.letter });
  expect(sent.statusCode).toBe(201);
  return id;
}

const statusOf = async (id: string) =>
  (await t.db.selectFrom('submission').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe('withdrawing while the decision letter is held', () => {
  it('an accepted submission: answers neutrally, without telling the decision, and changes nothing', async () => {
    const id = await decided('accept');
    const refused = await author.post(`/api/submissions/${id}/withdraw`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('decision_on_its_way');
    expect(refused.json().error.message).toBe(
      'The editors are sending you their decision; you will hear from them by e-mail within 10 minutes. You can withdraw after that if you still wish to.',
    );
    expect(refused.json().error.message).not.toMatch(/decided|accept/i);
    expect(await statusOf(id)).toBe('decided');
  });

  it('a revision request: is not withdrawn behind the letter, which still goes out', async () => {
    const id = await decided('major_revision');
    const refused = await author.post(`/api/submissions/${id}/withdraw`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('decision_on_its_way');
    expect(await statusOf(id)).toBe('revision_requested');
    const letters = await t.db
      .selectFrom('email_message')
      .select('status')
      .where('template', '=', 'decision.major_revision')
      .where('decision_id', 'in', (eb) => eb.selectFrom('decision').select('id').where('submission_id', '=', id))
      .execute();
    expect(letters.map((l) => l.status)).toEqual(['pending']);
  });

  it('is possible once the hold has ended (the author has been told)', async () => {
    const id = await decided('major_revision');
    t.setNow(new Date(Date.now() + 11 * MINUTE));
    try {
      expect((await author.post(`/api/submissions/${id}/withdraw`)).statusCode).toBe(200);
      expect(await statusOf(id)).toBe('withdrawn');
    } finally {
      t.setNow(null);
    }
  });
});

describe('a held revision request, as the author sees it', () => {
  it('shows no revision, and the revision routes answer as for a submission in review', async () => {
    const id = await decided('major_revision');
    const seen = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(seen.status).toBe('in_review');
    expect(seen.revision).toBeNull();
    expect(seen.editorMessage).toBeNull();

    const save = await author.put(`/api/submissions/${id}/revision-response`, { text: 'We have begun.' });
    expect(save.statusCode).toBe(409);
    expect(save.json().error.code).toBe('no_open_revision');
    const upload = await author.upload(`/api/submissions/${id}/manuscript`, 'revised.pdf', samplePdf());
    expect(upload.statusCode).toBe(409);
    expect(upload.json().error.code).toBe('not_replaceable');
    const send = await author.post(`/api/submissions/${id}/submit`);
    expect(send.statusCode).toBe(409);
    expect(send.json().error.message).toContain('This submission is in review, so it cannot be submitted');
    const response = await t.db
      .selectFrom('revision_response')
      .select('text')
      .where('submission_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(response.text).toBe('');

    // Once the hold has ended the revision is the author's to write.
    t.setNow(new Date(Date.now() + 11 * MINUTE));
    try {
      const told = (await author.get(`/api/submissions/${id}`)).json().submission;
      expect(told.status).toBe('revision_requested');
      expect(told.revision).toMatchObject({ round: 2, sentAt: null });
      expect(
        (await author.put(`/api/submissions/${id}/revision-response`, { text: 'We have begun.' })).statusCode,
      ).toBe(200);
    } finally {
      t.setNow(null);
    }
  });

  it('is judged by the app’s clock in the list of my submissions too', async () => {
    const id = await decided('reject');
    const row = async () =>
      (await author.get('/api/me/submissions?limit=100')).json().submissions.find((r: { id: string }) => r.id === id);
    expect((await row()).status).toBe('in_review');
    t.setNow(new Date(Date.now() + 11 * MINUTE));
    try {
      expect((await row()).status).toBe('decided');
      expect((await author.get(`/api/submissions/${id}`)).json().submission.status).toBe('decided');
    } finally {
      t.setNow(null);
    }
  });
});
