import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { createRequest, markDone } from '../requests.ts';

let t: TestApp;
let admin: TestClient;
let adminId: string;
beforeAll(async () => {
  t = await buildTestApp();
  const a = await makePerson(t.db, 'admin');
  adminId = a.id;
  admin = await signedIn(t.app, a.email);
});
afterAll(async () => {
  await t.close();
});

const day = 86_400_000;

describe('the subject-access log', () => {
  it('shows each request with its due date and whether it was answered within the month', async () => {
    const person = await makePerson(t.db, 'author');
    const longAgo = new Date(Date.now() - 90 * day);
    const inTime = await createRequest(t.db, {
      personId: person.id,
      kind: 'export',
      requestedBy: person.id,
      onRequestOf: 'self',
      now: longAgo,
    });
    await markDone(t.db, inTime, new Date(longAgo.getTime() + 2 * day));
    const late = await createRequest(t.db, {
      personId: person.id,
      kind: 'export',
      requestedBy: adminId,
      onRequestOf: 'admin',
      now: longAgo,
      adminNote: 'Letter of 3 September',
    });
    await markDone(t.db, late, new Date(longAgo.getTime() + 40 * day));
    const overdue = await createRequest(t.db, {
      personId: person.id,
      kind: 'erasure',
      requestedBy: adminId,
      onRequestOf: 'admin',
      now: new Date(Date.now() - 35 * day),
    });
    const open = await createRequest(t.db, {
      personId: person.id,
      kind: 'export',
      requestedBy: person.id,
      onRequestOf: 'self',
      now: new Date(),
    });

    const response = await admin.get('/api/admin/privacy/requests');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const byId = new Map(body.entries.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(inTime)).toMatchObject({ timeliness: 'in_time', kind: 'export', onRequestOf: 'self' });
    expect(byId.get(late)).toMatchObject({
      timeliness: 'late',
      adminNote: 'Letter of 3 September',
      requestedBy: { id: adminId },
    });
    expect(byId.get(overdue)).toMatchObject({ timeliness: 'overdue', kind: 'erasure', status: 'queued' });
    expect(byId.get(open)).toMatchObject({ timeliness: 'open', person: { id: person.id, erased: false } });
    expect(body.summary).toEqual({ open: 2, overdue: 1, answeredInTime: 1, answeredLate: 1 });
    // Newest first.
    expect(body.entries[0].id).toBe(open);

    const erasures = (await admin.get('/api/admin/privacy/requests?kind=erasure')).json();
    expect(erasures.entries.map((e: { id: string }) => e.id)).toEqual([overdue]);
  });

  it('is for admins only, and says what a bad filter should be', async () => {
    const author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    expect((await author.get('/api/admin/privacy/requests')).statusCode).toBe(404);
    const bad = await admin.get('/api/admin/privacy/requests?kind=everything');
    expect(bad.statusCode).toBe(400);
  });
});
