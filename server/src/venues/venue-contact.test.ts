import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { grantRole } from '../accounts/person.repository.ts';

let t: TestApp;
let journal: { id: string };
let award: { id: string };
let journalEditor: TestClient;
let awardEditor: TestClient;
let author: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  journal = await makeVenue(t.db);
  journalEditor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  // Made after the journal's editor, so this editor edits only the award (editors get the venues that exist).
  award = await makeVenue(t.db);
  const awardOnly = await makePerson(t.db, 'author');
  await grantRole(t.db, awardOnly.id, 'editor', award.id);
  awardEditor = await signedIn(t.app, awardOnly.email);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
});
afterAll(async () => {
  await t.close();
});

const storedContact = async (venueId: string) =>
  (await t.db.selectFrom('venue').select('contact_email').where('id', '=', venueId).executeTakeFirstOrThrow())
    .contact_email;

describe('the editorial contact address', () => {
  it('is empty until set, then public: on the venues and on each call', async () => {
    const before = (await new TestClient(t.app).get('/api/venues')).json().venues;
    expect(before.find((v: { id: string }) => v.id === journal.id).contactEmail).toBeNull();

    const set = await journalEditor.put(`/api/venues/${journal.id}/contact`, {
      contactEmail: ' Editors@Journal.Example.org ',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ id: journal.id, contactEmail: 'editors@journal.example.org' });

    const venues = (await new TestClient(t.app).get('/api/venues')).json().venues;
    expect(venues.find((v: { id: string }) => v.id === journal.id).contactEmail).toBe('editors@journal.example.org');
    const callId = await makeCall(t.db, journal.id);
    expect((await new TestClient(t.app).get(`/api/calls/${callId}`)).json().venue.contactEmail).toBe(
      'editors@journal.example.org',
    );

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', journal.id)
      .execute();
    expect(audit).toContainEqual({
      action: 'venue.contact_changed',
      details: { from: null, to: 'editors@journal.example.org' },
    });
  });

  it('can be set only by an editor of that venue', async () => {
    await journalEditor.put(`/api/venues/${journal.id}/contact`, { contactEmail: 'editors@journal.example.org' });
    for (const outsider of [awardEditor, author]) {
      const refused = await outsider.put(`/api/venues/${journal.id}/contact`, { contactEmail: 'someone@example.org' });
      expect(refused.statusCode).toBe(404);
    }
    const anonymous = await new TestClient(t.app).put(`/api/venues/${journal.id}/contact`, {
      contactEmail: 'someone@example.org',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await storedContact(journal.id)).toBe('editors@journal.example.org');
    const own = await awardEditor.put(`/api/venues/${award.id}/contact`, { contactEmail: 'awards@example.org' });
    expect(own.statusCode).toBe(200);
    expect(await storedContact(award.id)).toBe('awards@example.org');
  });

  it('refuses an address that is not one, says why, and keeps the one stored', async () => {
    await journalEditor.put(`/api/venues/${journal.id}/contact`, { contactEmail: 'editors@journal.example.org' });
    for (const contactEmail of ['editors at journal', '', `${'x'.repeat(250)}@example.org`]) {
      const refused = await journalEditor.put(`/api/venues/${journal.id}/contact`, { contactEmail });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([
        { path: 'contactEmail', message: expect.stringMatching(/e-mail address|characters/) },
      ]);
    }
    expect(
      (await journalEditor.put(`/api/venues/${journal.id}/contact`, { contactEmail: 'editors at journal' })).json()
        .error.message,
    ).toContain('enter an e-mail address like name@example.org');
    expect(await storedContact(journal.id)).toBe('editors@journal.example.org');
  });
});
