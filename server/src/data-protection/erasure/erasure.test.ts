// One person who is everything at once (author of a draft of their own and of a co-authored paper,
// reviewer, award judge, editor, in the lists of reviewers, with mail and sign-ins from a known
// address) asks to erase their account through the API, confirms from the e-mail that reached the
// SMTP server, and the job runs. Then every text column of every table and every stored file is
// searched for each piece of their identity: none may be left. What the policy keeps (the
// co-authored paper, the review, the judge's scores in the ranking) is still there, without them.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalFileStore } from '@gaps/workers/shared';
import type { RunningWorkers } from '@gaps/workers/start-workers';
import { startSmtpServer, type TestSmtpServer } from '@gaps/workers/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeAwardWorld } from '../../../test/award-entrant-factories.ts';
import { type AwardWorld, makeJudgedAwardCall } from '../../../test/award-factories.ts';
import { buildTestApp, makePerson, TEST_PASSWORD, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../../test/client.ts';
import { makeAssignment, makeReview, makeSentSubmission } from '../../../test/review-panel-factories.ts';
import { startWorkersFor } from '../../../test/workers.ts';
import type { AwardRankingView } from '../../blinding/project-award-ranking.ts';
import { simplePdf } from '../../demo/simple-pdf.ts';
import type { DataProtectionDeps } from '../deps.ts';
import { erasePerson } from './erase-person.ts';

const identity = {
  name: 'Zebedee Marchbanks-Erasable',
  email: 'zebedee.marchbanks@vanishing.example',
  affiliation: 'Institute of Vanishing Studies',
  orcid: '0000-0002-7777-123X',
  ip: '198.51.100.77',
};

let t: TestApp;
let world: AwardWorld;
let deps: DataProtectionDeps;
let smtp: TestSmtpServer;
let workers: RunningWorkers;
let person: { id: string };
let client: TestClient;
let chair: TestClient;
let draftId: string;
let draftFile: string;
let coAuthoredId: string;
let reviewedAssignment: string;
let requestId: string;
let rankingBefore: AwardRankingView;

/** Every place (table.column) holding `needle`, in every text, character, json and array column. */
async function placesHolding(needle: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
      AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'inet')
    ORDER BY 1, 2`.execute(t.db);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    const hit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)}
      WHERE strpos(lower(${sql.ref(column_name)}::text), lower(${needle})) > 0`.execute(t.db);
    if (hit.rows[0]!.n > 0) found.push(`${table_name}.${column_name}`);
  }
  return found;
}

/** Every stored file under the data folder whose bytes hold `needle`. */
async function filesHolding(needle: string): Promise<string[]> {
  const entries = await readdir(t.dataDir, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(needle)) found.push(path.relative(t.dataDir, file));
  }
  return found;
}

