import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let admin: TestClient;
let author: TestClient;
let authorId: string;
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  admin = await signedIn(t.app, (await makePerson(t.db, 'admin')).email);
  const a = await makePerson(t.db, 'author');
  authorId = a.id;
  author = await signedIn(t.app, a.email);
});
afterAll(async () => {
  await t.close();
});

const grantsOf = (personId: string) =>
  t.db
    .selectFrom('role_grant')
    .select(['role', 'venue_id'])
    .where('person_id', '=', personId)
    .orderBy('role')
    .execute();

describe('admin routes', () => {
  it('grants and revokes roles, each change audited', async () => {
    const { id } = await makePerson(t.db);
    const granted = await admin.put(`/api/admin/people/${id}/roles`, { isAdmin: false, editorOf: [venue.id] });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ id, isAdmin: false, editorOf: [venue.id] });
    expect(await grantsOf(id)).toEqual([{ role: 'editor', venue_id: venue.id }]);

    expect((await admin.put(`/api/admin/people/${id}/roles`, { isAdmin: false, editorOf: [] })).statusCode).toBe(200);
    expect(await grantsOf(id)).toEqual([]);
    const events = await t.db
      .selectFrom('audit_event')
      .select(['action', 'ip'])
      .where('object_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['role.granted', 'role.revoked']);
    expect(events[0]!.ip).toBe('203.0.113.7');
  });

  it('lists people with search and filters the audit log', async () => {
    const people = await admin.get('/api/admin/people?q=author');
    expect(people.statusCode).toBe(200);
    expect(people.json().people.map((p: { id: string }) => p.id)).toContain(authorId);
    const audit = await admin.get('/api/admin/audit?action=account.signed_in');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().events.length).toBeGreaterThanOrEqual(2);
    expect(audit.json().events.every((e: { action: string }) => e.action === 'account.signed_in')).toBe(true);
  });

  it('shows the mail log with each message', async () => {
    await new (await import('../../test/client.ts')).TestClient(t.app).post('/api/accounts/password-reset', {
      email: 'admin-mail-check@example.org',
    });
    await makePerson(t.db, 'author', 'admin-mail-check@example.org');
    await admin.post('/api/accounts/password-reset', { email: 'admin-mail-check@example.org' });
    const list = await admin.get('/api/admin/mail?to=admin-mail-check');
    expect(list.statusCode).toBe(200);
    const [message] = list.json().messages;
    expect(message).toMatchObject({
      to: 'admin-mail-check@example.org',
      subject: 'Choose a new password',
      status: 'pending',
    });
    const one = await admin.get(`/api/admin/mail/${message.id}`);
    expect(one.json().text).toContain('/reset-password?token=');
  });

  it('answers 400 with a clear message to a damaged page link in the audit and mail logs', async () => {
    const damaged = [
      '/api/admin/audit?before=abc',
      '/api/admin/audit?before=99999999999999999999',
      '/api/admin/mail?before=yesterday',
      '/api/admin/mail?before=2026-02-30T10:00:00.000000Z|00000000-0000-4000-8000-000000000000',
      '/api/admin/mail?before=2026-01-30T10:00:00.000000Z|------------------------------------',
      '/api/admin/mail?before=2026-01-30T10:00:00.000000Z',
    ];
    for (const url of damaged) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.message, url).toContain('page link is damaged');
    }
    const page = await admin.get(
      '/api/admin/mail?before=2026-01-30T10:00:00.123456Z|00000000-0000-4000-8000-000000000000',
    );
    expect(page.statusCode).toBe(200);
    expect((await admin.get('/api/admin/audit?before=5')).statusCode).toBe(200);
  });

  describe('logs in words, found by a person’s name or a submission’s code', () => {
    let code: string;
    let otherCode: string;
    let danaClient: TestClient;
    let firstId: string;
    beforeAll(async () => {
      const dana = await makePerson(t.db, 'editor', 'dana.office@example.org');
      await t.db.updateTable('person').set({ name: 'Dana Editor' }).where('id', '=', dana.id).execute();
      const sam = await makePerson(t.db, 'author', 'sam.writer@example.org');
      await t.db.updateTable('person').set({ name: 'Sam Writer' }).where('id', '=', sam.id).execute();
      const samClient = await signedIn(t.app, sam.email);
      danaClient = await signedIn(t.app, dana.email);
      const callId = await makeCall(t.db, venue.id);
      const ids = [await makeCompleteDraft(samClient, callId), await makeCompleteDraft(samClient, callId)];
      const codes = await Promise.all(
        ids.map(async (id) => (await samClient.post(`/api/submissions/${id}/submit`)).json().submission.code as string),
      );
      [code, otherCode] = codes as [string, string];
      firstId = ids[0]!;
      const moved = await danaClient.post(`/api/submissions/${ids[0]}/status`, { to: 'screening' });
      expect(moved.statusCode).toBe(200);
    });

    it('gives each audit event its actor’s name and the submission’s code, and filters by name, e-mail fragment and code', async () => {
      const byName = (await admin.get('/api/admin/audit?person=dana%20ed')).json().events;
      expect(byName.length).toBeGreaterThan(0);
      expect(byName.every((e: { actor: { name: string } | null }) => e.actor?.name === 'Dana Editor')).toBe(true);
      const screened = byName.find((e: { action: string }) => e.action === 'submission.status_changed');
      expect(screened).toMatchObject({
        submissionCode: code,
        objectType: 'submission',
        sentence: `Dana Editor started checking ${code}.`,
      });

      await new (await import('../../test/client.ts')).TestClient(t.app).post('/api/session/login', {
        email: 'nobody-here@example.org',
        password: 'not the password',
      });
      const failed = (await admin.get('/api/admin/audit?person=nobody-here')).json().events;
      expect(failed).toEqual([
        expect.objectContaining({ sentence: 'Someone failed to sign in as nobody-here@example.org.' }),
      ]);

      const byEmail = (await admin.get('/api/admin/audit?person=SAM.WRITER@example')).json().events;
      expect(byEmail.map((e: { action: string }) => e.action)).toContain('submission.started');

      const byCode = (await admin.get(`/api/admin/audit?code=${code.toLowerCase()}`)).json().events;
      const actions = byCode.map((e: { action: string }) => e.action);
      // From the draft (before it had a code) to the editor's move; nothing about the other submission.
      expect(actions).toEqual(expect.arrayContaining(['submission.started', 'submission.manuscript_uploaded']));
      expect(actions).toContain('submission.status_changed');
      expect(byCode.every((e: { submissionCode: string }) => e.submissionCode === code)).toBe(true);

      const systemEvents = (await admin.get(`/api/admin/audit?code=${code}&action=review_copy.requested`)).json();
      expect(systemEvents.events).toEqual([
        expect.objectContaining({ sentence: `Sam Writer asked for a review copy of ${code}.` }),
      ]);
    });

    it('names the submission of an assignment’s events, and finds them by its code', async () => {
      await t.db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', firstId).execute();
      const reviewer = await makePerson(t.db);
      const invited = await danaClient.post(`/api/submissions/${firstId}/assignments`, { personId: reviewer.id });
      expect(invited.statusCode, invited.body).toBe(201);
      const assignmentId = invited.json().assignmentId as string;
      const [event] = (await admin.get(`/api/admin/audit?objectId=${assignmentId}&action=assignment.invited`)).json()
        .events;
      expect(event).toMatchObject({
        objectType: 'assignment',
        submissionCode: code,
        venueName: expect.any(String),
        sentence: `Dana Editor invited reviewer 1 to ${code}.`,
      });
      const byCode = (await admin.get(`/api/admin/audit?code=${code}&action=assignment.`)).json().events;
      expect(byCode.map((e: { objectId: string }) => e.objectId)).toEqual([assignmentId]);
      const otherByCode = (await admin.get(`/api/admin/audit?code=${otherCode}&action=assignment.`)).json().events;
      expect(otherByCode).toEqual([]);
    });

    it('gives each e-mail its recipient’s name and code, and filters by name and code', async () => {
      const byName = (await admin.get('/api/admin/mail?to=Sam%20Wri')).json().messages;
      expect(byName.length).toBe(2);
      expect(byName.every((m: { toName: string }) => m.toName === 'Sam Writer')).toBe(true);
      const byCode = (await admin.get(`/api/admin/mail?code=${otherCode}`)).json().messages;
      expect(byCode).toEqual([expect.objectContaining({ submissionCode: otherCode, to: 'sam.writer@example.org' })]);
      const passwordMail = (await admin.get('/api/admin/mail?to=admin-mail-check')).json().messages[0];
      expect(passwordMail.submissionCode).toBeNull();
    });

    it('answers 400 saying what to type to a bad filter, and lists nothing', async () => {
      const cases: Array<[string, string]> = [
        ['/api/admin/audit?code=hello', 'looks like JSWP-2027-0042'],
        ['/api/admin/audit?code=JSWP-27-1', 'looks like JSWP-2027-0042'],
        ['/api/admin/mail?code=JSWP-2027-0042%27%20OR%201=1', 'looks like JSWP-2027-0042'],
        ['/api/admin/audit?person=a', 'at least 2 letters'],
        ['/api/admin/mail?to=%20x%20', 'at least 2 letters'],
        [`/api/admin/audit?person=${'x'.repeat(300)}`, 'at most 254'],
      ];
      for (const [url, words] of cases) {
        const response = await admin.get(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.message, url).toContain(words);
      }
      expect((await admin.get('/api/admin/audit?code=ZZZZ-2027-0001')).json().events).toEqual([]);
    });
  });

  it('answers 404 to an author on every admin route and changes nothing', async () => {
    const before = await grantsOf(authorId);
    const attempts = [
      await author.get('/api/admin/people'),
      await author.put(`/api/admin/people/${authorId}/roles`, { isAdmin: true, editorOf: [venue.id] }),
      await author.get('/api/admin/audit'),
      await author.get('/api/admin/mail'),
      await author.get(`/api/venues/${venue.id}/reviewer-pool`),
      await author.post(`/api/venues/${venue.id}/reviewer-pool`, { email: 'x@example.org', expertise: [] }),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect(await grantsOf(authorId)).toEqual(before);
    expect(await t.db.selectFrom('reviewer_pool').selectAll().execute()).toEqual([]);
  });

  it('answers 401 when nobody is signed in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/admin/people' });
    expect(response.statusCode).toBe(401);
  });

  it('keeps the audit log append-only, even for the database owner', async () => {
    await expect(t.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable('audit_event').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});

describe('editor routes', () => {
  it('lets an editor manage the reviewer pool of their venue only', async () => {
    const editorPerson = await makePerson(t.db, 'editor');
    const editor = await signedIn(t.app, editorPerson.email);
    const other = await makeVenue(t.db);
    const reviewer = await makePerson(t.db, 'author', 'pool.reviewer@example.org');
    const added = await editor.post(`/api/venues/${venue.id}/reviewer-pool`, {
      email: 'Pool.Reviewer@example.org',
      expertise: ['ageing'],
    });
    expect(added.statusCode).toBe(201);
    const pool = await editor.get(`/api/venues/${venue.id}/reviewer-pool`);
    expect(pool.json().reviewers.map((r: { personId: string }) => r.personId)).toEqual([reviewer.id]);
    // `other` was created after the editor, so they are not its editor.
    expect((await editor.get(`/api/venues/${other.id}/reviewer-pool`)).statusCode).toBe(404);
    const unknown = await editor.post(`/api/venues/${venue.id}/reviewer-pool`, {
      email: 'nobody@example.org',
      expertise: [],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('sign up');
    expect((await editor.delete(`/api/venues/${venue.id}/reviewer-pool/${reviewer.id}`)).statusCode).toBe(204);
  });
});
