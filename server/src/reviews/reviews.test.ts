// The reviewer's review: the anonymised page, autosave, submit (then locked), the editor's reopen,
// and the text form for writing offline. Only the assignment's reviewer reaches these routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { finishCopyAsWorker, madeCopyResult, makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { awardRubric, makeAcceptedAssignment, makeRubric } from '../../test/review-factories.ts';

let t: TestApp;
let editor: TestClient;
let author: TestClient;
let reviewer: TestClient;
let otherReviewer: TestClient;
let reviewerId: string;
let otherReviewerId: string;
let authorEmail: string;
let doubleCall: string;
let singleCall: string;
let openCall: string;
let criteria: Array<{ id: string; label: string; minScore: number; maxScore: number }>;

// Distinctive strings (accents, hyphens) that must never reach a double-blind reviewer.
const authorName = 'Zoë Łukasiewicz-Ørsted';
const affiliation = 'Université de Lièges-Nord';

beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  const rubricId = await makeRubric(t.db, venue.id, awardRubric({ name: 'Journal rubric' }));
  criteria = await t.db
    .selectFrom('rubric_criterion')
    .select(['id', 'label', 'min_score as minScore', 'max_score as maxScore'])
    .where('rubric_id', '=', rubricId)
    .orderBy('position')
    .execute();
  doubleCall = await makeCall(t.db, venue.id, { rubricId, blindMode: 'double' });
  singleCall = await makeCall(t.db, venue.id, { rubricId, blindMode: 'single' });
  openCall = await makeCall(t.db, venue.id, { rubricId, blindMode: 'open' });
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  authorEmail = (await makePerson(t.db, 'author')).email;
  author = await signedIn(t.app, authorEmail);
  const first = await makePerson(t.db, 'author');
  const second = await makePerson(t.db, 'author');
  reviewerId = await idOf(first.email);
  otherReviewerId = await idOf(second.email);
  reviewer = await signedIn(t.app, first.email);
  otherReviewer = await signedIn(t.app, second.email);
});
afterAll(async () => {
  await t.close();
});

