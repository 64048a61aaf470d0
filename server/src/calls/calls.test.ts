import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { callInputFor, makeCall, makeCompleteDraft } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let editor: TestClient;
let author: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
});
afterAll(async () => {
  await t.close();
});

describe('calls', () => {
  it('lets an editor open an award call with categories, declarations and an application form', async () => {
    const body = callInputFor({
      title: 'Essay Awards 2027',
      deadlineLocal: '2027-07-02T00:00',
      categories: [
        { name: 'Student', description: '' },
        { name: 'Practitioner', description: '' },
      ],
      wordLimit: 3500,
      singleAuthor: true,
      declarations: [{ key: 'not_published', text: 'I have not been published.' }],
      applicationFormFields: [{ key: 'institution', label: 'University', type: 'text', required: true }],
    });
    const created = await editor.post(`/api/venues/${venue.id}/calls`, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: 'Essay Awards 2027',
      deadlineLocal: '2027-07-02T00:00',
      deadlineAt: '2027-07-01T23:00:00.000Z',
      timeZone: 'Europe/London',
      isOpen: true,
      categories: [{ name: 'Student' }, { name: 'Practitioner' }],
    });
    const listed = (await new TestClient(t.app).get('/api/calls')).json().calls;
    expect(listed.map((c: { id: string }) => c.id)).toContain(created.json().id);

    // Renaming keeps a category's identity; removing one in use is refused.
    const updated = await editor.put(`/api/venues/${venue.id}/calls/${created.json().id}`, {
      ...body,
      categories: [{ name: 'Student', description: 'On a qualifying programme' }],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().categories).toEqual([
      { id: created.json().categories[0].id, name: 'Student', description: 'On a qualifying programme' },
    ]);
  });

  it('explains bad input and stores nothing', async () => {
    const response = await editor.post(`/api/venues/${venue.id}/calls`, {
      ...callInputFor({ deadlineLocal: '1 July', timeZone: 'Europe/Atlantis' }),
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['deadlineLocal', 'timeZone']);
    const beforeOpening = await editor.post(
      `/api/venues/${venue.id}/calls`,
      callInputFor({ opensAt: '2027-01-01T00:00:00Z', deadlineLocal: '2026-12-01T00:00' }),
    );
    expect(beforeOpening.statusCode).toBe(400);
    expect(beforeOpening.json().error.fields).toEqual([
      { path: 'deadlineLocal', message: 'the deadline must come after the call opens' },
    ]);
    // On the call's own clock: opening at 09:00 in New York (14:00 UTC), closing at 10:00 there.
    const sameDay = await editor.post(
      `/api/venues/${venue.id}/calls`,
      callInputFor({
        title: 'Same day',
        opensAt: '2027-03-01T14:00:00Z',
        deadlineLocal: '2027-03-01T10:00',
        timeZone: 'America/New_York',
      }),
    );
    expect(sameDay.statusCode).toBe(201);
  });

  it('refuses a deadline that does not exist and absurd years with a 400 that names the field', async () => {
    const impossible = await editor.post(
      `/api/venues/${venue.id}/calls`,
      callInputFor({ title: 'Impossible dates', opensAt: '2026-01-01T00:00:00Z', deadlineLocal: '2027-02-30T12:00' }),
    );
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.message).toContain('deadlineLocal: that date does not exist');
    const yearOne = await editor.post(
      `/api/venues/${venue.id}/calls`,
      callInputFor({ title: 'Impossible dates', opensAt: '0001-01-01T00:00:00Z', deadlineLocal: '9999-12-31T23:59' }),
    );
    expect(yearOne.statusCode).toBe(400);
    expect(
      yearOne
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['deadlineLocal', 'opensAt']);
    expect(yearOne.json().error.message).toContain('within 10 years of today');
    expect(await t.db.selectFrom('call').select('id').where('title', '=', 'Impossible dates').execute()).toEqual([]);
  });

  it('hides closed and future calls from the public list, and call editing from authors', async () => {
    const closed = await makeCall(t.db, venue.id, { deadlineLocal: '2021-01-01T00:00' });
    const future = await makeCall(t.db, venue.id, { opensAt: '2099-01-01T00:00:00Z' });
    const ids = (await author.get('/api/calls')).json().calls.map((c: { id: string }) => c.id);
    expect(ids).not.toContain(closed);
    expect(ids).not.toContain(future);
    expect((await author.get(`/api/calls/${closed}`)).statusCode).toBe(404);
    // An author with a draft in a call that has since closed still reads its rules.
    const late = await makeCall(t.db, venue.id, { deadlineLocal: '2099-01-01T00:00' });
    const draft = (await author.post('/api/submissions', { callId: late })).json().id;
    await t.db
      .updateTable('call')
      .set({
        deadline_at: new Date('2021-01-01T00:00:00Z'),
        deadline_local: '2021-01-01 00:00',
        opens_at: new Date('2020-01-01T00:00:00Z'),
      })
      .where('id', '=', late)
      .execute();
    expect((await author.get(`/api/calls/${late}`)).statusCode).toBe(200);
    expect(draft).toBeTruthy();
    expect((await editor.get(`/api/calls/${closed}`)).statusCode).toBe(200);
    expect((await author.post(`/api/venues/${venue.id}/calls`, callInputFor())).statusCode).toBe(404);
    expect((await author.post('/api/submissions', { callId: closed })).statusCode).toBe(409);
  });

  it('refuses to close an open call without the editor’s go-ahead, saying how many drafts it closes out', async () => {
    const body = callInputFor({ title: 'Closing soon', deadlineLocal: '2027-07-02T00:00' });
    const callId = (await editor.post(`/api/venues/${venue.id}/calls`, body)).json().id;
    const others = [
      await signedIn(t.app, (await makePerson(t.db, 'author')).email),
      await signedIn(t.app, (await makePerson(t.db, 'author')).email),
    ];
    const drafts = [await makeCompleteDraft(author, callId)];
    for (const writer of others) drafts.push((await writer.post('/api/submissions', { callId })).json().id as string);
    await editor.put(`/api/venues/${venue.id}/contact`, { contactEmail: 'editors@venue.example.org' });
    // One of them has an extension that still runs: it is not closed out.
    expect(
      (await editor.post(`/api/submissions/${drafts[2]}/extension`, { until: '2027-01-31T23:00:00Z' })).statusCode,
    ).toBe(200);

    const closing = { ...body, deadlineLocal: '2026-12-01T00:00' };
    t.setNow(new Date('2026-12-15T12:00:00Z'));
    try {
      const refused = await editor.put(`/api/venues/${venue.id}/calls/${callId}`, closing);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('call_closes_drafts');
      expect(refused.json().error.message).toContain('2 drafts in progress will be closed out');
      const stored = await t.db
        .selectFrom('call')
        .select('deadline_at')
        .where('id', '=', callId)
        .executeTakeFirstOrThrow();
      expect(stored.deadline_at?.toISOString()).toBe('2027-07-01T23:00:00.000Z');

      // Moving the deadline later needs no go-ahead; an opening moved into the future closes it too.
      expect(
        (await editor.put(`/api/venues/${venue.id}/calls/${callId}`, { ...body, deadlineLocal: '2027-08-01T00:00' }))
          .statusCode,
      ).toBe(200);
      const unopened = await editor.put(`/api/venues/${venue.id}/calls/${callId}`, {
        ...body,
        opensAt: '2027-01-01T00:00:00Z',
      });
      expect(unopened.json().error.code).toBe('call_closes_drafts');

      const confirmed = await editor.put(`/api/venues/${venue.id}/calls/${callId}`, {
        ...closing,
        confirmClosingDrafts: true,
      });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toMatchObject({ isOpen: false, deadlineAt: '2026-12-01T00:00:00.000Z' });
      // A closed-out draft is refused, with whom to ask for more time.
      const late = await author.post(`/api/submissions/${drafts[0]}/submit`);
      expect(late.statusCode).toBe(409);
      expect(late.json().error).toMatchObject({ code: 'deadline_passed' });
      expect(late.json().error.message).toContain('ask the editors at editors@venue.example.org for an extension');
      // Closed now: saving it again (still closed) asks nothing more.
      expect(
        (await editor.put(`/api/venues/${venue.id}/calls/${callId}`, { ...closing, title: 'Closed' })).statusCode,
      ).toBe(200);
    } finally {
      t.setNow(null);
    }
  });
});
