// The editor's view of reviews: weighted totals, states, alternates and confidential comments for
// the venue's editors, and the same 404 as "no such thing" for everyone else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import {
  makeAlternate,
  makeAssignment,
  makeAwardVenue,
  makeReview,
  makeRubric,
  makeSentSubmission,
} from '../../test/review-panel-factories.ts';
import { grantRole } from '../accounts/person.repository.ts';

const DAY = 86_400_000;
let t: TestApp;
let journal: { id: string };
let award: { id: string };
let callId: string;
let awardCallId: string;
let submissionId: string;
let screeningId: string;
let awardSubmissionId: string;
let criterionIds: string[];
let editor: TestClient;
const people: Record<string, { id: string; email: string }> = {};

async function person(key: string, name: string, role: 'author' | 'editor' = 'author') {
  const made = await makePerson(t.db, role);
  await t.db.updateTable('person').set({ name }).where('id', '=', made.id).execute();
  people[key] = made;
  return made;
}

beforeAll(async () => {
  t = await buildTestApp();
  journal = await makeVenue(t.db);
  award = await makeAwardVenue(t.db);
  editor = await signedIn(t.app, (await person('editor', 'Edna Editor', 'editor')).email);
  await person('editorAuthor', 'Eamon Editor-Author', 'editor');
  const otherVenue = await makeVenue(t.db);
  const otherEditor = await person('otherEditor', 'Olga Elsewhere');
  await grantRole(t.db, otherEditor.id, 'editor', otherVenue.id);
  await person('author', 'Ada Author');
  await person('coAuthor', 'Cai Co-Author');
  for (const [key, name] of [
    ['r1', 'Rhiannon Reader'],
    ['r2', 'Rowan Reader'],
    ['r3', 'Remi Late'],
    ['r4', 'Rita Declines'],
    ['r5', 'Ravi Drafting'],
    ['alt1', 'Alice Alternate'],
    ['alt2', 'Bea Alternate'],
  ] as const) {
    await person(key, name);
  }

  // Unequal weights, so a plain mean of the scores would give a different total.
  const rubric = await makeRubric(t.db, journal.id, [
    { label: 'Relevance to practice', weight: 2 },
    { label: 'Use of theory', weight: 1 },
    { label: 'Clarity of writing', weight: 0.5 },
  ]);
  criterionIds = rubric.criterionIds;
  callId = await makeCall(t.db, journal.id, { rubricId: rubric.id });
  submissionId = await makeSentSubmission(t.db, {
    venueId: journal.id,
    callId,
    submitterId: people.author!.id,
    coAuthorIds: [people.coAuthor!.id, people.editorAuthor!.id],
    title: 'Holding the frame',
  });
  screeningId = await makeSentSubmission(t.db, {
    venueId: journal.id,
    callId,
    submitterId: people.author!.id,
    status: 'screening',
    title: 'Not yet in review',
  });
  const [relevance, theory, clarity] = criterionIds as [string, string, string];
  const a1 = await makeAssignment(t.db, {
    submissionId,
    reviewerId: people.r1!.id,
    reviewerNumber: 1,
    status: 'submitted',
    conflictOverride: 'Left the same department in 2019.',
  });
  await makeReview(t.db, {
    assignmentId: a1,
    scores: { [relevance]: 5, [theory]: 2, [clarity]: 4 },
    recommendation: 'minor_revision',
    commentsToAuthor: 'A careful paper.',
    commentsToEditor: 'I suspect I know the author; it did not affect my reading.',
  });
  const a2 = await makeAssignment(t.db, {
    submissionId,
    reviewerId: people.r2!.id,
    reviewerNumber: 2,
    status: 'submitted',
  });
  await makeReview(t.db, {
    assignmentId: a2,
    scores: { [relevance]: 1, [theory]: 5, [clarity]: 5 },
    recommendation: 'major_revision',
    commentsToAuthor: 'The theory section is strong.',
    commentsToEditor: '',
  });
  await makeAssignment(t.db, {
    submissionId,
    reviewerId: people.r3!.id,
    reviewerNumber: 3,
    status: 'accepted',
    dueAt: new Date(Date.now() - 3 * DAY),
  });
  await makeAssignment(t.db, {
    submissionId,
    reviewerId: people.r4!.id,
    reviewerNumber: 4,
    status: 'declined',
    dueAt: new Date(Date.now() - 3 * DAY),
    declineReason: 'On leave until June.',
    suggestedReviewer: 'Dr Someone Else, someone@example.org',
  });
  const a5 = await makeAssignment(t.db, {
    submissionId,
    reviewerId: people.r5!.id,
    reviewerNumber: 5,
    status: 'accepted',
  });
  await makeReview(t.db, {
    assignmentId: a5,
    scores: { [relevance]: 3 },
    commentsToEditor: 'draft thoughts',
    draft: true,
  });
  // Inserted out of order: the queue is by position.
  await makeAlternate(t.db, { submissionId, personId: people.alt2!.id, position: 2 });
  await makeAlternate(t.db, {
    submissionId,
    personId: people.alt1!.id,
    position: 1,
    conflictOverride: 'Only a shared funder.',
  });

  const awardRubric = await makeRubric(t.db, award.id, [{ label: 'Reflection', weight: 1 }], false);
  awardCallId = await makeCall(t.db, award.id, { rubricId: awardRubric.id });
  awardSubmissionId = await makeSentSubmission(t.db, {
    venueId: award.id,
    callId: awardCallId,
    submitterId: people.author!.id,
    title: 'What the silence held',
  });
  const judged = await makeAssignment(t.db, {
    submissionId: awardSubmissionId,
    reviewerId: people.r1!.id,
    reviewerNumber: 1,
    status: 'submitted',
  });
  await makeReview(t.db, { assignmentId: judged, scores: { [awardRubric.criterionIds[0]!]: 4 } });
  await makeAssignment(t.db, {
    submissionId: awardSubmissionId,
    reviewerId: people.r2!.id,
    reviewerNumber: 2,
    status: 'invited',
    dueAt: new Date(Date.now() - DAY),
  });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/submissions/:id/reviews, as the venue’s editor', () => {
  it('puts the scores side by side with each weighted total computed from unequal weights', async () => {
    const response = await editor.get(`/api/submissions/${submissionId}/reviews`);
    expect(response.statusCode).toBe(200);
    const panel = response.json();
    expect(panel.rubric.criteria.map((c: { label: string; weight: number }) => [c.label, c.weight])).toEqual([
      ['Relevance to practice', 2],
      ['Use of theory', 1],
      ['Clarity of writing', 0.5],
    ]);
    expect(panel.scoring).toMatch(/sum of every score times its criterion’s weight/);
    const [round] = panel.rounds;
    expect(round.round).toBe(1);
    // (5×2 + 2×1 + 4×0.5) / 3.5 = 4; (1×2 + 5×1 + 5×0.5) / 3.5 = 2.71 (a plain mean would say 3.67).
    expect(round.reviews.map((r: { label: string; weightedTotal: number }) => [r.label, r.weightedTotal])).toEqual([
      ['Reviewer 1', 4],
      ['Reviewer 2', 2.71],
    ]);
    expect(round.meanWeightedTotal).toBe(3.36);
    expect(round.criterionMeans.map((m: { mean: number }) => m.mean)).toEqual([3, 3.5, 4.5]);
    expect(round.reviews[0].scores).toEqual([
      { criterionId: criterionIds[0], score: 5 },
      { criterionId: criterionIds[1], score: 2 },
      { criterionId: criterionIds[2], score: 4 },
    ]);
    expect(round.reviews.map((r: { recommendation: string }) => r.recommendation)).toEqual([
      'minor_revision',
      'major_revision',
    ]);
    expect(round.reviews[0].commentsToEditor).toBe('I suspect I know the author; it did not affect my reading.');
    expect(round.reviews[1].commentsToAuthor).toBe('The theory section is strong.');
  });

  it('leaves a draft review out: it is the reviewer’s until they send it', async () => {
    const round = (await editor.get(`/api/submissions/${submissionId}/reviews`)).json().rounds[0];
    expect(round.reviews).toHaveLength(2);
    expect(JSON.stringify(round)).not.toContain('draft thoughts');
  });

  it('lists every assignment with who, state, due date, lateness, overrides and decline reasons', async () => {
    const round = (await editor.get(`/api/submissions/${submissionId}/reviews`)).json().rounds[0];
    const byNumber = Object.fromEntries(
      round.assignments.map((a: { reviewerNumber: number }) => [a.reviewerNumber, a]),
    );
    expect(byNumber[1].reviewer).toEqual({ personId: people.r1!.id, name: 'Rhiannon Reader', email: people.r1!.email });
    expect(byNumber[1].conflictOverride).toBe('Left the same department in 2019.');
    expect(byNumber[1].overdue).toBe(false);
    expect(byNumber[3]).toMatchObject({ status: 'accepted', overdue: true, label: 'Reviewer 3' });
    // Declined is not late, whatever its due date said.
    expect(byNumber[4]).toMatchObject({
      status: 'declined',
      overdue: false,
      declineReason: 'On leave until June.',
      suggestedReviewer: 'Dr Someone Else, someone@example.org',
    });
    expect(round.alternates.map((a: { name: string; position: number }) => [a.position, a.name])).toEqual([
      [1, 'Alice Alternate'],
      [2, 'Bea Alternate'],
    ]);
    expect(round.alternates[0].conflictOverride).toBe('Only a shared funder.');
  });

  it('uses judges’ words for an award', async () => {
    const panel = (await editor.get(`/api/submissions/${awardSubmissionId}/reviews`)).json();
    expect(panel.rounds[0].assignments.map((a: { label: string }) => a.label)).toEqual(['Judge 1', 'Judge 2']);
    expect(panel.scoring).toMatch(/Each judge’s weighted total/);
    expect(panel.scoring).not.toMatch(/reviewer/i);
    expect(panel.rounds[0].assignments[1].overdue).toBe(true);
  });
});

