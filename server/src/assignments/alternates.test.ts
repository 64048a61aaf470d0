import { sql } from 'kysely';
// Alternates move up when an invitation is declined or expires (unless the call turns it off), and
// the editors are told. Expiry is idempotent: running the sweep twice expires each invitation once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { runSweep } from '../reminders/sweep.ts';

let t: TestApp;
let venueId: string;
let author: TestClient;
let editor: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  await t.db.updateTable('venue').set({ contact_email: 'editors@venue.example' }).where('id', '=', venueId).execute();
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

async function underReview(inviteAlternates = true) {
  const callId = await makeCall(t.db, venueId);
  await t.db.updateTable('call').set({ invite_alternates: inviteAlternates }).where('id', '=', callId).execute();
  const id = await makeCompleteDraft(author, callId);
  expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
  await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', id).execute();
  return id;
}

const person = () => makePerson(t.db, 'author');
const assignmentsOf = (submissionId: string) =>
  t.db
    .selectFrom('assignment')
    .innerJoin('person', 'person.id', 'assignment.reviewer_id')
    .select(['person.email', 'assignment.status', 'assignment.reviewer_number'])
    .where('submission_id', '=', submissionId)
    .orderBy('reviewer_number')
    .execute();
const editorMails = () =>
  t.db
    .selectFrom('email_message')
    .select('text_body')
    .where('to_address', '=', 'editors@venue.example')
    .where('template', '=', 'assignment.invitation_ended')
    .orderBy('created_at', 'desc')
    .execute();

/** The decline as the editor's review panel shows it (GET /api/submissions/:id/reviews). */
async function panelSays(submissionId: string, reviewerNumber: number) {
  const panel = await editor.get(`/api/submissions/${submissionId}/reviews`);
  expect(panel.statusCode, panel.body).toBe(200);
  const assignment = panel
    .json()
    .rounds[0].assignments.find((a: { reviewerNumber: number }) => a.reviewerNumber === reviewerNumber);
  return {
    status: assignment.status,
    declineReason: assignment.declineReason,
    suggestedReviewer: assignment.suggestedReviewer,
  };
}

async function inviteWithAlternates(submissionId: string) {
  const [first, alt1, alt2] = [await person(), await person(), await person()];
  const invited = await editor.post(`/api/submissions/${submissionId}/assignments`, { personId: first.id });
  expect(invited.statusCode).toBe(201);
  for (const alt of [alt1, alt2]) {
    const added = await editor.post(`/api/submissions/${submissionId}/alternates`, { personId: alt.id });
    expect(added.statusCode, added.body).toBe(200);
  }
  return { first, alt1, alt2, assignmentId: invited.json().assignmentId as string };
}

async function tokenFor(email: string) {
  const { text_body } = await t.db
    .selectFrom('email_message')
    .select('text_body')
    .where('to_address', '=', email)
    .where('template', '=', 'assignment.invitation')
    .executeTakeFirstOrThrow();
  return text_body.match(/\/invitations\/(\S+)/)![1]!;
}

