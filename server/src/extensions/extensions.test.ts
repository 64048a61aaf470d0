// Asking for more time: the reviewer asks (once at a time), the editors are told by reviewer
// number, the editor grants (the due date and the schedule move) or refuses (with a note), the
// reviewer is told in their zone and sees the answer. Everyone else gets the 404 of nothing there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { makeAssignment, makeSentSubmission } from '../../test/review-panel-factories.ts';
import { grantRole } from '../accounts/person.repository.ts';
import { hashToken } from '../accounts/tokens.ts';
import { cancelOpenAssignments } from '../assignments/assignment-editor.ts';
import { moveAssignment } from '../assignments/assignment-state.ts';
import { loadReminderSubjects } from '../reminders/assignment-facts.ts';
import { scheduleFor } from '../reminders/schedule.ts';

const DAY = 86_400_000;
const AUTHOR_NAME = 'Zoë Hartley-Ñúñez';
let t: TestApp;
let venueId: string;
let callId: string;
let editor: TestClient;
let otherEditor: TestClient;
let editorAuthor: TestClient;
let author: TestClient;
let coAuthor: TestClient;
const people: Record<string, { id: string; email: string }> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const other = await makeVenue(t.db);
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  for (const key of ['editor', 'editor2', 'otherEditor', 'editorAuthor', 'author', 'coAuthor']) {
    people[key] = await makePerson(t.db, 'author');
  }
  await t.db.updateTable('person').set({ name: AUTHOR_NAME }).where('id', '=', people.author!.id).execute();
  await t.db.updateTable('person').set({ time_zone: 'Asia/Tokyo' }).where('id', '=', people.editor2!.id).execute();
  for (const key of ['editor', 'editor2', 'editorAuthor']) await grantRole(t.db, people[key]!.id, 'editor', venueId);
  await grantRole(t.db, people.otherEditor!.id, 'editor', other.id);
  editor = await signedIn(t.app, people.editor!.email);
  otherEditor = await signedIn(t.app, people.otherEditor!.email);
  editorAuthor = await signedIn(t.app, people.editorAuthor!.email);
  author = await signedIn(t.app, people.author!.email);
  coAuthor = await signedIn(t.app, people.coAuthor!.email);
});
afterAll(async () => {
  await t.close();
});

async function assignment() {
  const submissionId = await makeSentSubmission(t.db, {
    venueId,
    callId,
    submitterId: people.author!.id,
    coAuthorIds: [people.coAuthor!.id, people.editorAuthor!.id],
  });
  const reviewer = await makePerson(t.db, 'author');
  await t.db.updateTable('person').set({ time_zone: 'America/Toronto' }).where('id', '=', reviewer.id).execute();
  const dueAt = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 1, 12));
  const assignmentId = await makeAssignment(t.db, { submissionId, reviewerId: reviewer.id, reviewerNumber: 2, dueAt });
  const other = await makePerson(t.db, 'author');
  const otherAssignment = await makeAssignment(t.db, { submissionId, reviewerId: other.id, reviewerNumber: 1 });
  return {
    submissionId,
    assignmentId,
    dueAt,
    reviewer,
    client: await signedIn(t.app, reviewer.email),
    otherReviewer: await signedIn(t.app, other.email),
    otherAssignment,
  };
}

const mails = (email: string) =>
  t.db
    .selectFrom('email_message')
    .select(['template', 'subject', 'text_body'])
    .where('to_address', '=', email)
    .orderBy('created_at')
    .execute();
const dueOf = async (id: string) =>
  (await t.db.selectFrom('assignment').select('due_at').where('id', '=', id).executeTakeFirstOrThrow()).due_at;