describe('nobody else reaches a submission’s reviews', () => {
  it.each([
    ['a reviewer of it', 'r1'],
    ['its author', 'author'],
    ['a co-author', 'coAuthor'],
    ['an editor of the venue who is a co-author', 'editorAuthor'],
    ['another venue’s editor', 'otherEditor'],
  ])('%s gets the same 404 as for a submission that does not exist', async (_who, key) => {
    const client = await signedIn(t.app, people[key]!.email);
    const missing = await client.get(`/api/submissions/${randomUUID()}/reviews`);
    const refused = await client.get(`/api/submissions/${submissionId}/reviews`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toEqual(missing.json().error);
    expect(refused.body).not.toContain('Rhiannon');
  });

  it('asks someone signed out to sign in', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/submissions/${submissionId}/reviews` });
    expect(response.statusCode).toBe(401);
  });
});

describe('GET /api/calls/:id/review-progress', () => {
  it('shows who reviews what in the call, and who is late', async () => {
    const response = await editor.get(`/api/calls/${callId}/review-progress`);
    expect(response.statusCode).toBe(200);
    const progress = response.json();
    // The submission still in screening is not in review yet.
    expect(progress.submissions.map((s: { id: string }) => s.id)).toEqual([submissionId]);
    expect(progress.submissions.map((s: { id: string }) => s.id)).not.toContain(screeningId);
    const [row] = progress.submissions;
    expect(row.title).toBe('Holding the frame');
    expect(row.counts).toMatchObject({ submitted: 2, accepted: 2, declined: 1, invited: 0, late: 1 });
    const late = row.assignments.filter((a: { late: boolean }) => a.late);
    expect(late.map((a: { reviewer: { name: string } }) => a.reviewer.name)).toEqual(['Remi Late']);
    const reviewers = Object.fromEntries(progress.reviewers.map((r: { name: string }) => [r.name, r]));
    expect(reviewers['Remi Late']).toMatchObject({ assigned: 1, done: 0, late: 1 });
    expect(reviewers['Rhiannon Reader']).toMatchObject({ assigned: 1, done: 1, late: 0 });
    expect(reviewers['Rita Declines']).toMatchObject({ assigned: 0, done: 0, late: 0 });
    // Late ones first, so the people to chase are at the top.
    expect(progress.reviewers[0].name).toBe('Remi Late');
  });

  it('leaves out, for an editor who is a co-author, their own submission and its reviewers', async () => {
    const editorAuthor = await signedIn(t.app, people.editorAuthor!.email);
    const response = await editorAuthor.get(`/api/calls/${callId}/review-progress`);
    expect(response.statusCode).toBe(200);
    const progress = response.json();
    expect(progress.submissions.map((s: { id: string }) => s.id)).not.toContain(submissionId);
    expect(JSON.stringify(progress)).not.toContain('Remi Late');
    expect(JSON.stringify(progress)).not.toContain('Rhiannon Reader');
  });

  it('labels an award’s judges as judges', async () => {
    const progress = (await editor.get(`/api/calls/${awardCallId}/review-progress`)).json();
    expect(progress.submissions[0].assignments.map((a: { label: string; late: boolean }) => [a.label, a.late])).toEqual(
      [
        ['Judge 1', false],
        ['Judge 2', true],
      ],
    );
  });

  it.each([
    ['another venue’s editor', 'otherEditor'],
    ['a reviewer', 'r3'],
    ['an author', 'author'],
  ])('answers %s as if the call did not exist', async (_who, key) => {
    const client = await signedIn(t.app, people[key]!.email);
    const missing = await client.get(`/api/calls/${randomUUID()}/review-progress`);
    const refused = await client.get(`/api/calls/${callId}/review-progress`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toEqual(missing.json().error);
  });
});