describe('alternates', () => {
  it('are listed in order, and removed while waiting', async () => {
    const id = await underReview();
    const { alt1, alt2 } = await inviteWithAlternates(id);
    const listed = await editor.get(`/api/submissions/${id}/alternates`);
    expect(listed.json().alternates.map((a: { personId: string }) => a.personId)).toEqual([alt1.id, alt2.id]);
    const removed = await editor.delete(`/api/submissions/${id}/alternates/${alt1.id}`);
    expect(removed.json().alternates.map((a: { personId: string }) => a.personId)).toEqual([alt2.id]);
    expect((await author.get(`/api/submissions/${id}/alternates`)).statusCode).toBe(404);
  });

  it('the next one is invited when an invitation is declined, and the editors are told', async () => {
    const id = await underReview();
    const { first, alt1, alt2 } = await inviteWithAlternates(id);
    const declined = await new TestClient(t.app).post(`/api/invitations/${await tokenFor(first.email)}/decline`, {
      reason: 'Too busy',
      suggestion: 'Dr Dee, dee@example.org',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(await panelSays(id, 1)).toEqual({
      status: 'declined',
      declineReason: 'Too busy',
      suggestedReviewer: 'Dr Dee, dee@example.org',
    });
    expect(await assignmentsOf(id)).toEqual([
      { email: first.email, status: 'declined', reviewer_number: 1 },
      { email: alt1.email, status: 'invited', reviewer_number: 2 },
    ]);
    // The mail names the reviewer by number only and says nothing they wrote: the shared address
    // may be read by an editor who is an author here. The page (which checks) has the rest.
    const [told] = await editorMails();
    expect(told!.text_body).toContain('Reviewer 1 declined');
    expect(told!.text_body).toContain('They gave a reason or suggested someone else');
    expect(told!.text_body).not.toContain('Too busy');
    expect(told!.text_body).not.toContain('Test author');
    expect(told!.text_body).toContain('We have invited the next alternate');
    // The alternate's invitation is the system's doing, not the declining reviewer's.
    const invitedNext = await t.db
      .selectFrom('audit_event')
      .innerJoin('assignment', (join) => join.onRef(sql`assignment.id::text`, '=', 'audit_event.object_id'))
      .select(['audit_event.actor_id', 'audit_event.system_actor'])
      .where('audit_event.action', '=', 'assignment.invited')
      .where('assignment.reviewer_id', '=', alt1.id)
      .executeTakeFirstOrThrow();
    expect(invitedNext).toEqual({ actor_id: null, system_actor: 'invitation_sweep' });
    const queue = (await editor.get(`/api/submissions/${id}/alternates`)).json().alternates;
    expect(queue.map((a: { personId: string; usedAt: string | null }) => [a.personId, a.usedAt !== null])).toEqual([
      [alt1.id, true],
      [alt2.id, false],
    ]);
  });

  it('the next one is invited when the reviewer declines from their home, as through the link', async () => {
    const id = await underReview();
    const { first, alt1, assignmentId } = await inviteWithAlternates(id);
    const reviewer = await signedIn(t.app, first.email);
    const declined = await reviewer.post(`/api/assignments/${assignmentId}/respond`, {
      answer: 'decline',
      reason: 'On leave this term',
      suggestion: 'Ask my colleague Ruth',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(await panelSays(id, 1)).toEqual({
      status: 'declined',
      declineReason: 'On leave this term',
      suggestedReviewer: 'Ask my colleague Ruth',
    });
    expect(await assignmentsOf(id)).toEqual([
      { email: first.email, status: 'declined', reviewer_number: 1 },
      { email: alt1.email, status: 'invited', reviewer_number: 2 },
    ]);
    const [told] = await editorMails();
    expect(told!.text_body).toContain('Reviewer 1 declined');
    expect(told!.text_body).not.toContain('Ask my colleague Ruth');
    expect(told!.text_body).toContain('We have invited the next alternate');
  });

  it('with no shared address, tells each editor of the venue except one who is an author of it', async () => {
    const venue = await makeVenue(t.db);
    const callId = await makeCall(t.db, venue.id);
    const editorAuthor = await makePerson(t.db, 'editor');
    const otherEditor = await makePerson(t.db, 'editor');
    const writer = await signedIn(t.app, editorAuthor.email);
    const id = await makeCompleteDraft(writer, callId);
    expect((await writer.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', id).execute();
    const reviewer = await person();
    const inviting = await signedIn(t.app, otherEditor.email);
    const invited = await inviting.post(`/api/submissions/${id}/assignments`, { personId: reviewer.id });
    expect(invited.statusCode, invited.body).toBe(201);
    const declined = await new TestClient(t.app).post(`/api/invitations/${await tokenFor(reviewer.email)}/decline`, {
      reason: 'Too close to the author',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const told = await t.db
      .selectFrom('email_message')
      .select('to_address')
      .where('template', '=', 'assignment.invitation_ended')
      .where('to_address', 'in', [editorAuthor.email, otherEditor.email])
      .execute();
    expect(told.map((m) => m.to_address)).toEqual([otherEditor.email]);
  });

  it('the next one is invited when an invitation expires; the sweep is idempotent', async () => {
    const id = await underReview();
    const { first, alt1, assignmentId } = await inviteWithAlternates(id);
    const later = new Date(Date.now() + 15 * 86_400_000);
    const sweep = () => runSweep(t.db, { now: later, publicUrl: t.config.PUBLIC_URL });
    expect((await sweep()).invitation_expired).toBeGreaterThanOrEqual(1);
    await sweep();
    const rows = await assignmentsOf(id);
    expect(rows[0]).toEqual({ email: first.email, status: 'expired', reviewer_number: 1 });
    expect(rows[1]).toMatchObject({ email: alt1.email, reviewer_number: 2 });
    const expiredMoves = await t.db
      .selectFrom('audit_event')
      .select('system_actor')
      .where('action', '=', 'assignment.status_changed')
      .where('object_id', '=', assignmentId)
      .execute();
    expect(expiredMoves).toEqual([{ system_actor: 'invitation_sweep' }]);
    const page = await new TestClient(t.app).get(`/api/invitations/${await tokenFor(first.email)}`);
    expect(page.json().state).toBe('expired');
  });

  it('are not invited when the call turns it off; the editors are told to invite someone', async () => {
    const id = await underReview(false);
    const { first } = await inviteWithAlternates(id);
    await new TestClient(t.app).post(`/api/invitations/${await tokenFor(first.email)}/decline`);
    expect((await assignmentsOf(id)).map((a) => a.status)).toEqual(['declined']);
    const [told] = await editorMails();
    expect(told!.text_body).toContain('not invited automatically');
  });
});