const pendingOnPanel = async (submissionId: string, assignmentId: string) => {
  const response = await editor.get(`/api/submissions/${submissionId}/reminders`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().assignments.find((a: { assignmentId: string }) => a.assignmentId === assignmentId)
    .extensionRequest;
};

describe('a request for more time', () => {
  it('is sent by the reviewer, told to the editors by number only, and granted: the due date and schedule move', async () => {
    const a = await assignment();
    const seen = await a.client.get(`/api/assignments/${a.assignmentId}/extension-request`);
    expect(seen.json()).toEqual({ dueAt: a.dueAt.toISOString(), answerBy: null, mayAsk: true, latest: null });
    const wanted = new Date(a.dueAt.getTime() + 10 * DAY);
    const asked = await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: wanted.toISOString(),
      reason: 'Fieldwork overran',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ mayAsk: false, latest: { status: 'requested', reason: 'Fieldwork overran' } });
    // One at a time.
    const twice = await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: wanted.toISOString(),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('extension_already_requested');

    // Every editor of the venue but the one who is an author, in their own zone, by number only.
    const toEditor = await mails(people.editor2!.email);
    expect(toEditor).toHaveLength(1);
    expect(toEditor[0]!.template).toBe('extension.requested');
    expect(toEditor[0]!.subject).toContain('reviewer 2 asks for more time');
    expect(toEditor[0]!.text_body).toContain('(Asia/Tokyo time)');
    expect(toEditor[0]!.text_body).not.toContain(a.reviewer.email);
    expect(toEditor[0]!.text_body).not.toContain('Fieldwork overran');
    expect(await mails(people.editor!.email)).toHaveLength(1);
    expect(await mails(people.editorAuthor!.email)).toHaveLength(0);

    const pending = await pendingOnPanel(a.submissionId, a.assignmentId);
    expect(pending).toMatchObject({ requestedDueAt: wanted.toISOString(), reason: 'Fieldwork overran' });
    const granted = await editor.post(`/api/extension-requests/${pending.id}/grant`, {});
    expect(granted.statusCode, granted.body).toBe(200);
    expect((await dueOf(a.assignmentId))?.toISOString()).toBe(wanted.toISOString());
    const [subject] = await loadReminderSubjects(t.db, { assignmentIds: [a.assignmentId] });
    expect(
      scheduleFor(subject!.facts, subject!.policy)
        .find((s) => s.kind === 'overdue')
        ?.anchor.toISOString(),
    ).toBe(wanted.toISOString());
    const toReviewer = await mails(a.reviewer.email);
    expect(toReviewer.map((m) => m.template)).toEqual(['extension.granted']);
    expect(toReviewer[0]!.text_body).toContain('(America/Toronto time)');
    expect(toReviewer[0]!.text_body).not.toContain(AUTHOR_NAME);
    expect(await pendingOnPanel(a.submissionId, a.assignmentId)).toBeNull();
    const after = await a.client.get(`/api/assignments/${a.assignmentId}/extension-request`);
    expect(after.json()).toMatchObject({ dueAt: wanted.toISOString(), mayAsk: true, latest: { status: 'granted' } });
    // Answered already.
    expect((await editor.post(`/api/extension-requests/${pending.id}/refuse`, {})).statusCode).toBe(409);
  });

  it('can be granted with another date the editor chooses', async () => {
    const a = await assignment();
    await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: new Date(a.dueAt.getTime() + 20 * DAY).toISOString(),
    });
    const pending = await pendingOnPanel(a.submissionId, a.assignmentId);
    const chosen = new Date(a.dueAt.getTime() + 7 * DAY);
    expect(
      (await editor.post(`/api/extension-requests/${pending.id}/grant`, { dueAt: chosen.toISOString() })).statusCode,
    ).toBe(200);
    expect((await dueOf(a.assignmentId))?.toISOString()).toBe(chosen.toISOString());
    expect((await mails(a.reviewer.email))[0]!.text_body).toMatch(/rather than the .* you asked for/);
  });

  it('refused with a note leaves the due date, and the reviewer reads the note (mail and page)', async () => {
    const a = await assignment();
    await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: new Date(a.dueAt.getTime() + 5 * DAY).toISOString(),
    });
    const pending = await pendingOnPanel(a.submissionId, a.assignmentId);
    const refused = await editor.post(`/api/extension-requests/${pending.id}/refuse`, {
      note: 'The decision meeting is fixed.',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect((await dueOf(a.assignmentId))?.toISOString()).toBe(a.dueAt.toISOString());
    const toReviewer = await mails(a.reviewer.email);
    expect(toReviewer.map((m) => m.template)).toEqual(['extension.refused']);
    expect(toReviewer[0]!.text_body).toContain('The decision meeting is fixed.');
    const page = await a.client.get(`/api/assignments/${a.assignmentId}/extension-request`);
    expect(page.json()).toMatchObject({
      mayAsk: true,
      latest: { status: 'refused', editorNote: 'The decision meeting is fixed.' },
    });
  });

  it('works through the invitation link’s session, and refuses a date not later than the current one', async () => {
    const a = await assignment();
    // A session made from the invitation link reaches this one assignment only.
    const linked = await signedIn(t.app, a.reviewer.email);
    await t.db
      .updateTable('session')
      .set({ assignment_id: a.assignmentId })
      .where('token_hash', '=', hashToken(linked.cookie('gaps_session')!))
      .execute();
    expect((await linked.get('/api/me/reviews')).statusCode).toBe(404);
    const early = await linked.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: new Date(a.dueAt.getTime() - DAY).toISOString(),
    });
    expect(early.statusCode).toBe(400);
    const asked = await linked.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: new Date(a.dueAt.getTime() + DAY).toISOString(),
    });
    expect(asked.statusCode, asked.body).toBe(201);
  });
});