async function idOf(email: string) {
  return (await t.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** A sent submission with a ready review copy, and an accepted assignment for `reviewerId`. */
async function underReview(callId = doubleCall) {
  const submissionId = await makeCompleteDraft(author, callId, {
    authors: [{ name: authorName, email: authorEmail, affiliation, orcid: null }],
  });
  expect((await author.post(`/api/submissions/${submissionId}/submit`)).statusCode).toBe(200);
  await finishCopyAsWorker(t.db, submissionId, (copy) => madeCopyResult(copy.inputSha256));
  const { assignmentId } = await makeAcceptedAssignment(t.db, submissionId, reviewerId);
  const other = await makeAcceptedAssignment(t.db, submissionId, otherReviewerId);
  const code = (
    await t.db.selectFrom('submission').select('code').where('id', '=', submissionId).executeTakeFirstOrThrow()
  ).code!;
  return { submissionId, assignmentId, otherAssignmentId: other.assignmentId, code };
}

const reviewOf = (assignmentId: string) => `/api/assignments/${assignmentId}/review`;
const fullScores = () => Object.fromEntries(criteria.map((c) => [c.id, c.maxScore]));

async function draftOf(assignmentId: string) {
  return (await reviewer.get(reviewOf(assignmentId))).json().review;
}

describe('the review page', () => {
  it('shows a double-blind submission anonymised, with the rubric, the reviewer’s number and due date', async () => {
    const { assignmentId, code } = await underReview();
    const response = await reviewer.get(reviewOf(assignmentId));
    expect(response.statusCode).toBe(200);
    const page = response.json();
    expect(page.assignment).toMatchObject({
      id: assignmentId,
      reviewerNumber: 1,
      round: 1,
      dueAt: '2030-01-31T23:59:00.000Z',
    });
    expect(page.submission).toMatchObject({ code, reviewCopyAvailable: true, authors: null });
    expect(Object.keys(page.submission).sort()).toEqual(
      [
        'abstract',
        'authors',
        'category',
        'code',
        'keywords',
        'reviewCopyAvailable',
        'round',
        'title',
        'wordCount',
      ].sort(),
    );
    expect(page.rubric.criteria.map((c: { label: string }) => c.label)).toEqual(criteria.map((c) => c.label));
    expect(page.rubric.criteria[0].descriptors[0]).toEqual({ score: 1, text: 'Not addressed' });
    expect(page.asksRecommendation).toBe(true);
    expect(page.review).toMatchObject({ state: 'draft', scores: {}, recommendation: null, commentsToAuthor: '' });
    for (const secret of [authorName, 'Łukasiewicz', affiliation, authorEmail, 'my essay.pdf', otherReviewerId]) {
      expect(response.body).not.toContain(secret);
    }
  });

  // Names travel as the call's mode says: double, neither side sees the other; single and open,
  // the reviewer sees the authors (their names and affiliations, never their e-mail addresses),
  // and never the other reviewers.
  for (const [mode, call] of [
    ['a single-blind', () => singleCall],
    ['an open', () => openCall],
  ] as const) {
    it(`shows the authors, but no other reviewer, to the reviewer of ${mode} call`, async () => {
      const { assignmentId } = await underReview(call());
      const response = await reviewer.get(reviewOf(assignmentId));
      expect(response.json().submission.authors).toEqual([{ name: authorName, affiliation }]);
      for (const hidden of [authorEmail, otherReviewerId, 'my essay.pdf']) expect(response.body).not.toContain(hidden);
    });
  }

  it('answers 404 to the other reviewer, the author and an editor on every reviewer route; 401 to nobody', async () => {
    const { assignmentId } = await underReview();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', reviewOf(assignmentId)],
      ['PUT', reviewOf(assignmentId), { commentsToAuthor: 'Not mine to write' }],
      ['POST', `${reviewOf(assignmentId)}/submit`, {}],
      ['GET', `${reviewOf(assignmentId)}/form`],
      ['POST', `${reviewOf(assignmentId)}/form`, { text: 'Code: X' }],
    ];
    const missing = await otherReviewer.get(reviewOf('00000000-0000-4000-8000-000000000000'));
    expect(missing.statusCode).toBe(404);
    for (const client of [otherReviewer, author, editor]) {
      for (const [method, url, body] of routes) {
        const response = await client.request(method as 'GET', url, body);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.json().error).toEqual(missing.json().error);
      }
    }
    expect((await t.app.inject({ method: 'GET', url: reviewOf(assignmentId) })).statusCode).toBe(401);
    expect((await draftOf(assignmentId)).commentsToAuthor).toBe('');
  });

  it('opens only once the invitation is accepted', async () => {
    const { submissionId } = await underReview();
    const reviewer3 = await makePerson(t.db, 'author');
    const invited = await makeAcceptedAssignment(t.db, submissionId, await idOf(reviewer3.email), {
      status: 'invited',
    });
    const client = await signedIn(t.app, reviewer3.email);
    const response = await client.get(reviewOf(invited.assignmentId));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('invitation_not_accepted');
  });
});

