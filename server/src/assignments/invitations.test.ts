// Inviting reviewers through a link: the e-mail names no author; opening (or prefetching) the link
// changes nothing; accept and decline work once, without a password; a person without an account
// gets one and a session that reaches that one assignment only; two editors at once make one
// assignment; a conflict needs a reason; a withdrawal releases the reviewers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';

const AUTHOR_NAME = 'Zoë Ågren-Fairweather';
const AUTHOR_AFFILIATION = 'Université de Quimper-Sud';

let t: TestApp;
let callId: string;
let submitter: { id: string; email: string };
let author: TestClient;
let editor: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  callId = await makeCall(t.db, (await makeVenue(t.db)).id);
  submitter = await makePerson(t.db, 'author');
  author = await signedIn(t.app, submitter.email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

/** A sent submission with distinctive author details, moved to review (the copy is not under test). */
async function underReview() {
  const id = await makeCompleteDraft(author, callId, {
    title: 'Staying curious with frightened families',
    abstract: 'What a practitioner learned about holding on.',
    authors: [{ name: AUTHOR_NAME, email: submitter.email, affiliation: AUTHOR_AFFILIATION }],
  });
  expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
  await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', id).execute();
  return id;
}

async function reviewer(name = 'Rae Viewer') {
  const person = await makePerson(t.db, 'author');
  await t.db.updateTable('person').set({ name }).where('id', '=', person.id).execute();
  return person;
}

/** The token of the newest invitation link mailed to `email`. */
async function invitationToken(email: string) {
  const message = await t.db
    .selectFrom('email_message')
    .select('text_body')
    .where('to_address', '=', email)
    .where('template', '=', 'assignment.invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const match = message.text_body.match(/http:\/\/localhost:3000\/invitations\/([^\s]+)/);
  if (!match) throw new Error(`no invitation link in: ${message.text_body}`);
  return decodeURIComponent(match[1]!);
}

async function invite(submissionId: string, personId: string, extra: Record<string, unknown> = {}) {
  const response = await editor.post(`/api/submissions/${submissionId}/assignments`, { personId, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().assignmentId as string;
}

const assignment = (id: string) =>
  t.db.selectFrom('assignment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the invitation e-mail', () => {
  it('carries the title, abstract, due date in the reader’s zone and the link, and nothing of the authors', async () => {
    const id = await underReview();
    const person = await reviewer();
    await t.db.updateTable('person').set({ time_zone: 'America/Toronto' }).where('id', '=', person.id).execute();
    await invite(id, person.id, { dueAt: '2030-03-01T12:00:00Z' });
    const mail = await t.db
      .selectFrom('email_message')
      .select(['subject', 'text_body'])
      .where('to_address', '=', person.email)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('Staying curious with frightened families');
    expect(mail.text_body).toContain('What a practitioner learned about holding on.');
    expect(mail.text_body).toContain('1 March 2030 at 07:00 (America/Toronto time)');
    expect(mail.text_body).toMatch(/http:\/\/localhost:3000\/invitations\/\S+/);
    for (const secret of [AUTHOR_NAME, 'Ågren', AUTHOR_AFFILIATION, submitter.email]) {
      expect(`${mail.subject}\n${mail.text_body}`).not.toContain(secret);
    }
  });

  it('to a judge of an award speaks of judges, entries and scores, and of the call’s mode, in the mail and the answer', async () => {
    const award = await makeVenue(t.db);
    await t.db.updateTable('venue').set({ kind: 'award' }).where('id', '=', award.id).execute();
    const awardEditor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    const id = await makeCompleteDraft(author, await makeCall(t.db, award.id, { blindMode: 'single' }));
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', id).execute();
    const person = await reviewer('Jude Judge');
    const invited = await awardEditor.post(`/api/submissions/${id}/assignments`, { personId: person.id });
    expect(invited.statusCode, invited.body).toBe(201);
    const mail = await t.db
      .selectFrom('email_message')
      .select(['subject', 'text_body'])
      .where('to_address', '=', person.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Would you judge an entry');
    expect(mail.text_body).toContain('The judging is single-blind');
    expect(`${mail.subject}\n${mail.text_body}`).not.toMatch(/\b(review(er)?s?|submission|manuscript)\b/i);
    const token = encodeURIComponent(await invitationToken(person.email));
    const accepted = await new TestClient(t.app).post(`/api/invitations/${token}/accept`);
    expect(accepted.json().message).toMatch(/^Thank you\. Your scores are due by .* \(Europe\/London time\)\.$/);
  });

  it('is refused before the submission is under review', async () => {
    const id = await makeCompleteDraft(author, callId);
    const response = await editor.post(`/api/submissions/${id}/assignments`, { personId: (await reviewer()).id });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('not_in_review');
  });

  it('is the editor’s alone: the author gets 404', async () => {
    const id = await underReview();
    const response = await author.post(`/api/submissions/${id}/assignments`, { personId: (await reviewer()).id });
    expect(response.statusCode).toBe(404);
  });
});

describe('the link', () => {
  it('opened or prefetched (GET, HEAD) shows the invitation, no author, and changes nothing', async () => {
    const id = await underReview();
    const person = await reviewer();
    const assignmentId = await invite(id, person.id);
    const token = await invitationToken(person.email);
    const before = await assignment(assignmentId);
    const audits = await auditCount();
    const scanner = new TestClient(t.app);
    const page = await scanner.get(`/api/invitations/${encodeURIComponent(token)}`);
    expect(page.statusCode).toBe(200);
    const head = await t.app.inject({ method: 'HEAD', url: `/api/invitations/${encodeURIComponent(token)}` });
    expect(head.statusCode).toBe(200);
    // A scanner that follows every address it can guess, answer addresses included, reads nothing it can act on.
    for (const action of ['accept', 'decline', 'open']) {
      expect((await scanner.get(`/api/invitations/${encodeURIComponent(token)}/${action}`)).statusCode).toBe(404);
    }
    expect(page.json()).toMatchObject({
      state: 'invited',
      title: 'Staying curious with frightened families',
      viewer: 'signed_out',
    });
    for (const secret of [AUTHOR_NAME, AUTHOR_AFFILIATION, submitter.email]) expect(page.body).not.toContain(secret);
    expect(await assignment(assignmentId)).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(t.logs.join('')).not.toContain(token);
  });

  it('accepts once without a password; used again it says so and changes nothing', async () => {
    const id = await underReview();
    const person = await reviewer();
    const assignmentId = await invite(id, person.id);
    const token = encodeURIComponent(await invitationToken(person.email));
    const browser = new TestClient(t.app);
    const accepted = await browser.post(`/api/invitations/${token}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ assignmentId, hasPassword: true });
    expect(accepted.json().message).toMatch(/due by .* \(Europe\/London time\)/);
    const after = await assignment(assignmentId);
    expect(after.status).toBe('accepted');
    for (const again of ['accept', 'decline']) {
      const reused = await browser.post(`/api/invitations/${token}/${again}`);
      expect(reused.statusCode).toBe(409);
      expect(reused.json().error.code).toBe('invitation_answered');
      expect(reused.json().error.message).toContain('already accepted');
    }
    expect(await assignment(assignmentId)).toEqual(after);
  });

  it('declines with a reason and a suggestion', async () => {
    const id = await underReview();
    const person = await reviewer();
    const assignmentId = await invite(id, person.id);
    const token = encodeURIComponent(await invitationToken(person.email));
    const declined = await new TestClient(t.app).post(`/api/invitations/${token}/decline`, {
      reason: 'On leave until June',
      suggestion: 'Sam Other, sam@example.org',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(await assignment(assignmentId)).toMatchObject({
      status: 'declined',
      decline_reason: 'On leave until June',
      suggested_reviewer: 'Sam Other, sam@example.org',
    });
  });

  it('past its time reads as expired, and answering it changes nothing', async () => {
    const id = await underReview();
    const person = await reviewer();
    const assignmentId = await invite(id, person.id);
    const token = encodeURIComponent(await invitationToken(person.email));
    await t.db
      .updateTable('assignment')
      .set({ invitation_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', assignmentId)
      .execute();
    const before = await assignment(assignmentId);
    const browser = new TestClient(t.app);
    expect((await browser.get(`/api/invitations/${token}`)).json().state).toBe('expired');
    const late = await browser.post(`/api/invitations/${token}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invitation_expired');
    expect(await assignment(assignmentId)).toEqual(before);
  });

  it('tampered or unknown: the same 404 body, nothing changed', async () => {
    const id = await underReview();
    const person = await reviewer();
    const assignmentId = await invite(id, person.id);
    const token = await invitationToken(person.email);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const browser = new TestClient(t.app);
    const bodies = [];
    for (const candidate of [tampered, 'no-such-token', `${token}x`]) {
      const shown = await browser.get(`/api/invitations/${encodeURIComponent(candidate)}`);
      const accepted = await browser.post(`/api/invitations/${encodeURIComponent(candidate)}/accept`);
      expect([shown.statusCode, accepted.statusCode]).toEqual([404, 404]);
      bodies.push(shown.json().error, accepted.json().error);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect((await assignment(assignmentId)).status).toBe('invited');
  });

  it('answers only its own assignment: another invitation of the same person is untouched', async () => {
    const first = await underReview();
    const second = await underReview();
    const person = await reviewer();
    const firstId = await invite(first, person.id);
    const firstToken = encodeURIComponent(await invitationToken(person.email));
    const secondId = await invite(second, person.id);
    expect((await new TestClient(t.app).post(`/api/invitations/${firstToken}/accept`)).statusCode).toBe(200);
    expect((await assignment(firstId)).status).toBe('accepted');
    expect((await assignment(secondId)).status).toBe('invited');
  });
});

describe('a person invited without an account', () => {
  it('gets one on accepting, and the link opens a session for that assignment only', async () => {
    const id = await underReview();
    const other = await underReview();
    const invited = await editor.post(`/api/submissions/${id}/assignments`, {
      email: 'new.reviewer@example.net',
      name: 'New Reviewer',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const assignmentId = invited.json().assignmentId;
    const person = await t.db
      .selectFrom('person')
      .select(['id', 'password_hash', 'email_verified_at'])
      .where('email', '=', 'new.reviewer@example.net')
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ password_hash: null, email_verified_at: null });
    const made = await t.db
      .selectFrom('audit_event')
      .select('actor_id')
      .where('action', '=', 'account.created_for_invitation')
      .where('object_id', '=', person.id)
      .execute();
    expect(made).toHaveLength(1);
    expect(made[0]!.actor_id).not.toBeNull();
    // Someone else's assignment, for the scope check below.
    const otherId = await invite(other, (await reviewer()).id);

    const token = encodeURIComponent(await invitationToken('new.reviewer@example.net'));
    const browser = new TestClient(t.app);
    expect((await browser.get(`/api/invitations/${token}`)).json().hasPassword).toBe(false);
    expect((await browser.post(`/api/invitations/${token}/open`)).json().error.code).toBe('invitation_not_accepted');
    expect((await browser.post(`/api/invitations/${token}/accept`)).json().hasPassword).toBe(false);
    const verified = await t.db
      .selectFrom('person')
      .select('email_verified_at')
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(verified.email_verified_at).not.toBeNull();

    const opened = await browser.post(`/api/invitations/${token}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toEqual({ assignmentId, scoped: true });
    const session = await browser.get('/api/session');
    expect(session.json()).toMatchObject({ assignmentScope: assignmentId });
    await browser.refreshCsrf();
    expect((await browser.get('/api/me/profile')).statusCode).toBe(404);
    expect((await browser.get('/api/me/submissions')).statusCode).toBe(404);
    expect((await browser.get(`/api/submissions/${id}`)).statusCode).toBe(404);
    expect((await browser.get(`/api/submissions/${other}`)).statusCode).toBe(404);
    expect((await browser.post(`/api/assignments/${otherId}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    expect((await browser.post(`/api/assignments/${assignmentId}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    // The link opened again, in the same browser: it just continues.
    expect((await browser.post(`/api/invitations/${token}/open`)).json()).toEqual({ assignmentId, scoped: false });
  });

  it('signed in as someone else, the link says so and opens nothing', async () => {
    const id = await underReview();
    const person = await reviewer();
    await invite(id, person.id);
    const token = encodeURIComponent(await invitationToken(person.email));
    const stranger = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    expect((await stranger.get(`/api/invitations/${token}`)).json().viewer).toBe('someone_else');
    expect((await stranger.post(`/api/invitations/${token}/accept`)).statusCode).toBe(200);
    const opened = await stranger.post(`/api/invitations/${token}/open`);
    expect(opened.statusCode).toBe(409);
    expect(opened.json().error.code).toBe('signed_in_as_someone_else');
    // Whoever holds a forwarded link is not told whom it was for.
    expect(opened.body).not.toContain(person.email);
    // Signed in as the reviewer: it continues with the full session.
    const own = await signedIn(t.app, person.email);
    expect((await own.post(`/api/invitations/${token}/open`)).json().scoped).toBe(false);
  });
});

describe('two editors inviting the same person at once', () => {
  it('make one assignment; the second is answered with it', async () => {
    const id = await underReview();
    const person = await reviewer();
    const second = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    const answers = await Promise.all(
      [editor, second, editor, second].map((client) =>
        client.post(`/api/submissions/${id}/assignments`, { personId: person.id }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().assignmentId)).size).toBe(1);
    const rows = await t.db
      .selectFrom('assignment')
      .select('reviewer_number')
      .where('submission_id', '=', id)
      .execute();
    expect(rows).toEqual([{ reviewer_number: 1 }]);
    const mails = await t.db.selectFrom('email_message').select('id').where('to_address', '=', person.email).execute();
    expect(mails).toHaveLength(1);
  });
});

describe('a conflict of interest', () => {
  it('without a reason: 409 with the conflicts; with one: invited, and the reason audited', async () => {
    const id = await underReview();
    const person = await reviewer();
    // The real rules: the reviewer works where the author does, spelled another way.
    await t.db.updateTable('person').set({ affiliation: 'Univ. de Quimper Sud' }).where('id', '=', person.id).execute();
    const refused = await editor.post(`/api/submissions/${id}/assignments`, { personId: person.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'conflict_needs_override',
      conflicts: [expect.objectContaining({ personId: person.id, reason: 'same_affiliation' })],
    });
    expect(await t.db.selectFrom('assignment').select('id').where('submission_id', '=', id).execute()).toEqual([]);
    const assignmentId = await invite(id, person.id, { overrideReason: 'Different department; no contact' });
    expect((await assignment(assignmentId)).conflict_override).toBe('Different department; no contact');
    const audit = await t.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'assignment.invited')
      .where('object_id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      conflictOverride: { reason: 'Different department; no contact', conflicts: ['same_affiliation'] },
    });
  });
});

describe('a refused invitation by address', () => {
  it('leaves no account behind', async () => {
    const id = await underReview();
    await t.db.updateTable('submission').set({ status: 'screening' }).where('id', '=', id).execute();
    const email = `nobody-yet-${Date.now()}@example.net`;
    const refused = await editor.post(`/api/submissions/${id}/assignments`, { email, name: 'Nobody Yet' });
    expect(refused.statusCode).toBe(409);
    expect(await t.db.selectFrom('person').select('id').where('email', '=', email).execute()).toEqual([]);
  });
});

describe('an author of the submission', () => {
  it('is never invited to review it, whatever reason the editor gives', async () => {
    const id = await underReview();
    const asked = await editor.post(`/api/submissions/${id}/assignments`, { personId: submitter.id });
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.conflicts).toEqual([expect.objectContaining({ reason: 'author' })]);
    const insisted = await editor.post(`/api/submissions/${id}/assignments`, {
      personId: submitter.id,
      overrideReason: 'They know the field best',
    });
    expect(insisted.statusCode).toBe(409);
    expect(insisted.json().error.code).toBe('author_cannot_review');
    const lined = await editor.post(`/api/submissions/${id}/alternates`, {
      personId: submitter.id,
      overrideReason: 'They know the field best',
    });
    expect(lined.statusCode).toBe(409);
    expect(await t.db.selectFrom('assignment').select('id').where('submission_id', '=', id).execute()).toEqual([]);
    expect(await t.db.selectFrom('review_alternate').select('id').where('submission_id', '=', id).execute()).toEqual(
      [],
    );
  });
});

describe('the editor', () => {
  it('moves a due date (audited) and cancels an assignment, telling the reviewer', async () => {
    const id = await underReview();
    const person = await reviewer();
    const assignmentId = await invite(id, person.id);
    const moved = await editor.post(`/api/assignments/${assignmentId}/due-date`, { dueAt: '2031-01-15T12:00:00Z' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await assignment(assignmentId)).due_at).toEqual(new Date('2031-01-15T12:00:00Z'));
    expect(
      await t.db
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'assignment.due_date_changed')
        .where('object_id', '=', assignmentId)
        .execute(),
    ).toHaveLength(1);
    expect((await author.post(`/api/assignments/${assignmentId}/cancel`, { reason: 'x' })).statusCode).toBe(404);
    const cancelled = await editor.post(`/api/assignments/${assignmentId}/cancel`, { reason: 'Enough reviewers' });
    expect(cancelled.statusCode).toBe(200);
    expect(await assignment(assignmentId)).toMatchObject({ status: 'cancelled', cancel_reason: 'Enough reviewers' });
    const token = encodeURIComponent(await invitationToken(person.email));
    const late = await new TestClient(t.app).post(`/api/invitations/${token}/accept`);
    expect(late.json().error.code).toBe('invitation_cancelled');
  });
});

describe('a withdrawal', () => {
  it('cancels the open assignments and tells their reviewers without naming the authors', async () => {
    const id = await underReview();
    const [a, b, c] = [await reviewer(), await reviewer(), await reviewer()];
    const accepted = await invite(id, a.id);
    await new TestClient(t.app).post(`/api/invitations/${encodeURIComponent(await invitationToken(a.email))}/accept`);
    const invited = await invite(id, b.id);
    const declined = await invite(id, c.id);
    await new TestClient(t.app).post(`/api/invitations/${encodeURIComponent(await invitationToken(c.email))}/decline`);
    expect((await author.post(`/api/submissions/${id}/withdraw`)).statusCode).toBe(200);
    expect((await assignment(accepted)).status).toBe('cancelled');
    expect((await assignment(invited)).status).toBe('cancelled');
    expect((await assignment(declined)).status).toBe('declined');
    const told = await t.db
      .selectFrom('email_message')
      .select(['to_address', 'text_body'])
      .where('template', '=', 'assignment.cancelled')
      .where('to_address', 'in', [a.email, b.email, c.email])
      .execute();
    expect(told.map((m) => m.to_address).sort()).toEqual([a.email, b.email].sort());
    for (const m of told) expect(m.text_body).not.toContain(AUTHOR_NAME);
  });
});