describe('a request whose assignment closes', () => {
  const system = { actorId: null, ip: null, requestId: null };
  const requestOf = (assignmentId: string) =>
    t.db
      .selectFrom('extension_request')
      .select(['status', 'decided_at'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('requested_at', 'desc')
      .execute();

  it('is withdrawn when the review is handed in; the editor can no longer answer it; a reopened review may ask again', async () => {
    const a = await assignment();
    const later = (days: number) => new Date(a.dueAt.getTime() + days * DAY).toISOString();
    expect(
      (await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, { dueAt: later(5) })).statusCode,
    ).toBe(201);
    const pending = await pendingOnPanel(a.submissionId, a.assignmentId);
    await t.db
      .transaction()
      .execute((trx) =>
        moveAssignment(trx, system, { assignmentId: a.assignmentId, to: 'submitted', mover: 'reviewer' }),
      );
    const [withdrawn] = await requestOf(a.assignmentId);
    expect(withdrawn!.status).toBe('withdrawn');
    expect(withdrawn!.decided_at).not.toBeNull();
    // Neither answer reaches a reviewer who has already handed in their review.
    for (const answer of ['refuse', 'grant']) {
      const late = await editor.post(`/api/extension-requests/${pending.id}/${answer}`, {});
      expect(late.statusCode, answer).toBe(409);
      expect(late.json().error.code, answer).toBe('assignment_closed');
    }
    expect(await mails(a.reviewer.email)).toHaveLength(0);

    // Reopened: the withdrawn request blocks nothing, and the page says what happened to it.
    await t.db
      .transaction()
      .execute((trx) => moveAssignment(trx, system, { assignmentId: a.assignmentId, to: 'accepted', mover: 'editor' }));
    const page = await a.client.get(`/api/assignments/${a.assignmentId}/extension-request`);
    expect(page.json()).toMatchObject({ mayAsk: true, latest: { status: 'withdrawn' } });
    const again = await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, { dueAt: later(6) });
    expect(again.statusCode, again.body).toBe(201);
    expect((await requestOf(a.assignmentId)).map((r) => r.status)).toEqual(['requested', 'withdrawn']);
  });

  it('is withdrawn when a withdrawal cancels the assignment', async () => {
    const a = await assignment();
    await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: new Date(a.dueAt.getTime() + 5 * DAY).toISOString(),
    });
    await t.db.transaction().execute((trx) => cancelOpenAssignments(trx, system, a.submissionId, 'withdrawn'));
    expect((await requestOf(a.assignmentId)).map((r) => r.status)).toEqual(['withdrawn']);
    expect(await pendingOnPanel(a.submissionId, a.assignmentId)).toBeNull();
  });

  it('cannot be granted with a date not later than the current due date', async () => {
    const a = await assignment();
    await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, {
      dueAt: new Date(a.dueAt.getTime() + 5 * DAY).toISOString(),
    });
    const pending = await pendingOnPanel(a.submissionId, a.assignmentId);
    for (const dueAt of [new Date(a.dueAt.getTime() - DAY), a.dueAt]) {
      const earlier = await editor.post(`/api/extension-requests/${pending.id}/grant`, { dueAt: dueAt.toISOString() });
      expect(earlier.statusCode).toBe(400);
      expect(earlier.json().error.message).toContain('later than the current due date');
    }
    expect((await dueOf(a.assignmentId))?.toISOString()).toBe(a.dueAt.toISOString());
    expect(await mails(a.reviewer.email)).toHaveLength(0);
    expect(await pendingOnPanel(a.submissionId, a.assignmentId)).not.toBeNull();
  });
});

