import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';

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
