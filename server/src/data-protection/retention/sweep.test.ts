// The retention sweep on real data, planted on both sides of every boundary: a dry run lists what
// is due and changes nothing; the real run at the same moment deletes exactly that list (and no
// file is left without its row, nor a row without its file); a second run deletes nothing; the
// warning to a draft's author goes out over real SMTP, and opening the draft keeps it.
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LocalFileStore } from '@gaps/workers/shared';
import type { RunningWorkers } from '@gaps/workers/start-workers';
import { startSmtpServer, type TestSmtpServer } from '@gaps/workers/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AwardWorld,
  makeAwardWorld,
  makePersonNamed,
  putAwardResult,
} from '../../../test/award-entrant-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { finishCopyAsWorker, madeCopyResult } from '../../../test/factories.ts';
import { startWorkersFor } from '../../../test/workers.ts';
import { storeFile } from '../../blinding/blindness/fixture-steps.ts';
import { simplePdf } from '../../demo/simple-pdf.ts';
import type { DataProtectionDeps } from '../deps.ts';
import { type RetentionItem, runRetention } from './sweep.ts';

let t: TestApp;
let world: AwardWorld;
let deps: DataProtectionDeps;
const asOf = new Date();
const monthsAgo = (n: number) => {
  const at = new Date(asOf);
  at.setUTCMonth(at.getUTCMonth() - n);
  return at;
};
const daysAgo = (n: number) => new Date(asOf.getTime() - n * 86_400_000);
const daysAhead = (n: number) => new Date(asOf.getTime() + n * 86_400_000);

/** A PDF no other planted row has: each planted file is its own. */
const uniquePdf = (words: string) => simplePdf([[words, randomUUID()]]);