describe('who may ask and answer', () => {
  it('answers 404 to everyone else, and changes nothing', async () => {
    const a = await assignment();
    const later = new Date(a.dueAt.getTime() + 3 * DAY).toISOString();
    for (const [who, client] of [
      ['reviewer of another assignment', a.otherReviewer],
      ['author', author],
      ['co-author', coAuthor],
      ['editor', editor],
      ['editor of another venue', otherEditor],
    ] as const) {
      expect((await client.get(`/api/assignments/${a.assignmentId}/extension-request`)).statusCode, who).toBe(404);
      const post = await client.post(`/api/assignments/${a.assignmentId}/extension-request`, { dueAt: later });
      expect(post.statusCode, who).toBe(404);
    }
    expect(
      (await a.client.post(`/api/assignments/${a.assignmentId}/extension-request`, { dueAt: later })).statusCode,
    ).toBe(201);
    const pending = await pendingOnPanel(a.submissionId, a.assignmentId);
    for (const [who, client] of [
      ['the reviewer', a.client],
      ['reviewer of another assignment', a.otherReviewer],
      ['author', author],
      ['co-author', coAuthor],
      ['editor of another venue', otherEditor],
      ['editor who is an author', editorAuthor],
    ] as const) {
      expect((await client.post(`/api/extension-requests/${pending.id}/grant`, {})).statusCode, who).toBe(404);
      expect((await client.post(`/api/extension-requests/${pending.id}/refuse`, {})).statusCode, who).toBe(404);
    }
    expect((await dueOf(a.assignmentId))?.toISOString()).toBe(a.dueAt.toISOString());
    expect(await pendingOnPanel(a.submissionId, a.assignmentId)).not.toBeNull();
  });
});

describe('the editor moving a due date', () => {
  it('tells the reviewer the new date in their zone, without the authors', async () => {
    const a = await assignment();
    const moved = await editor.post(`/api/assignments/${a.assignmentId}/due-date`, {
      dueAt: new Date(a.dueAt.getTime() + 2 * DAY).toISOString(),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const toReviewer = await mails(a.reviewer.email);
    expect(toReviewer.map((m) => m.template)).toEqual(['assignment.due_date_moved']);
    expect(toReviewer[0]!.text_body).toContain('3 March');
    expect(toReviewer[0]!.text_body).toContain('(America/Toronto time)');
    expect(toReviewer[0]!.text_body).not.toContain(AUTHOR_NAME);
  });
});
