// The erasure's routes refuse clearly and store nothing when refused: a wrong password, an expired
// or someone else's link, an admin erasing themselves or the only admin, and anyone not an admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn } from '../../../test/client.ts';
import { lastLinkTo } from '../../../test/mail.ts';
import { eraseOnRequest } from './erasure.service.ts';

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const requestsOf = (personId: string) =>
  t.db.selectFrom('subject_access_request').selectAll().where('person_id', '=', personId).execute();

describe('asking to erase one’s own account', () => {
  it('refuses a wrong password and stores nothing', async () => {
    const person = await makePerson(t.db);
    const client = await signedIn(t.app, person.email);
    const response = await client.post('/api/me/erasure', { password: 'not my password' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/password is not right/);
    expect(await requestsOf(person.id)).toEqual([]);
  });

  it('needs the CSRF token like every other change', async () => {
    const person = await makePerson(t.db);
    const client = await signedIn(t.app, person.email);
    const response = await client.request('POST', '/api/me/erasure', { password: TEST_PASSWORD }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await requestsOf(person.id)).toEqual([]);
  });

  it('refuses an expired link, and a link of someone else’s, with words that say what to do', async () => {
    const person = await makePerson(t.db);
    const client = await signedIn(t.app, person.email);
    expect((await client.post('/api/me/erasure', { password: TEST_PASSWORD })).statusCode).toBe(202);
    const token = await lastLinkTo(t.db, person.email, 'account/erasure/confirm');
    // Asking twice while the first waits: refused, one request.
    const again = await client.post('/api/me/erasure', { password: TEST_PASSWORD });
    expect(again.statusCode).toBe(409);

    const other = await makePerson(t.db);
    const otherClient = await signedIn(t.app, other.email);
    const stolen = await otherClient.post('/api/me/erasure/confirm', { token });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.message).toMatch(/not for the account you are signed in to/);

    await t.db
      .updateTable('subject_access_request')
      .set({ confirm_expires_at: new Date(Date.now() - 1000) })
      .where('person_id', '=', person.id)
      .execute();
    const expired = await client.post('/api/me/erasure/confirm', { token });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.message).toMatch(/expired/);
    const rows = await requestsOf(person.id);
    expect(rows.map((r) => r.status)).toEqual(['awaiting_confirmation']);
    const jobs = await t.db.selectFrom('job_outbox').select('id').where('job_name', '=', 'privacy.erase').execute();
    expect(jobs).toEqual([]);
  });

  it('cancels a request that waits for confirmation; its link then no longer works', async () => {
    const person = await makePerson(t.db);
    const client = await signedIn(t.app, person.email);
    expect((await client.post('/api/me/erasure', { password: TEST_PASSWORD })).statusCode).toBe(202);
    const token = await lastLinkTo(t.db, person.email, 'account/erasure/confirm');
    const preview = (await client.get('/api/me/erasure/preview')).json();
    expect(preview.request.status).toBe('awaiting_confirmation');
    expect((await client.delete('/api/me/erasure')).statusCode).toBe(200);
    expect((await client.post('/api/me/erasure/confirm', { token })).statusCode).toBe(400);
    expect((await requestsOf(person.id)).map((r) => r.status)).toEqual(['cancelled']);
    expect((await client.delete('/api/me/erasure')).statusCode).toBe(404);
  });
});

describe('an admin erasing someone', () => {
  it('queues the erasure with the note, and answers 409 for themselves or the only admin', async () => {
    const admin = await makePerson(t.db, 'admin');
    const client = await signedIn(t.app, admin.email);
    const person = await makePerson(t.db);

    const self = await client.post(`/api/admin/people/${admin.id}/erasure`, { note: 'By letter' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toMatch(/your own account/);

    const preview = await client.get(`/api/admin/people/${person.id}/erasure/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().goes.length).toBeGreaterThan(0);

    const empty = await client.post(`/api/admin/people/${person.id}/erasure`, { note: ' ' });
    expect(empty.statusCode).toBe(400);

    const asked = await client.post(`/api/admin/people/${person.id}/erasure`, { note: 'By letter of 3 March' });
    expect(asked.statusCode).toBe(202);
    const [row] = await requestsOf(person.id);
    expect(row).toMatchObject({ status: 'queued', on_request_of: 'admin', requested_by: admin.id });
    expect(row!.admin_note).toBe('By letter of 3 March');
  });

  // Through the route an admin always leaves another admin; the rule still stands for a role taken
  // away meanwhile (the check runs in the transaction that locks the admins' roles).
  it('refuses to erase the only admin', async () => {
    const onlyAdmin = await makePerson(t.db, 'admin');
    await t.db.deleteFrom('role_grant').where('role', '=', 'admin').where('person_id', '<>', onlyAdmin.id).execute();
    const formerAdmin = await makePerson(t.db);
    const ctx = {
      db: t.db,
      publicUrl: t.config.PUBLIC_URL,
      audit: { actorId: formerAdmin.id, ip: null, requestId: null },
      now: new Date(),
    };
    await expect(eraseOnRequest(ctx, formerAdmin.id, onlyAdmin.id, 'On request')).rejects.toMatchObject({
      statusCode: 409,
      code: 'only_admin',
    });
    expect(await requestsOf(onlyAdmin.id)).toEqual([]);
  });

  it('refuses anyone who is not an admin, and stores nothing', async () => {
    const person = await makePerson(t.db);
    const client = await signedIn(t.app, person.email);
    const target = await makePerson(t.db);
    const response = await client.post(`/api/admin/people/${target.id}/erasure`, { note: 'Please' });
    expect(response.statusCode).toBe(404);
    expect((await client.get(`/api/admin/people/${target.id}/erasure/preview`)).statusCode).toBe(404);
    expect(await requestsOf(target.id)).toEqual([]);
  });
});
