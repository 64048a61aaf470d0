import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let callId: string;
let editor: TestClient;
let editorPerson: { id: string; email: string };
let author: TestClient;
let submitted: string[];
let coAuthored: string;
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  callId = await makeCall(t.db, venue.id);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  editorPerson = await makePerson(t.db, 'editor');
  editor = await signedIn(t.app, editorPerson.email);
  submitted = [];
  for (let i = 0; i < 7; i++) {
    const id = await makeCompleteDraft(author, callId, { title: `Paper number ${i}` });
    await author.post(`/api/submissions/${id}/submit`);
    submitted.push(id);
  }
  await author.post(`/api/submissions/${submitted[0]}/withdraw`);
  await makeCompleteDraft(author, callId, { title: 'Still a draft' });
  // A draft withdrawn before it was sent: no code and no submission time to sort by.
  const abandoned = await makeCompleteDraft(author, callId, { title: 'Abandoned draft' });
  await author.post(`/api/submissions/${abandoned}/withdraw`);
  // A paper the editor co-wrote: their author row is linked to them, so it is not theirs to handle.
  coAuthored = await makeCompleteDraft(author, callId, {
    title: 'Co-written with the editor',
    authors: [
      { name: 'Test author', email: (await author.get('/api/session')).json().person.email },
      { name: 'Test editor', email: editorPerson.email },
    ],
  });
  await author.post(`/api/submissions/${coAuthored}/submit`);
  await t.db
    .updateTable('submission_author')
    .set({ person_id: editorPerson.id })
    .where('submission_id', '=', coAuthored)
    .where('email', '=', editorPerson.email)
    .execute();
});
afterAll(async () => {
  await t.close();
});

const queueUrl = (query = '') => `/api/venues/${venue.id}/submissions${query ? `?${query}` : ''}`;
const ids = (page: { submissions: Array<{ id: string }> }) => page.submissions.map((s) => s.id);

