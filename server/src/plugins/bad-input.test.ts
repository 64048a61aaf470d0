// Input PostgreSQL cannot store must be refused with a 400 that says what to fix, before anything
// is written: a NUL character anywhere in a body, query string or address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { callInputFor, makeCall } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let author: TestClient;
let editor: TestClient;
let admin: TestClient;
let authorId: string;
let draftId: string;
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  const person = await makePerson(t.db, 'author');
  authorId = person.id;
  author = await signedIn(t.app, person.email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  admin = await signedIn(t.app, (await makePerson(t.db, 'admin')).email);
  const callId = await makeCall(t.db, venue.id);
  draftId = (await author.post('/api/submissions', { callId })).json().id;
  expect((await author.patch(`/api/submissions/${draftId}`, { title: 'Kept title' })).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
});

const nul = 'before\u0000after';

describe('a NUL character in any text', () => {
  it('is refused with a 400 naming the field, in bodies, query strings and addresses', async () => {
    const attempts: Array<[string, () => Promise<{ statusCode: number; json(): { error: { message: string } } }>]> = [
      ['title', () => author.patch(`/api/submissions/${draftId}`, { title: nul })],
      ['abstract', () => author.patch(`/api/submissions/${draftId}`, { abstract: nul })],
      [
        'applicationForm.institution',
        () => author.patch(`/api/submissions/${draftId}`, { applicationForm: { institution: nul } }),
      ],
      ['applicationForm.', () => author.patch(`/api/submissions/${draftId}`, { applicationForm: { [nul]: 'x' } })],
      ['name', () => author.patch('/api/me/profile', { name: nul })],
      [
        'name',
        () =>
          new TestClient(t.app).post('/api/accounts/register', {
            name: nul,
            email: 'nul@example.org',
            password: 'long enough password',
          }),
      ],
      ['title', () => editor.post(`/api/venues/${venue.id}/calls`, callInputFor({ title: nul }))],
      ['q', () => editor.get(`/api/venues/${venue.id}/submissions?q=a%00b`)],
      ['q', () => admin.get('/api/admin/people?q=a%00b')],
      ['action', () => admin.get('/api/admin/audit?action=a%00b')],
      ['to', () => admin.get('/api/admin/mail?to=a%00b')],
      ['submissionId', () => author.get('/api/submissions/a%00b')],
    ];
    for (const [field, attempt] of attempts) {
      const response = await attempt();
      expect(response.statusCode, field).toBe(400);
      expect(response.json().error.message, field).toContain(`${field}`);
      expect(response.json().error.message, field).toContain('control character (NUL)');
    }
    const draft = await t.db
      .selectFrom('submission')
      .select(['title', 'abstract'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(draft.title).toBe('Kept title');
    const person = await t.db.selectFrom('person').select('name').where('id', '=', authorId).executeTakeFirstOrThrow();
    expect(person.name).not.toContain('\u0000');
    expect(await t.db.selectFrom('person').select('id').where('email', '=', 'nul@example.org').execute()).toEqual([]);
  });

  it('leaves ordinary text in any script alone', async () => {
    const response = await author.patch(`/api/submissions/${draftId}`, { title: 'Praca – Ελληνικά – 论文 \u00e9' });
    expect(response.statusCode).toBe(200);
  });
});