describe('saving and submitting', () => {
  it('autosaves any part of the draft, keeping the rest', async () => {
    const { assignmentId } = await underReview();
    const first = await reviewer.put(reviewOf(assignmentId), { scores: { [criteria[0]!.id]: 4 } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ state: 'draft', scores: { [criteria[0]!.id]: 4 } });
    await reviewer.put(reviewOf(assignmentId), { commentsToAuthor: 'A careful essay.', commentsToEditor: 'Strong.' });
    await reviewer.put(reviewOf(assignmentId), { recommendation: 'minor_revision' });
    expect(await draftOf(assignmentId)).toMatchObject({
      scores: { [criteria[0]!.id]: 4 },
      commentsToAuthor: 'A careful essay.',
      commentsToEditor: 'Strong.',
      recommendation: 'minor_revision',
    });
    // null clears a score.
    await reviewer.put(reviewOf(assignmentId), { scores: { [criteria[0]!.id]: null } });
    expect((await draftOf(assignmentId)).scores).toEqual({});
  });

  it('refuses scores outside a criterion’s scale, and unknown criteria, saving nothing', async () => {
    const { assignmentId } = await underReview();
    const clarity = criteria[1]!; // 0 to 3
    const tooHigh = await reviewer.put(reviewOf(assignmentId), {
      scores: { [criteria[0]!.id]: 3, [clarity.id]: 4 },
      commentsToAuthor: 'Should not be kept',
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error).toMatchObject({ code: 'score_out_of_range' });
    expect(tooHigh.json().error.message).toContain('from 0 to 3');
    expect((await reviewer.put(reviewOf(assignmentId), { scores: { [criteria[0]!.id]: 0 } })).statusCode).toBe(400);
    const unknown = await reviewer.put(reviewOf(assignmentId), {
      scores: { '00000000-0000-4000-8000-000000000000': 1 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(await draftOf(assignmentId)).toMatchObject({ scores: {}, commentsToAuthor: '' });
  });

  it('submits only a complete review, then locks it: 409 on every change', async () => {
    const { assignmentId } = await underReview();
    await reviewer.put(reviewOf(assignmentId), { scores: { [criteria[0]!.id]: 5 } });
    const incomplete = await reviewer.post(`${reviewOf(assignmentId)}/submit`);
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().error.code).toBe('review_incomplete');
    expect(incomplete.json().error.message).toContain('“Clarity of writing”');
    expect(incomplete.json().error.message).toContain('recommendation');

    await reviewer.put(reviewOf(assignmentId), { scores: fullScores(), recommendation: 'accept' });
    const submitted = await reviewer.post(`${reviewOf(assignmentId)}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', recommendation: 'accept' });
    const row = await t.db
      .selectFrom('assignment')
      .select(['status', 'submitted_at'])
      .where('id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(row.submitted_at).not.toBeNull();

    const late = await reviewer.put(reviewOf(assignmentId), { commentsToAuthor: 'One more thing' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('review_submitted');
    expect((await reviewer.post(`${reviewOf(assignmentId)}/submit`)).statusCode).toBe(409);
    const form = (await reviewer.get(`${reviewOf(assignmentId)}/form`)).body;
    expect((await reviewer.post(`${reviewOf(assignmentId)}/form`, { text: form })).statusCode).toBe(409);
    // Still readable, read-only.
    expect((await draftOf(assignmentId)).state).toBe('submitted');
  });

  it('is reopened by the venue’s editor only, and audited', async () => {
    const { assignmentId, submissionId } = await underReview();
    await reviewer.put(reviewOf(assignmentId), { scores: fullScores(), recommendation: 'reject' });
    await reviewer.post(`${reviewOf(assignmentId)}/submit`);
    // The editor's panel shows the review in, then (below) back with its reviewer.
    const inPanel = (await editor.get(`/api/submissions/${submissionId}/reviews`)).json().rounds[0];
    expect(inPanel.assignments[0]).toMatchObject({ status: 'submitted', reopenedAt: null });
    expect(inPanel.reviews.map((r: { assignmentId: string }) => r.assignmentId)).toEqual([assignmentId]);
    for (const client of [reviewer, otherReviewer, author]) {
      expect((await client.post(`${reviewOf(assignmentId)}/reopen`)).statusCode).toBe(404);
    }
    const reopened = await editor.post(`${reviewOf(assignmentId)}/reopen`);
    expect(reopened.statusCode).toBe(200);
    const draft = await draftOf(assignmentId);
    expect(draft).toMatchObject({ state: 'reopened', recommendation: 'reject', submittedAt: null });
    expect(draft.reopenedAt).not.toBeNull();
    const reopenedPanel = (await editor.get(`/api/submissions/${submissionId}/reviews`)).json().rounds[0];
    // Back with its reviewer: out of the scores side by side until it is sent again.
    expect(reopenedPanel.assignments[0]).toMatchObject({ status: 'accepted', reopenedAt: expect.any(String) });
    expect(reopenedPanel.reviews).toEqual([]);
    expect((await reviewer.put(reviewOf(assignmentId), { recommendation: 'major_revision' })).statusCode).toBe(200);
    expect((await editor.post(`${reviewOf(assignmentId)}/reopen`)).json().error.code).toBe('review_not_submitted');
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', assignmentId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, (a.details as { to?: string }).to])).toEqual([
      ['assignment.status_changed', 'submitted'],
      ['assignment.status_changed', 'accepted'],
      ['review.reopened', undefined],
    ]);
    expect(JSON.stringify(audit)).not.toContain(reviewerId);
  });
});

describe('the review form as text', () => {
  it('goes out with a neutral name and comes back into the same draft', async () => {
    const { assignmentId, code } = await underReview();
    const download = await reviewer.get(`${reviewOf(assignmentId)}/form`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="review-${code}.txt"`);
    const blank = download.body;
    expect(blank).toContain('[criterion 1] Relevance to relationship-based practice');
    expect(blank).toContain('#   1 = Not addressed');
    expect(blank).not.toContain(authorName);

    // Written offline: every answer filled in, the comments over several lines.
    const toAuthor = 'Thank you for this essay.\n\nThe second half — on supervision — needs “evidence”.\n# not a note';
    const filled = blank
      .replace('Score (1 to 5):', 'Score (1 to 5): 4')
      .replace('Score (0 to 3):', 'Score (0 to 3): 2')
      .replace('Recommendation:', 'Recommendation: Major revision')
      .replace(/(\[comments to the author\]\n#[^\n]*\n>>>\n)(<<<)/, `$1${toAuthor}\n$2`)
      .replace(/(\[confidential comments to the editor\]\n#[^\n]*\n>>>\n)(<<<)/, '$1Only for you.\n$2')
      .replaceAll('\n', '\r\n');
    const uploaded = await reviewer.post(`${reviewOf(assignmentId)}/form`, { text: filled });
    expect(uploaded.statusCode).toBe(200);
    const expected = {
      scores: { [criteria[0]!.id]: 4, [criteria[1]!.id]: 2 },
      recommendation: 'major_revision',
      commentsToAuthor: toAuthor,
      commentsToEditor: 'Only for you.',
    };
    expect(uploaded.json()).toMatchObject(expected);
    expect(await draftOf(assignmentId)).toMatchObject(expected);

    // Downloading the filled draft and sending it straight back changes nothing.
    const again = (await reviewer.get(`${reviewOf(assignmentId)}/form`)).body;
    expect(again).toContain('Score (1 to 5): 4');
    expect((await reviewer.post(`${reviewOf(assignmentId)}/form`, { text: again })).json()).toMatchObject(expected);
  });

  it('names the line it cannot read, and saves nothing', async () => {
    const { assignmentId, code } = await underReview();
    await reviewer.put(reviewOf(assignmentId), {
      commentsToAuthor: 'Kept as it was',
      scores: { [criteria[1]!.id]: 1 },
    });
    const form = (await reviewer.get(`${reviewOf(assignmentId)}/form`)).body;
    const lines = form.split('\n');
    const scoreLine = lines.findIndex((line) => line.startsWith('Score (0 to 3)'));
    lines[scoreLine] = 'Score (0 to 3): seven';
    const commentLine = lines.indexOf('Kept as it was');
    lines[commentLine] = 'Changed offline';
    const refused = await reviewer.post(`${reviewOf(assignmentId)}/form`, { text: lines.join('\n') });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('form_unreadable');
    expect(refused.json().error.message).toBe(
      `Nothing was saved: line ${scoreLine + 1} of the form could not be read: the score for “Clarity of writing” must be a whole number from 0 to 3, not “seven”.`,
    );
    const wrongForm = await reviewer.post(`${reviewOf(assignmentId)}/form`, {
      text: form.replace(`Code: ${code}`, 'Code: JSWP-1999-0001'),
    });
    expect(wrongForm.json().error.message).toContain('this form is for JSWP-1999-0001');
    const unclosed = await reviewer.post(`${reviewOf(assignmentId)}/form`, {
      text: form.replace(/<<<\n\n\[confidential/, '\n[confidential'),
    });
    expect(unclosed.json().error.message).toContain('no closing line');
    expect(await draftOf(assignmentId)).toMatchObject({
      commentsToAuthor: 'Kept as it was',
      scores: { [criteria[1]!.id]: 1 },
    });
  });
});