/** The whole database, table by table, as text: to show a second run changes nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(t.db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ h: string | null }>`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h
      FROM ${sql.table(table_name)} x`.execute(t.db);
    out[table_name] = rows.rows[0]!.h ?? '';
  }
  return out;
}

const rankingUrl = () => `/api/calls/${world.callId}/award-ranking`;

beforeAll(async () => {
  t = await buildTestApp();
  deps = {
    db: t.db,
    store: new LocalFileStore(t.dataDir),
    dataDir: t.dataDir,
    publicUrl: t.config.PUBLIC_URL,
    clock: () => new Date(),
  };
  world = await makeJudgedAwardCall(t);
  const journal = await makeAwardWorld(t.db);
  // The harsh judge of the planted panel becomes the person to erase: the judge's scores feed the
  // ranking, and one of the judge's assignments (P2) is still open.
  person = { id: world.judges.harsh!.id };
  await t.db
    .updateTable('person')
    .set({ name: identity.name, email: identity.email, affiliation: identity.affiliation, orcid: identity.orcid })
    .where('id', '=', person.id)
    .execute();
  client = new TestClient(t.app);
  client.ip = identity.ip;
  await client.login(identity.email);

  // Author: a draft of their own with a file, and a paper sent in with a co-author.
  const started = await client.post('/api/submissions', { callId: journal.journalCallId });
  expect(started.statusCode).toBe(201);
  draftId = started.json().id;
  await client.patch(`/api/submissions/${draftId}`, { title: 'Notes on vanishing' });
  const upload = await client.upload(
    `/api/submissions/${draftId}/manuscript`,
    'draft.pdf',
    simplePdf([[`By ${identity.name}, ${identity.affiliation}`, randomUUID()]]),
  );
  expect(upload.statusCode).toBe(201);
  draftFile = (
    await t.db
      .selectFrom('manuscript_version')
      .select('file_sha256')
      .where('submission_id', '=', draftId)
      .executeTakeFirstOrThrow()
  ).file_sha256;
  const coAuthor = await makePerson(t.db, 'author');
  coAuthoredId = await makeSentSubmission(t.db, {
    venueId: journal.journal.id,
    callId: journal.journalCallId,
    submitterId: coAuthor.id,
    coAuthorIds: [person.id],
    title: 'Written together',
  });
  await t.db
    .updateTable('submission_author')
    .set({ affiliation: identity.affiliation, orcid: identity.orcid })
    .where('submission_id', '=', coAuthoredId)
    .where('person_id', '=', person.id)
    .execute();
  await t.db
    .insertInto('decision')
    .values({
      submission_id: coAuthoredId,
      round: 1,
      outcome: 'minor_revision',
      letter: `Dear ${identity.name} and colleague, thank you for your paper.`,
      letter_subject: 'A decision on your paper',
    })
    .execute();

  // Reviewer: a submitted review of someone else's paper, and a place in the venue's lists.
  const other = await makePerson(t.db, 'author');
  const reviewed = await makeSentSubmission(t.db, {
    venueId: journal.journal.id,
    callId: journal.journalCallId,
    submitterId: other.id,
    title: 'Someone else’s paper',
  });
  reviewedAssignment = await makeAssignment(t.db, {
    submissionId: reviewed,
    reviewerId: person.id,
    reviewerNumber: 1,
    status: 'submitted',
  });
  await makeReview(t.db, {
    assignmentId: reviewedAssignment,
    scores: {},
    recommendation: 'accept',
    commentsToAuthor: 'A careful paper.',
    commentsToEditor: `Signed, ${identity.name}`,
  });
  await t.db
    .insertInto('reviewer_pool')
    .values({
      venue_id: journal.journal.id,
      person_id: person.id,
      employer: identity.affiliation,
      orcid: identity.orcid,
    })
    .execute();
  await t.db
    .insertInto('conflict')
    .values({ submission_id: reviewed, person_id: person.id, reason: 'declared', note: 'Knows the author' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await t.db
    .insertInto('role_grant')
    .values({ person_id: person.id, role: 'editor', venue_id: journal.journal.id })
    .execute();

  // Mail: one sent long ago (with their name in it), one held that must never go.
  await t.db
    .insertInto('email_message')
    .values([
      {
        to_address: identity.email,
        person_id: person.id,
        template: 'account.password_changed',
        subject: 'Your password was changed',
        text_body: `Dear ${identity.name}, your password was changed.`,
        html_body: `<p>Dear ${identity.name}</p>`,
        status: 'sent',
        delivered_at: new Date(),
      },
      {
        to_address: identity.email,
        person_id: person.id,
        template: 'reminder.overdue',
        subject: 'A review is overdue',
        text_body: `Dear ${identity.name}, a reminder.`,
        status: 'pending',
        send_after: new Date(Date.now() + 86_400_000),
      },
    ])
    .execute();

  chair = await signedIn(t.app, world.chair.email);
  rankingBefore = (await chair.get(rankingUrl())).json();

  smtp = await startSmtpServer();
  workers = await startWorkersFor(t, { smtpUrl: smtp.url });
}, 120_000);

afterAll(async () => {
  await workers?.stop();
  await smtp?.close();
  await t?.close();
});

describe('erasing a person', () => {
  it('finds every piece of their identity before the erasure (so the search below means something)', async () => {
    for (const value of [identity.name, identity.email, identity.affiliation, identity.orcid, identity.ip]) {
      expect((await placesHolding(value)).length, value).toBeGreaterThan(0);
    }
    expect(await filesHolding(identity.name)).toHaveLength(1);
    const harsh = rankingBefore.categories
      .flatMap((c) => c.entries.flatMap((e) => e.marks))
      .filter((m) => m.judge === identity.name);
    expect(harsh.length).toBeGreaterThan(0);
  });

  it('shows the person what will go and what will stay, with their counts', async () => {
    const response = await client.get('/api/me/erasure/preview');
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    const count = (list: Array<{ key: string; count: number | null }>, key: string) =>
      list.find((item) => item.key === key)?.count;
    expect(count(preview.goes, 'drafts')).toBe(1);
    expect(count(preview.goes, 'reviewerPools')).toBe(1);
    expect(count(preview.goes, 'roles')).toBe(1);
    expect(count(preview.stays, 'submittedWork')).toBe(1);
    expect(count(preview.stays, 'openAssignments')).toBe(1);
    expect(preview.request).toBeNull();
  });

  it('asks for the password, mails a link, and queues the erasure only once the link is confirmed', async () => {
    const asked = await client.post('/api/me/erasure', { password: TEST_PASSWORD });
    expect(asked.statusCode).toBe(202);
    requestId = asked.json().requestId;
    // The link, read from the message the SMTP server received.
    let body = '';
    await vi.waitFor(
      () => {
        const mail = smtp.received.find(
          (m) => m.envelopeTo.includes(identity.email) && m.body.includes('erasure/confirm'),
        );
        if (!mail) throw new Error('no confirmation mail yet');
        body = mail.body.replace(/=\r?\n/g, '');
      },
      { timeout: 60_000, interval: 200 },
    );
    const token = decodeURIComponent(
      body
        .match(/erasure\/confirm\?token=3D([^\s&"<]+)|erasure\/confirm\?token=([^\s&"<]+)/)!
        .slice(1)
        .find(Boolean)!,
    );
    const row = await t.db
      .selectFrom('subject_access_request')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('awaiting_confirmation');
    const confirmed = await client.post('/api/me/erasure/confirm', { token });
    expect(confirmed.statusCode).toBe(202);
    expect(confirmed.json().requestId).toBe(requestId);
    const queued = await t.db
      .selectFrom('subject_access_request')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(queued.status).toBe('queued');
    const job = await t.db
      .selectFrom('job_outbox')
      .select('payload')
      .where('job_name', '=', 'privacy.erase')
      .executeTakeFirstOrThrow();
    expect(job.payload).toEqual({ requestId });
    // Signed out at once.
    expect((await client.get('/api/me/profile')).statusCode).not.toBe(200);
  });

  it('erases: no trace of their identity in any column of any table or in any stored file', async () => {
    await erasePerson(deps, requestId);
    const request = await t.db
      .selectFrom('subject_access_request')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe('done');
    expect(request.progress).toBe(100);

    // The last message reached the old address, and then the mail log forgot that address too.
    await vi.waitFor(
      async () => {
        const done = await t.db
          .selectFrom('email_message')
          .select(['status', 'to_address'])
          .where('template', '=', 'privacy.erasure_done')
          .executeTakeFirstOrThrow();
        if (done.status !== 'sent' || done.to_address === identity.email) throw new Error('not delivered yet');
      },
      { timeout: 60_000, interval: 200 },
    );
    const last = smtp.received.find((m) => m.headers.get('subject') === 'Your account has been erased');
    expect(last?.envelopeTo).toContain(identity.email);
    expect(last?.body).not.toContain(identity.name);

    // The policy keeps none of these anywhere (not the co-authored paper, the review, the ranking).
    for (const value of Object.values(identity)) {
      expect(await placesHolding(value), value).toEqual([]);
      expect(await filesHolding(value), value).toEqual([]);
    }
  });

  it('deletes the draft of their own with its file, and keeps the co-authored paper with a tombstone author', async () => {
    expect(
      await t.db.selectFrom('submission').select('id').where('id', '=', draftId).executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await t.db.selectFrom('stored_file').select('sha256').where('sha256', '=', draftFile).executeTakeFirst(),
    ).toBeUndefined();
    const authors = await t.db
      .selectFrom('submission_author')
      .select(['name', 'email', 'person_id', 'affiliation', 'orcid'])
      .where('submission_id', '=', coAuthoredId)
      .orderBy('position')
      .execute();
    expect(authors).toHaveLength(2);
    expect(authors[1]).toMatchObject({ name: 'Erased author', affiliation: null, orcid: null, person_id: person.id });
    expect(authors[0]!.name).toBe('Test author');
    const letter = await t.db
      .selectFrom('decision')
      .select('letter')
      .where('submission_id', '=', coAuthoredId)
      .executeTakeFirstOrThrow();
    expect(letter.letter).toBe('Dear Erased author and colleague, thank you for your paper.');
    const review = await t.db
      .selectFrom('review')
      .select(['recommendation', 'comments_to_author'])
      .where('assignment_id', '=', reviewedAssignment)
      .executeTakeFirstOrThrow();
    expect(review).toEqual({ recommendation: 'accept', comments_to_author: 'A careful paper.' });
  });

  it('keeps the erased judge’s scores in the award ranking, and cancels the open assignment', async () => {
    const after: AwardRankingView = (await chair.get(rankingUrl())).json();
    const shape = (view: AwardRankingView) =>
      view.categories.map((c) =>
        c.entries.map((e) => [e.code, e.raw, e.calibrated, e.rank, e.marks.map((m) => m.score).sort()]),
      );
    expect(shape(after)).toEqual(shape(rankingBefore));
    const marksOf = (view: AwardRankingView, judge: string) =>
      view.categories.flatMap((c) => c.entries.flatMap((e) => e.marks)).filter((m) => m.judge === judge).length;
    expect(marksOf(after, 'Erased person')).toBe(marksOf(rankingBefore, identity.name));
    const owed = await t.db
      .selectFrom('assignment')
      .select(['status', 'cancel_reason'])
      .where('id', 'in', world.owed.P2!)
      .execute();
    expect(owed.map((a) => a.status)).toEqual(['cancelled']);
    const held = await t.db
      .selectFrom('email_message')
      .select('status')
      .where('template', '=', 'reminder.overdue')
      .executeTakeFirstOrThrow();
    expect(held.status).toBe('skipped');
  });

  it('leaves a tombstone that cannot sign in, and a log entry with counts only', async () => {
    const row = await t.db.selectFrom('person').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: 'Erased person',
      email: `erased-${person.id}@invalid`,
      password_hash: null,
      affiliation: null,
      orcid: null,
    });
    expect(row.erased_at).not.toBeNull();
    for (const email of [identity.email, row.email]) {
      const signIn = await new TestClient(t.app).post('/api/session/login', { email, password: TEST_PASSWORD });
      expect(signIn.statusCode).not.toBe(200);
    }
    const erased = await t.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'privacy.erased')
      .executeTakeFirstOrThrow();
    const details = erased.details as { removed: Record<string, number>; kept: Record<string, number> };
    expect(details.removed.drafts).toBe(1);
    expect(details.kept.submissions).toBe(1);
    expect(Object.values(details.removed).every((n) => typeof n === 'number')).toBe(true);
  });

  it('does nothing on a second run', async () => {
    const before = await snapshot();
    await erasePerson(deps, requestId);
    expect(await snapshot()).toEqual(before);
  });
});
