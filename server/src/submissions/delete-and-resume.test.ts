// Drafts do not pile up: the submitter may delete a draft (and its files leave the store), and
// "Start a submission" opens the author's empty draft for the call again instead of making another.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';

let t: TestApp;
let callId: string;
let submitter: { id: string; email: string };
let author: TestClient;
let coAuthor: TestClient;
let coAuthorEmail: string;
let editor: TestClient;
let stranger: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  callId = await makeCall(t.db, venue.id);
  submitter = await makePerson(t.db, 'author');
  author = await signedIn(t.app, submitter.email);
  coAuthorEmail = (await makePerson(t.db, 'author')).email;
  coAuthor = await signedIn(t.app, coAuthorEmail);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  stranger = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
});
afterAll(async () => {
  await t.close();
});

const storedPath = (sha256: string) =>
  path.join(t.dataDir, 'files', 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

const rowsOf = async (id: string) => ({
  submission: await t.db.selectFrom('submission').select('id').where('id', '=', id).execute(),
  versions: await t.db.selectFrom('manuscript_version').select('id').where('submission_id', '=', id).execute(),
});

const draftsOf = (personId: string) =>
  t.db
    .selectFrom('submission')
    .select('id')
    .where('submitter_id', '=', personId)
    .where('call_id', '=', callId)
    .where('status', '=', 'draft')
    .execute();

/** A draft with a co-author (linked: their address is verified) and a PDF of its own bytes. */
async function draftWithFile(marker: string) {
  const id = await makeCompleteDraft(author, callId, {
    title: `Draft ${marker}`,
    authors: [
      { name: 'The submitter', email: submitter.email, affiliation: '' },
      { name: 'The co-author', email: coAuthorEmail, affiliation: '' },
    ],
  });
  // Its own bytes: nothing else in the store shares this file.
  const upload = await author.upload(`/api/submissions/${id}/manuscript`, 'mine.pdf', uniquePdf(marker));
  expect(upload.statusCode).toBe(201);
  const shas = await t.db
    .selectFrom('manuscript_version')
    .select('file_sha256')
    .where('submission_id', '=', id)
    .orderBy('version_number', 'desc')
    .execute();
  return { id, shas: shas.map((s) => s.file_sha256) };
}

function uniquePdf(marker: string): Buffer {
  // samplePdf with a comment before the end: different bytes, still a PDF.
  const pdf = samplePdf();
  const eof = pdf.lastIndexOf('%%EOF');
  return Buffer.concat([pdf.subarray(0, eof), Buffer.from(`% ${marker}\n`), pdf.subarray(eof)]);
}

describe('deleting a draft', () => {
  it('is the submitter’s alone: a co-author is told who can, an editor and a stranger get 404; nothing changes', async () => {
    const { id, shas } = await draftWithFile('guarded');
    const coAuthorAnswer = await coAuthor.delete(`/api/submissions/${id}`);
    expect(coAuthorAnswer.statusCode).toBe(403);
    expect(coAuthorAnswer.json().error.message).toContain('Only the author who started this submission');
    for (const client of [editor, stranger]) {
      const answer = await client.delete(`/api/submissions/${id}`);
      expect(answer.statusCode).toBe(404);
    }
    expect((await rowsOf(id)).submission).toHaveLength(1);
    expect((await rowsOf(id)).versions.length).toBeGreaterThan(0);
    for (const sha of shas) expect(existsSync(storedPath(sha))).toBe(true);
  });

  it('by the submitter removes the rows and the stored files, and is audited', async () => {
    const { id, shas } = await draftWithFile('deleted');
    // The newest version's bytes are this draft's alone; the first (the factory's sample) is shared.
    const [own, shared] = shas as [string, string];
    expect(existsSync(storedPath(own))).toBe(true);
    const answer = await author.delete(`/api/submissions/${id}`);
    expect(answer.statusCode).toBe(204);
    expect(await rowsOf(id)).toEqual({ submission: [], versions: [] });
    expect(existsSync(storedPath(own))).toBe(false);
    expect(await t.db.selectFrom('stored_file').select('sha256').where('sha256', '=', own).execute()).toEqual([]);
    expect(existsSync(storedPath(shared))).toBe(true);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id', 'details'])
      .where('object_id', '=', id)
      .where('action', '=', 'submission.draft_deleted')
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(submitter.id);
    expect(audit.details).toMatchObject({ callId, title: 'Draft deleted' });
    expect((await author.get(`/api/submissions/${id}`)).statusCode).toBe(404);
    expect((await author.delete(`/api/submissions/${id}`)).statusCode).toBe(404);
  });

  it('keeps a file that another submission holds too', async () => {
    const shared = uniquePdf('shared');
    const keep = await makeCompleteDraft(author, callId, { title: 'Keeps the file' });
    const gone = await makeCompleteDraft(author, callId, { title: 'Goes' });
    for (const id of [keep, gone]) await author.upload(`/api/submissions/${id}/manuscript`, 'same.pdf', shared);
    const sha = (
      await t.db
        .selectFrom('manuscript_version')
        .select('file_sha256')
        .where('submission_id', '=', gone)
        .orderBy('version_number', 'desc')
        .executeTakeFirstOrThrow()
    ).file_sha256;
    expect((await author.delete(`/api/submissions/${gone}`)).statusCode).toBe(204);
    expect(existsSync(storedPath(sha))).toBe(true);
    const download = await author.get(`/api/submissions/${keep}`);
    const versionId = download.json().submission.manuscripts[0].id;
    expect((await author.get(`/api/submissions/${keep}/manuscripts/${versionId}/file`)).statusCode).toBe(200);
  });

  it('refuses a submission that has been sent (409, it is withdrawn instead) and keeps it', async () => {
    const id = await makeCompleteDraft(author, callId, { title: 'Sent' });
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    const answer = await author.delete(`/api/submissions/${id}`);
    expect(answer.statusCode).toBe(409);
    expect(answer.json().error.message).toContain('withdraw');
    expect((await rowsOf(id)).submission).toHaveLength(1);
  });
});

describe('starting a submission', () => {
  it('opens the author’s empty draft for the call again (200) instead of making another', async () => {
    const person = await makePerson(t.db, 'author');
    const client = await signedIn(t.app, person.email);
    const first = await client.post('/api/submissions', { callId });
    expect(first.statusCode).toBe(201);
    const again = await client.post('/api/submissions', { callId });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await draftsOf(person.id)).toHaveLength(1);
    // Once something is typed it is no longer empty: a new start makes a new draft.
    await client.patch(`/api/submissions/${first.json().id}`, { keywords: ['practice'] });
    const third = await client.post('/api/submissions', { callId });
    expect(third.statusCode).toBe(201);
    expect(third.json().id).not.toBe(first.json().id);
  });

  it('makes one draft when starts arrive at once', async () => {
    const person = await makePerson(t.db, 'author');
    const client = await signedIn(t.app, person.email);
    await client.refreshCsrf();
    // Left to chance the presses run one after another and find each other's draft. So a third
    // transaction lets every start read the table but holds back any insert, until all of them
    // are waiting: without the per-author lock each would have read "no empty draft" by then,
    // and each would insert one.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const holder = t.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE submission IN SHARE MODE`.execute(trx);
      holding();
      await released;
    });
    await held;
    // Three: with the holder and the query below, the test database's five connections.
    const starts = Array.from({ length: 3 }, () => client.post('/api/submissions', { callId }));
    // One waits to insert, the others for the lock (or, without it, all three to insert).
    const waiting = async () => {
      const { rows } = await sql<{ waiting: number }>`
        SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database()`.execute(t.db);
      return rows[0]!.waiting;
    };
    try {
      await expect.poll(waiting, { timeout: 20_000 }).toBe(3);
    } finally {
      release();
      await holder;
    }
    const answers = await Promise.all(starts);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await draftsOf(person.id)).toHaveLength(1);
  });

  it('does not hand one author’s empty draft to another', async () => {
    const a = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    const b = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    const fromA = await a.post('/api/submissions', { callId });
    const fromB = await b.post('/api/submissions', { callId });
    expect(fromB.statusCode).toBe(201);
    expect(fromB.json().id).not.toBe(fromA.json().id);
  });
});
