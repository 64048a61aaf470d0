import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';

let t: TestApp;
let author: TestClient;
let coAuthorPerson: { id: string; email: string };
let coAuthor: TestClient;
let started: string[];
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  const callId = await makeCall(t.db, venue.id);
  const authorPerson = await makePerson(t.db, 'author');
  author = await signedIn(t.app, authorPerson.email);
  coAuthorPerson = await makePerson(t.db, 'author');
  coAuthor = await signedIn(t.app, coAuthorPerson.email);
  started = [];
  for (let i = 0; i < 5; i++) {
    const answer = await author.post('/api/submissions', { callId });
    started.push(answer.json().id);
    await author.patch(`/api/submissions/${answer.json().id}`, { title: `Draft ${i}` });
  }
  // The co-author is on the third draft, and their author row is linked to their account.
  await author.patch(`/api/submissions/${started[2]}`, {
    authors: [
      { name: 'Test author', email: authorPerson.email },
      { name: 'Test co-author', email: coAuthorPerson.email },
    ],
  });
  await t.db
    .updateTable('submission_author')
    .set({ person_id: coAuthorPerson.id })
    .where('submission_id', '=', started[2]!)
    .where('email', '=', coAuthorPerson.email)
    .execute();
});
afterAll(async () => {
  await t.close();
});

const ids = (page: { submissions: Array<{ id: string }> }) => page.submissions.map((s) => s.id);

describe('my submissions', () => {
  it('pages newest change first, each submission once, though the submitter is also an author row', async () => {
    const whole = (await author.get('/api/me/submissions')).json();
    expect(ids(whole)).toEqual(
      [...started]
        .reverse()
        .filter((id) => id !== started[2])
        .toSpliced(0, 0, started[2]!),
    );
    expect(whole.nextCursor).toBeNull();
    expect(whole.submissions[0].timeZone).toBe('Europe/London');
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const cursor: string = after ? `&after=${after}` : '';
      const page = (await author.get(`/api/me/submissions?limit=2${cursor}`)).json();
      expect(page.submissions.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids(whole));
  });

  it('shows a co-author, linked by their account, the submission they are on and nothing else', async () => {
    const theirs = (await coAuthor.get('/api/me/submissions')).json();
    expect(ids(theirs)).toEqual([started[2]]);
    expect(theirs.submissions[0].title).toBe('Draft 2');
  });

  it('shows nothing of anyone else’s', async () => {
    const stranger = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    expect((await stranger.get('/api/me/submissions')).json()).toEqual({ submissions: [], nextCursor: null });
  });

  it('answers 400 to a damaged cursor and a limit out of range', async () => {
    for (const query of ['after=garbage', 'after=eyJzIjoidXBkYXRlZCJ9', 'limit=0', 'limit=1000']) {
      const answer = await author.get(`/api/me/submissions?${query}`);
      expect(answer.statusCode, query).toBe(400);
    }
  });
});
