import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let editor: TestClient;
let submitted: string[];
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  const callId = await makeCall(t.db, venue.id);
  const author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  submitted = [];
  for (let i = 0; i < 7; i++) {
    const id = await makeCompleteDraft(author, callId, { title: `Paper number ${i}` });
    await author.post(`/api/submissions/${id}/submit`);
    submitted.push(id);
  }
  await author.post(`/api/submissions/${submitted[0]}/withdraw`);
  await makeCompleteDraft(author, callId, { title: 'Still a draft' });
});
afterAll(async () => {
  await t.close();
});

describe('editor queue', () => {
  it('counts per state and hides drafts unless asked for', async () => {
    const queue = (await editor.get(`/api/venues/${venue.id}/submissions`)).json();
    expect(queue.counts).toEqual({ submitted: 6, withdrawn: 1, draft: 1 });
    expect(queue.submissions).toHaveLength(7);
    expect(queue.submissions[0].authors).toEqual(['Test author']);
    const drafts = (await editor.get(`/api/venues/${venue.id}/submissions?status=draft`)).json();
    expect(drafts.submissions.map((s: { title: string }) => s.title)).toEqual(['Still a draft']);
  });

  it('pages with a cursor in a stable order, without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `/api/venues/${venue.id}/submissions?sort=code&order=asc&limit=3${after ? `&after=${after}` : ''}`;
      const page = (await editor.get(query)).json();
      seen.push(...page.submissions.map((s: { code: string }) => s.code));
      after = page.nextCursor;
    } while (after);
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by state and searches by code or title', async () => {
    const withdrawn = (await editor.get(`/api/venues/${venue.id}/submissions?status=withdrawn`)).json();
    expect(withdrawn.submissions.map((s: { id: string }) => s.id)).toEqual([submitted[0]]);
    const found = (await editor.get(`/api/venues/${venue.id}/submissions?q=number 3`)).json();
    expect(found.submissions.map((s: { title: string }) => s.title)).toEqual(['Paper number 3']);
    const code = found.submissions[0].code;
    const byCode = (await editor.get(`/api/venues/${venue.id}/submissions?q=${code}`)).json();
    expect(byCode.submissions).toHaveLength(1);
  });
});
