// Object-level access: nobody reaches a submission or its files except its authors and the
// venue's editors, and every refusal looks exactly like "does not exist".
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let authorA: TestClient;
let authorB: TestClient;
let reviewer: TestClient;
let submissionId: string;
let versionId: string;
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  const callId = await makeCall(t.db, venue.id);
  authorA = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  authorB = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  const reviewerPerson = await makePerson(t.db, 'author');
  await t.db.insertInto('reviewer_pool').values({ venue_id: venue.id, person_id: reviewerPerson.id }).execute();
  reviewer = await signedIn(t.app, reviewerPerson.email);
  submissionId = await makeCompleteDraft(authorA, callId);
  versionId = (await authorA.get(`/api/submissions/${submissionId}`)).json().submission.manuscripts[0].id;
  await authorA.post(`/api/submissions/${submissionId}/submit`);
});
afterAll(async () => {
  await t.close();
});

describe('another author, or a reviewer, gets 404 for everything of author A’s', () => {
  const attempts = (client: TestClient) => [
    client.get(`/api/submissions/${submissionId}`),
    client.get(`/api/submissions/${submissionId}/manuscripts/${versionId}/file`),
    client.patch(`/api/submissions/${submissionId}`, { title: 'Hijacked' }),
    client.post(`/api/submissions/${submissionId}/withdraw`),
    client.upload(`/api/submissions/${submissionId}/manuscript`, 'x.pdf', samplePdf()),
    client.post(`/api/submissions/${submissionId}/extension`, { until: '2030-01-01T00:00:00Z' }),
  ];

  it.each([
    ['author B', () => authorB],
    ['a reviewer in the venue’s pool', () => reviewer],
  ])('%s', async (_who, client) => {
    const before = await t.db
      .selectFrom('submission')
      .select(['title', 'status', 'deadline_extended_to'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    const versionsBefore = await t.db
      .selectFrom('manuscript_version')
      .select('id')
      .where('submission_id', '=', submissionId)
      .execute();
    const unknownId = randomUUID();
    const missing = await client().get(`/api/submissions/${unknownId}`);
    for (const response of await Promise.all(attempts(client()))) {
      expect(response.statusCode).toBe(404);
      // Same answer as for a submission that does not exist: no existence oracle.
      expect(response.json().error).toEqual(missing.json().error);
    }
    const after = await t.db
      .selectFrom('submission')
      .select(['title', 'status', 'deadline_extended_to'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(
      await t.db.selectFrom('manuscript_version').select('id').where('submission_id', '=', submissionId).execute(),
    ).toEqual(versionsBefore);
  });

  it('lists nothing of A’s under B’s own submissions', async () => {
    const mine = (await authorB.get('/api/me/submissions')).json().submissions;
    expect(mine.map((s: { id: string }) => s.id)).not.toContain(submissionId);
  });

  it('uses random ids, not guessable sequences, in addresses', () => {
    expect(submissionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(versionId).not.toBe(submissionId);
  });
});

describe('editors', () => {
  it('see authors and the application form of submissions in their venue, and can download the original', async () => {
    const editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    const view = await editor.get(`/api/submissions/${submissionId}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().relation).toBe('editor');
    expect(view.json().submission.authors[0].email).toMatch(/@example.org$/);
    const file = await editor.get(`/api/submissions/${submissionId}/manuscripts/${versionId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/filename="V[A-Z]{4}-\d{4}-\d{4}-v1\.pdf"/);
  });

  it('of another venue get 404', async () => {
    const otherVenue = await makeVenue(t.db);
    const outsider = await makePerson(t.db, 'author');
    await t.db
      .insertInto('role_grant')
      .values({ person_id: outsider.id, role: 'editor', venue_id: otherVenue.id })
      .execute();
    const client = await signedIn(t.app, outsider.email);
    expect((await client.get(`/api/submissions/${submissionId}`)).statusCode).toBe(404);
    expect((await client.get(`/api/venues/${venue.id}/submissions`)).statusCode).toBe(404);
  });

  it('who are an author of a submission see it only as its author, never in their queue', async () => {
    const editorAuthor = await makePerson(t.db, 'editor');
    const client = await signedIn(t.app, editorAuthor.email);
    const callId = await makeCall(t.db, venue.id);
    const own = await makeCompleteDraft(client, callId);
    await client.post(`/api/submissions/${own}/submit`);
    expect((await client.get(`/api/submissions/${own}`)).json().relation).toBe('author');
    const queue = (await client.get(`/api/venues/${venue.id}/submissions`)).json();
    expect(queue.submissions.map((s: { id: string }) => s.id)).not.toContain(own);
  });
});