describe('editor queue', () => {
  it('counts per state and hides drafts unless asked for', async () => {
    const queue = (await editor.get(queueUrl())).json();
    expect(queue.counts).toEqual({ submitted: 6, withdrawn: 2, draft: 1 });
    expect(queue.submissions).toHaveLength(8);
    expect(queue.submissions[0].authors).toEqual(['Test author']);
    const drafts = (await editor.get(queueUrl('status=draft'))).json();
    expect(drafts.submissions.map((s: { title: string }) => s.title)).toEqual(['Still a draft']);
  });

  it('never lists, nor counts, a submission the editor is a linked co-author of', async () => {
    const queue = (await editor.get(queueUrl('limit=100'))).json();
    expect(ids(queue)).not.toContain(coAuthored);
    const authorIsAlsoAnEditor = await makePerson(t.db, 'editor');
    const other = await signedIn(t.app, authorIsAlsoAnEditor.email);
    // Someone else's queue shows it, with its authors.
    const theirs = (await other.get(queueUrl('limit=100'))).json();
    expect(ids(theirs)).toContain(coAuthored);
    expect(theirs.counts.submitted).toBe(queue.counts.submitted + 1);
  });

  it('pages with a cursor in a stable order, without repeats or gaps, in every sort and order', async () => {
    for (const sort of ['submitted', 'code', 'title', 'updated']) {
      for (const order of ['asc', 'desc']) {
        const whole = ids((await editor.get(queueUrl(`sort=${sort}&order=${order}&limit=100`))).json());
        expect(whole).toHaveLength(8);
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const cursor: string = after ? `&after=${after}` : '';
          const page = (await editor.get(queueUrl(`sort=${sort}&order=${order}&limit=3${cursor}`))).json();
          seen.push(...ids(page));
          after = page.nextCursor;
        } while (after);
        expect(seen, `${sort} ${order}`).toEqual(whole);
      }
    }
    const byCode = (await editor.get(queueUrl('sort=code&order=asc&limit=100'))).json();
    const codes = byCode.submissions.map((s: { code: string | null }) => s.code);
    expect(codes.at(-1)).toBeNull(); // the abandoned draft has none, and comes last
    expect(codes.slice(0, -1)).toEqual([...codes.slice(0, -1)].sort());
  });

  it('filters by state and searches by code or title, counting the matches', async () => {
    const withdrawn = (await editor.get(queueUrl('status=withdrawn'))).json();
    expect(ids(withdrawn)).toContain(submitted[0]);
    expect(withdrawn.submissions).toHaveLength(2);
    const found = (await editor.get(queueUrl('q=number 3'))).json();
    expect(found.submissions.map((s: { title: string }) => s.title)).toEqual(['Paper number 3']);
    expect(found.counts).toEqual({ submitted: 1 });
    const code = found.submissions[0].code;
    const byCode = (await editor.get(queueUrl(`q=${code}`))).json();
    expect(byCode.submissions).toHaveLength(1);
    const inCall = (await editor.get(queueUrl(`callId=${callId}`))).json();
    expect(inCall.counts).toEqual({ submitted: 6, withdrawn: 2, draft: 1 });
  });

  it('answers 400, not 500, to a damaged or foreign cursor', async () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const first = (await editor.get(queueUrl('limit=2'))).json();
    const id = first.submissions[0].id;
    const bad = [
      'not a cursor!',
      encode('hello'),
      encode({ s: 'submitted', v: 'yesterday', id }),
      encode({ s: 'submitted', v: '2026-02-30T00:00:00.000000Z', id }),
      encode({ s: 'submitted', v: '2026-02-28T00:00:00.000000Z', id: 'not-a-uuid' }),
      encode({ s: 'title', v: 'a\u0000b', id }),
    ];
    for (const after of bad) {
      const answer = await editor.get(queueUrl(`after=${encodeURIComponent(after)}`));
      expect(answer.statusCode, after).toBe(400);
      expect(answer.json().error.code).toBe('invalid_cursor');
    }
    // A cursor made for one sort, used with another.
    const foreign = await editor.get(queueUrl(`sort=title&after=${first.nextCursor}`));
    expect(foreign.statusCode).toBe(400);
    expect((await editor.get(queueUrl(`sort=title&after=${encodeURIComponent(bad[5]!)}`))).statusCode).toBe(400);
    const nul = await editor.get(queueUrl(`q=${encodeURIComponent('a\u0000')}`));
    expect(nul.statusCode).toBe(400);
  });

  it('keeps the per-state counts equal to the submissions through inserts, moves and deletes', async () => {
    const [draft] = await t.db
      .selectFrom('submission')
      .select('id')
      .where('venue_id', '=', venue.id)
      .where('status', '=', 'draft')
      .execute();
    await t.db.updateTable('submission').set({ status: 'screening' }).where('id', '=', submitted[1]!).execute();
    await t.db.updateTable('submission').set({ title: 'Renamed only' }).where('id', '=', submitted[2]!).execute();
    await t.db.deleteFrom('submission').where('id', '=', draft!.id).execute();
    const kept = await t.db
      .selectFrom('submission_state_count')
      .select(['venue_id', 'call_id', 'category_id', 'status', 'n'])
      .where('n', '<>', 0)
      .orderBy('venue_id')
      .orderBy('call_id')
      .orderBy('status')
      .execute();
    const counted = await t.db
      .selectFrom('submission')
      .select(['venue_id', 'call_id', 'category_id', 'status', sql<number>`count(*)::int`.as('n')])
      .groupBy(['venue_id', 'call_id', 'category_id', 'status'])
      .orderBy('venue_id')
      .orderBy('call_id')
      .orderBy('status')
      .execute();
    expect(kept).toEqual(counted);
    const queue = (await editor.get(queueUrl())).json();
    expect(queue.counts).toEqual({ submitted: 5, screening: 1, withdrawn: 2 });
  });
});