async function startDraft(client: TestClient, callId: string, title: string) {
  const started = await client.post('/api/submissions', { callId });
  if (started.statusCode !== 201) throw new Error(`start failed: ${started.body}`);
  const id: string = started.json().id;
  const saved = await client.patch(`/api/submissions/${id}`, {
    title,
    abstract: 'An essay about staying with not knowing.',
    keywords: ['practice'],
    ...(callId === world.awardCallId ? { categoryId: world.studentCategoryId } : {}),
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  const uploaded = await client.upload(`/api/submissions/${id}/manuscript`, 'essay.pdf', uniquePdf(title));
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  return id;
}

/** An award entry, sent, with its anonymised copy made (two files of its own) and an application form. */
async function sentEntry(title: string) {
  const entrant = await makePersonNamed(t.db, `Entrant ${title}`);
  const client = await signedIn(t.app, entrant.email);
  const id = await startDraft(client, world.awardCallId, title);
  const sent = await client.post(`/api/submissions/${id}/submit`);
  if (sent.statusCode !== 200) throw new Error(`submit failed: ${sent.body}`);
  const copy = await storeFile(t, uniquePdf(`Anonymised ${title}`));
  await finishCopyAsWorker(t.db, id, () => madeCopyResult(copy));
  await t.db
    .insertInto('application_form')
    .values({ submission_id: id, answers: JSON.stringify({ name: entrant.name }) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { id, entrant };
}

/** A draft last touched `touched`, warned at `notice` (or never). */
async function oldDraft(client: TestClient, title: string, touched: Date, notice: Date | null) {
  const id = await startDraft(client, world.journalCallId, title);
  await t.db
    .updateTable('submission')
    .set({ updated_at: touched, draft_deletion_notice_at: notice })
    .where('id', '=', id)
    .execute();
  await t.db.updateTable('manuscript_version').set({ uploaded_at: touched }).where('submission_id', '=', id).execute();
  return id;
}

async function plantMail(to: string, sentAt: Date, status = 'sent') {
  const row = await t.db
    .insertInto('email_message')
    .values({
      to_address: to,
      template: 'account.password_reset',
      subject: 'Choose a new password',
      text_body: `Dear someone, a planted body ${randomUUID()}`,
      html_body: '<p>a planted body</p>',
      status,
      created_at: sentAt,
      delivered_at: status === 'sent' ? sentAt : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function plantToken(table: 'session' | 'account_token', personId: string, expiresAt: Date) {
  const hash = randomUUID().replaceAll('-', '');
  if (table === 'session') {
    await t.db.insertInto('session').values({ token_hash: hash, person_id: personId, expires_at: expiresAt }).execute();
  } else {
    await t.db
      .insertInto('account_token')
      .values({ token_hash: hash, person_id: personId, purpose: 'reset_password', expires_at: expiresAt })
      .execute();
  }
  return hash;
}

/** Every file the data folder holds, by its hash. */
async function filesOnDisk(): Promise<string[]> {
  const root = path.join(t.dataDir, 'files', 'sha256');
  const found = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return found
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

async function expectFilesMatchRows() {
  const rows = (await t.db.selectFrom('stored_file').select('sha256').execute()).map((r) => r.sha256).sort();
  expect(await filesOnDisk()).toEqual(rows);
  const referenced = await sql<{ sha256: string }>`
    SELECT file_sha256 AS sha256 FROM manuscript_version
    UNION SELECT input_sha256 FROM review_copy UNION SELECT output_sha256 FROM review_copy WHERE output_sha256 IS NOT NULL
    UNION SELECT file_sha256 FROM traced_copy`.execute(t.db);
  for (const { sha256 } of referenced.rows) expect(rows).toContain(sha256);
}

const keys = (items: readonly RetentionItem[]) => items.map((item) => `${item.type}:${item.id}`).sort();

async function runRow(runId: string) {
  return t.db.selectFrom('retention_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

let planted: {
  lost13: Awaited<ReturnType<typeof sentEntry>>;
  lost11: Awaited<ReturnType<typeof sentEntry>>;
  winner13: Awaited<ReturnType<typeof sentEntry>>;
  mail7: string;
  mail5: string;
  pending7: string;
  expiredSession: string;
  liveSession: string;
  expiredToken: string;
  liveToken: string;
  expiredAuthorship: string;
  author: { id: string; email: string; name: string };
  authorClient: TestClient;
  warnDraft: string;
  deleteDraft: string;
  touchedDraft: string;
  recentDraft: string;
  waitingDraft: string;
  rewarnDraft: string;
  lost13Files: string[];
};

beforeAll(async () => {
  t = await buildTestApp();
  world = await makeAwardWorld(t.db);
  deps = {
    db: t.db,
    store: new LocalFileStore(t.dataDir),
    dataDir: t.dataDir,
    publicUrl: t.config.PUBLIC_URL,
    clock: () => asOf,
  };
  const lost13 = await sentEntry('Lost long ago');
  const lost11 = await sentEntry('Lost recently');
  const winner13 = await sentEntry('Won long ago');
  await putAwardResult(t.db, world, lost13.id, 'not_placed', monthsAgo(13));
  await putAwardResult(t.db, world, lost11.id, 'not_placed', monthsAgo(11));
  await putAwardResult(t.db, world, winner13.id, 'winner', monthsAgo(13));
  const lost13Files = (
    await sql<{ sha256: string }>`
      SELECT mv.file_sha256 AS sha256 FROM manuscript_version mv WHERE mv.submission_id = ${lost13.id}
      UNION SELECT rc.output_sha256 FROM review_copy rc JOIN manuscript_version mv ON mv.id = rc.manuscript_version_id
      WHERE mv.submission_id = ${lost13.id}`.execute(t.db)
  ).rows.map((r) => r.sha256);

  const author = await makePersonNamed(t.db, 'Dana Drafter');
  const authorClient = await signedIn(t.app, author.email);
  const authorRow = await t.db
    .selectFrom('submission_author')
    .select('id')
    .where('submission_id', '=', lost11.id)
    .executeTakeFirstOrThrow();
  const expiredAuthorship = randomUUID().replaceAll('-', '');
  await t.db
    .insertInto('authorship_token')
    .values([
      { token_hash: expiredAuthorship, submission_author_id: authorRow.id, expires_at: daysAgo(2) },
      { token_hash: randomUUID().replaceAll('-', ''), submission_author_id: authorRow.id, expires_at: daysAhead(2) },
    ])
    .execute();

  planted = {
    lost13,
    lost11,
    winner13,
    lost13Files,
    mail7: await plantMail(author.email, monthsAgo(7)),
    mail5: await plantMail(author.email, monthsAgo(5)),
    pending7: await plantMail(author.email, monthsAgo(7), 'pending'),
    expiredSession: await plantToken('session', author.id, daysAgo(1)),
    liveSession: await plantToken('session', author.id, daysAhead(1)),
    expiredToken: await plantToken('account_token', author.id, daysAgo(1)),
    liveToken: await plantToken('account_token', author.id, daysAhead(1)),
    expiredAuthorship,
    author,
    authorClient,
    warnDraft: await oldDraft(authorClient, 'Never finished', monthsAgo(19), null),
    deleteDraft: await oldDraft(authorClient, 'Warned and forgotten', monthsAgo(19), daysAgo(31)),
    touchedDraft: await oldDraft(authorClient, 'Warned then opened', monthsAgo(19), daysAgo(31)),
    recentDraft: await oldDraft(authorClient, 'Paused a while', monthsAgo(17), null),
    waitingDraft: await oldDraft(authorClient, 'Warned lately', monthsAgo(19), daysAgo(20)),
    // Warned long ago, changed after that warning, then left again: warned afresh, not deleted.
    rewarnDraft: await oldDraft(authorClient, 'Warned, changed, left again', monthsAgo(19), monthsAgo(20)),
  };
  // Touched after its warning: a new file uploaded ten days ago.
  await t.db
    .updateTable('manuscript_version')
    .set({ uploaded_at: daysAgo(10) })
    .where('submission_id', '=', planted.touchedDraft)
    .execute();
}, 120_000);

let smtp: TestSmtpServer | undefined;
let workers: RunningWorkers | undefined;
afterAll(async () => {
  await workers?.stop();
  await smtp?.close();
  await t?.close();
});

describe('the retention sweep', () => {
  let dryItems: RetentionItem[];

  it('lists exactly what is due in a dry run, and changes nothing', async () => {
    const before = await t.db.selectFrom('submission').select('id').orderBy('id').execute();
    const outboxBefore = await t.db.selectFrom('email_message').select('id').execute();
    const runId = await runRetention(deps, { dryRun: true, asOf, runBy: null });
    const run = await runRow(runId);
    expect(run.dry_run).toBe(true);
    dryItems = run.items as unknown as RetentionItem[];
    expect(keys(dryItems)).toEqual(
      [
        `award_entry:${planted.lost13.id}`,
        `mail_body:${planted.mail7}`,
        `session:${planted.expiredSession}`,
        `account_token:${planted.expiredToken}`,
        `authorship_token:${planted.expiredAuthorship}`,
        `draft:${planted.deleteDraft}`,
        `draft_notice:${planted.warnDraft}`,
        `draft_notice:${planted.rewarnDraft}`,
      ].sort(),
    );
    expect(run.counts).toEqual({
      unsuccessfulEntries: 1,
      entryFiles: 2,
      mailBodies: 1,
      sessions: 1,
      tokens: 2,
      drafts: 1,
      draftFiles: 1,
      draftNotices: 2,
    });
    // The admin's list names no one: not the entrant, nor the author, nor an address.
    const listed = JSON.stringify(dryItems);
    for (const secret of [
      planted.lost13.entrant.name,
      planted.lost13.entrant.email,
      planted.author.name,
      planted.author.email,
    ]) {
      expect(listed).not.toContain(secret);
    }
    expect(await t.db.selectFrom('submission').select('id').orderBy('id').execute()).toEqual(before);
    expect(await t.db.selectFrom('email_message').select('id').execute()).toHaveLength(outboxBefore.length);
    const mail = await t.db
      .selectFrom('email_message')
      .selectAll()
      .where('id', '=', planted.mail7)
      .executeTakeFirstOrThrow();
    expect(mail.body_removed_at).toBeNull();
    expect(
      await t.db.selectFrom('session').select('token_hash').where('token_hash', '=', planted.expiredSession).execute(),
    ).toHaveLength(1);
    expect(
      (
        await t.db
          .selectFrom('submission')
          .select('draft_deletion_notice_at')
          .where('id', '=', planted.warnDraft)
          .executeTakeFirstOrThrow()
      ).draft_deletion_notice_at,
    ).toBeNull();
    await expectFilesMatchRows();
  });

  it('deletes exactly the dry run’s list in a real run at the same moment, files included', async () => {
    const runId = await runRetention(deps, { dryRun: false, asOf, runBy: null });
    const run = await runRow(runId);
    expect(run.dry_run).toBe(false);
    expect(run.failure).toBeNull();
    expect(keys(run.items as unknown as RetentionItem[])).toEqual(keys(dryItems));

    const left = new Set((await t.db.selectFrom('submission').select('id').execute()).map((r) => r.id));
    expect(left.has(planted.lost13.id)).toBe(false);
    expect(left.has(planted.deleteDraft)).toBe(false);
    for (const kept of [
      planted.lost11.id,
      planted.winner13.id,
      planted.warnDraft,
      planted.rewarnDraft,
      planted.touchedDraft,
      planted.recentDraft,
      planted.waitingDraft,
    ]) {
      expect(left.has(kept)).toBe(true);
    }
    expect(
      await t.db
        .selectFrom('application_form')
        .select('submission_id')
        .where('submission_id', '=', planted.lost13.id)
        .execute(),
    ).toEqual([]);
    expect(
      await t.db
        .selectFrom('application_form')
        .select('submission_id')
        .where('submission_id', '=', planted.winner13.id)
        .execute(),
    ).toHaveLength(1);
    const onDisk = await filesOnDisk();
    for (const sha of planted.lost13Files) expect(onDisk).not.toContain(sha);
    await expectFilesMatchRows();

    const mail = await t.db
      .selectFrom('email_message')
      .select(['id', 'text_body', 'html_body', 'body_removed_at', 'to_address', 'subject'])
      .where('id', 'in', [planted.mail7, planted.mail5, planted.pending7])
      .execute();
    const byId = new Map(mail.map((m) => [m.id, m]));
    expect(byId.get(planted.mail7)).toMatchObject({
      text_body: '',
      html_body: null,
      body_removed_at: asOf,
      to_address: planted.author.email,
      subject: 'Choose a new password',
    });
    expect(byId.get(planted.mail5)!.text_body).toContain('a planted body');
    expect(byId.get(planted.pending7)!.text_body).toContain('a planted body');

    const sessions = (await t.db.selectFrom('session').select('token_hash').execute()).map((r) => r.token_hash);
    expect(sessions).not.toContain(planted.expiredSession);
    expect(sessions).toContain(planted.liveSession);
    const tokens = (await t.db.selectFrom('account_token').select('token_hash').execute()).map((r) => r.token_hash);
    expect(tokens).not.toContain(planted.expiredToken);
    expect(tokens).toContain(planted.liveToken);
    const authorship = await t.db.selectFrom('authorship_token').select('token_hash').execute();
    expect(authorship.map((r) => r.token_hash)).not.toContain(planted.expiredAuthorship);
    expect(authorship).toHaveLength(1);

    const drafts = await t.db
      .selectFrom('submission')
      .select(['id', 'draft_deletion_notice_at'])
      .where('id', 'in', [
        planted.warnDraft,
        planted.rewarnDraft,
        planted.touchedDraft,
        planted.waitingDraft,
        planted.recentDraft,
      ])
      .execute();
    const notice = new Map(drafts.map((d) => [d.id, d.draft_deletion_notice_at]));
    expect(notice.get(planted.warnDraft)).toEqual(asOf);
    expect(notice.get(planted.rewarnDraft)).toEqual(asOf);
    expect(notice.get(planted.touchedDraft)).toEqual(daysAgo(31));
    expect(notice.get(planted.waitingDraft)).toEqual(daysAgo(20));
    expect(notice.get(planted.recentDraft)).toBeNull();
    const warning = await t.db
      .selectFrom('email_message')
      .selectAll()
      .where('template', '=', 'retention.draft_deletion_notice')
      .orderBy('text_body')
      .execute();
    expect(warning.map((w) => w.to_address)).toEqual([planted.author.email, planted.author.email]);
    expect(warning.map((w) => w.text_body.match(/Title: (.*)/)?.[1]).sort()).toEqual([
      'Never finished',
      'Warned, changed, left again',
    ]);

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'system_actor', 'details'])
      .where('object_id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'retention.swept',
      system_actor: 'retention_sweep',
      details: { counts: { unsuccessfulEntries: 1, mailBodies: 1, sessions: 1, tokens: 2, drafts: 1 } },
    });
  });

  it('deletes nothing on a second run at the same moment', async () => {
    const dry = await runRow(await runRetention(deps, { dryRun: true, asOf, runBy: null }));
    expect(dry.items).toEqual([]);
    const before = await t.db.selectFrom('submission').select('id').orderBy('id').execute();
    const run = await runRow(await runRetention(deps, { dryRun: false, asOf, runBy: null }));
    expect(run.items).toEqual([]);
    expect(await t.db.selectFrom('submission').select('id').orderBy('id').execute()).toEqual(before);
    expect(
      await t.db
        .selectFrom('email_message')
        .select('id')
        .where('template', '=', 'retention.draft_deletion_notice')
        .execute(),
    ).toHaveLength(2);
    await expectFilesMatchRows();
  });

  it('sends the warning over SMTP, and the author opening the draft keeps it', async () => {
    // The planted entries' PDF jobs are not the subject here: only the mail goes to the workers.
    await t.db.updateTable('job_outbox').set({ relayed_at: new Date() }).where('job_name', '<>', 'mail.send').execute();
    smtp = await startSmtpServer();
    workers = await startWorkersFor(t, { smtpUrl: smtp.url });
    await vi.waitFor(
      () => {
        const delivered = smtp!.received.filter((m) => m.envelopeTo.includes(planted.author.email));
        if (delivered.length < 2) throw new Error(`${delivered.length} delivered so far`);
      },
      { timeout: 60_000, interval: 200 },
    );
    const warning = smtp.received.find(
      (m) => m.envelopeTo.includes(planted.author.email) && m.body.includes('Never finished'),
    )!;
    expect(warning.headers.get('subject')).toBe('Your unfinished draft will be deleted in 30 days unless you open it');
    expect(warning.body).toContain('Never finished');
    expect(warning.body).toContain(`/submissions/${planted.warnDraft}`);

    const opened = await planted.authorClient.get(`/api/submissions/${planted.warnDraft}`);
    expect(opened.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('submission')
      .select(['draft_deletion_notice_at', 'updated_at'])
      .where('id', '=', planted.warnDraft)
      .executeTakeFirstOrThrow();
    expect(row.draft_deletion_notice_at).toBeNull();
    // Thirty-one days on, the opened draft is neither deleted nor warned again; the ones warned
    // lately, or by this run, and never opened since are now due.
    const later = new Date(asOf.getTime() + 31 * 86_400_000);
    const due = (await runRow(await runRetention(deps, { dryRun: true, asOf: later, runBy: null })))
      .items as unknown as RetentionItem[];
    expect(due.map((item) => item.id)).not.toContain(planted.warnDraft);
    expect(keys(due.filter((item) => item.type === 'draft'))).toEqual(
      [`draft:${planted.waitingDraft}`, `draft:${planted.rewarnDraft}`].sort(),
    );
  }, 90_000);
});
