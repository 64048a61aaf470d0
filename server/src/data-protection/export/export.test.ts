// A person's copy of their data, end to end on a real database: asked for through the API (a row in
// the subject-access log and a job in the outbox), built by the privacy.export job, opened as a ZIP.
// Planted around the person: a co-author, a reviewer of their work and an unrelated entrant, each
// with strings of their own that must never reach the ZIP.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { LocalFileStore } from '@gaps/workers/shared';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { makeCall } from '../../../test/factories.ts';
import { grantRole, insertPerson } from '../../accounts/person.repository.ts';
import { recordAudit } from '../../audit/events.ts';
import { makeVenueOf, storeFile } from '../../blinding/blindness/fixture-steps.ts';
import { simplePdf } from '../../demo/simple-pdf.ts';
import type { DataProtectionDeps } from '../deps.ts';
import { runPrivacyJob } from '../jobs.ts';
import { runRetention } from '../retention/sweep.ts';
import { exportFilePath } from './build-export.ts';
import { deleteExpiredExports } from './delete-expired.ts';

let t: TestApp;
let deps: DataProtectionDeps;
let petra: { id: string; email: string; client: TestClient };
let other: TestClient;
let admin: TestClient;

// Strings only other people's rows hold: none may appear anywhere in the ZIP.
const secrets = {
  coAuthorEmail: 'cora.coauthor@elsewhere.example.org',
  coAuthorAffiliation: 'Coras Own Institute of Secrets',
  coAuthorForm: 'CORA-FORM-ANSWER-7731',
  reviewerName: 'Rex Hiddenreviewer',
  reviewerEmail: 'rex.hiddenreviewer@example.org',
  reviewerConfidential: 'REX-CONFIDENTIAL-TO-EDITOR-5521',
  entrantName: 'Uma Unrelatedentrant',
  entrantEmail: 'uma.unrelated@example.org',
  entrantForm: 'UMA-FORM-ANSWER-9912',
  adminName: 'Ada Staffmember',
  adminIp: '198.51.100.77',
};
const coAuthorName = 'Cora Coauthor';
const version1 = simplePdf([['Petra draft one', randomUUID()]]);
const version2 = simplePdf([['Petra draft two, revised', randomUUID()]]);

async function plantSubmission(facts: {
  venueId: string;
  callId: string;
  submitterId: string;
  title: string;
  code: string;
  number: number;
}) {
  return (
    await t.db
      .insertInto('submission')
      .values({
        venue_id: facts.venueId,
        call_id: facts.callId,
        submitter_id: facts.submitterId,
        title: facts.title,
        abstract: `Abstract of ${facts.title}`,
        keywords: ['practice'],
        status: 'decided',
        code: facts.code,
        code_year: 2026,
        code_number: facts.number,
        submitted_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function plantAssignment(submissionId: string, reviewerId: string, number: number) {
  return (
    await t.db
      .insertInto('assignment')
      .values({
        submission_id: submissionId,
        reviewer_id: reviewerId,
        reviewer_number: number,
        round: 1,
        status: 'submitted',
        submitted_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  t = await buildTestApp();
  deps = {
    db: t.db,
    store: new LocalFileStore(t.dataDir),
    dataDir: t.dataDir,
    publicUrl: t.config.PUBLIC_URL,
    clock: () => new Date(),
  };
  const { venueId, rubricId } = await makeVenueOf(t, 'journal');
  const callId = await makeCall(t.db, venueId, { rubricId });
  const petraId = await insertPerson(t.db, {
    email: 'petra.planted@example.org',
    name: 'Petra Planted',
    password: 'correct horse battery',
  });
  await t.db
    .updateTable('person')
    .set({ affiliation: 'Planted University', orcid: '0000-0002-1825-0097', email_verified_at: new Date() })
    .where('id', '=', petraId)
    .execute();
  petra = {
    id: petraId,
    email: 'petra.planted@example.org',
    client: await signedIn(t.app, 'petra.planted@example.org'),
  };
  const cora = await insertPerson(t.db, { email: secrets.coAuthorEmail, name: coAuthorName, password: 'x'.repeat(12) });
  const rex = await insertPerson(t.db, {
    email: secrets.reviewerEmail,
    name: secrets.reviewerName,
    password: 'x'.repeat(12),
  });
  const uma = await insertPerson(t.db, {
    email: secrets.entrantEmail,
    name: secrets.entrantName,
    password: 'x'.repeat(12),
  });
  const adminId = await insertPerson(t.db, {
    email: 'ada.staff@example.org',
    name: secrets.adminName,
    password: 'correct horse battery',
  });
  await grantRole(t.db, adminId, 'admin');
  admin = await signedIn(t.app, 'ada.staff@example.org');
  other = await signedIn(t.app, (await makePerson(t.db)).email);

  // Petra's submission: two versions, her application form, Cora as co-author, Rex's review.
  const own = await plantSubmission({
    venueId,
    callId,
    submitterId: petraId,
    title: 'Staying with not knowing',
    code: 'JX-2026-001',
    number: 1,
  });
  await t.db
    .insertInto('submission_author')
    .values([
      { submission_id: own, person_id: petraId, name: 'Petra Planted', email: petra.email, position: 1 },
      {
        submission_id: own,
        person_id: cora,
        name: coAuthorName,
        email: secrets.coAuthorEmail,
        affiliation: secrets.coAuthorAffiliation,
        position: 2,
      },
    ])
    .execute();
  for (const [index, bytes] of [version1, version2].entries()) {
    await t.db
      .insertInto('manuscript_version')
      .values({
        submission_id: own,
        round: index + 1,
        version_number: index + 1,
        file_sha256: await storeFile(t, bytes),
        uploaded_name: `staying-v${index + 1}.pdf`,
        uploaded_by: petraId,
      })
      .execute();
  }
  await t.db
    .insertInto('application_form')
    .values({ submission_id: own, answers: JSON.stringify({ statement: 'PETRA-FORM-ANSWER-1204' }) })
    .execute();
  const rexOnPetra = await plantAssignment(own, rex, 1);
  await t.db
    .insertInto('review')
    .values({
      assignment_id: rexOnPetra,
      recommendation: 'minor_revision',
      comments_to_author: 'REX-TO-AUTHORS-3310: say more about supervision.',
      comments_to_editor: secrets.reviewerConfidential,
      submitted_at: new Date(),
    })
    .execute();
  const letter = await t.db
    .insertInto('email_message')
    .values({
      to_address: petra.email,
      person_id: petraId,
      template: 'decision.letter',
      subject: 'Decision on JX-2026-001',
      text_body: 'Reviewer 1\n\nREX-TO-AUTHORS-3310: say more about supervision.',
      status: 'sent',
      delivered_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('decision')
    .values({
      submission_id: own,
      round: 1,
      outcome: 'minor_revision',
      letter_subject: 'Decision on JX-2026-001',
      letter: 'Reviewer 1\n\nREX-TO-AUTHORS-3310: say more about supervision.',
      email_message_id: letter.id,
      decided_by: adminId,
    })
    .execute();

  // Cora's own submission with her form; Uma's unrelated one, which Petra reviewed.
  const coras = await plantSubmission({
    venueId,
    callId,
    submitterId: cora,
    title: 'Cora alone',
    code: 'JX-2026-002',
    number: 2,
  });
  await t.db
    .insertInto('application_form')
    .values({ submission_id: coras, answers: JSON.stringify({ statement: secrets.coAuthorForm }) })
    .execute();
  const umas = await plantSubmission({
    venueId,
    callId,
    submitterId: uma,
    title: 'A reviewed essay',
    code: 'JX-2026-003',
    number: 3,
  });
  await t.db
    .insertInto('submission_author')
    .values({
      submission_id: umas,
      person_id: uma,
      name: secrets.entrantName,
      email: secrets.entrantEmail,
      position: 1,
    })
    .execute();
  await t.db
    .insertInto('application_form')
    .values({ submission_id: umas, answers: JSON.stringify({ statement: secrets.entrantForm }) })
    .execute();
  const petraOnUma = await plantAssignment(umas, petraId, 2);
  const petraReview = await t.db
    .insertInto('review')
    .values({
      assignment_id: petraOnUma,
      recommendation: 'accept',
      comments_to_author: 'PETRA-REVIEW-TEXT-4410',
      comments_to_editor: 'PETRA-OWN-CONFIDENTIAL-8820',
      submitted_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criterion = await t.db
    .selectFrom('rubric_criterion')
    .select('id')
    .where('rubric_id', '=', rubricId)
    .where('label', '=', 'Use of theory')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('review_score')
    .values({ review_id: petraReview.id, criterion_id: criterion.id, score: 4 })
    .execute();

  await t.db
    .insertInto('email_message')
    .values({
      to_address: petra.email,
      person_id: petraId,
      template: 'account.verify_email',
      subject: 'Please confirm your e-mail address',
      text_body: 'PLANTED-MAIL-BODY-6650',
      status: 'sent',
      delivered_at: new Date(),
    })
    .execute();
  await recordAudit(
    t.db,
    { actorId: petraId, ip: '203.0.113.7', requestId: null },
    { action: 'account.profile_updated', objectType: 'person', objectId: petraId, details: { fields: ['orcid'] } },
  );
  await recordAudit(
    t.db,
    { actorId: adminId, ip: secrets.adminIp, requestId: null },
    { action: 'role.granted', objectType: 'person', objectId: petraId, details: { role: 'editor', venueId } },
  );
});

afterAll(async () => {
  await t?.close();
});

/** Runs the job the outbox holds for this request, as the privacy worker would. */
async function runQueuedJob(requestId: string) {
  const job = await t.db
    .selectFrom('job_outbox')
    .select(['queue', 'job_name', 'payload'])
    .where('job_id', '=', `privacy.export.${requestId}`)
    .executeTakeFirstOrThrow();
  expect(job).toMatchObject({ queue: 'privacy', job_name: 'privacy.export' });
  await runPrivacyJob(deps, job.job_name, job.payload);
}

function openZip(bytes: Buffer) {
  const entries = unzipSync(new Uint8Array(bytes));
  const text = (name: string) => new TextDecoder().decode(entries[name]);
  // Everything readable in the ZIP: its raw bytes (names, stored files) and every entry unpacked.
  const everything = Buffer.concat([bytes, ...Object.values(entries).map((entry) => Buffer.from(entry))]).toString(
    'latin1',
  );
  return { entries, text, json: (name: string) => JSON.parse(text(name)), everything };
}

describe('a copy of my data', () => {
  let exportId: string;

  it('is asked for, prepared by the job, and lists what is ready', async () => {
    const asked = await petra.client.post('/api/me/exports');
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      status: 'queued',
      progress: 0,
      step: 'Waiting to start',
      onRequestOf: 'self',
    });
    exportId = asked.json().id;
    // One at a time: a second press while it is queued is refused with words, and nothing is added.
    const again = await petra.client.post('/api/me/exports');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.message).toMatch(/already being prepared/);
    expect((await petra.client.get('/api/me/exports')).json().exports).toHaveLength(1);

    await runQueuedJob(exportId);
    const listed = (await petra.client.get('/api/me/exports')).json();
    expect(listed.exports).toEqual([
      expect.objectContaining({
        id: exportId,
        status: 'done',
        progress: 100,
        step: 'Ready to download',
        downloadable: true,
        fileName: `my-data-${new Date().toISOString().slice(0, 10)}.zip`,
      }),
    ]);
    const row = await t.db
      .selectFrom('subject_access_request')
      .select(['file_bytes', 'file_sha256', 'expires_at', 'completed_at'])
      .where('id', '=', exportId)
      .executeTakeFirstOrThrow();
    expect(row.expires_at!.getTime() - row.completed_at!.getTime()).toBe(7 * 86_400_000);
    expect(existsSync(exportFilePath(t.dataDir, exportId))).toBe(true);
    // The person is told by e-mail, with a link to their account page (signing in needed), no data.
    const mail = await t.db
      .selectFrom('email_message')
      .select(['to_address', 'subject', 'text_body'])
      .where('template', '=', 'privacy.export_ready')
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(petra.email);
    expect(mail.text_body).toContain(`${t.config.PUBLIC_URL}/account#your-data`);
    expect(mail.text_body).not.toContain('PETRA-FORM-ANSWER');
  });

  it('holds every planted datum, the files byte for byte, and nothing about anyone else', async () => {
    const download = await petra.client.get(`/api/me/exports/${exportId}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.zip"`,
    );
    const zip = openZip(download.rawPayload);
    expect(Object.keys(zip.entries).sort()).toEqual([
      'README.txt',
      'activity-log.json',
      'emails-sent-to-you.json',
      'files/JX-2026-001/version-1.pdf',
      'files/JX-2026-001/version-2.pdf',
      'profile.json',
      'reviews-you-wrote.json',
      'submissions.json',
    ]);
    expect(Buffer.from(zip.entries['files/JX-2026-001/version-1.pdf']!).equals(version1)).toBe(true);
    expect(Buffer.from(zip.entries['files/JX-2026-001/version-2.pdf']!).equals(version2)).toBe(true);

    const profile = zip.json('profile.json');
    expect(profile.account).toMatchObject({
      name: 'Petra Planted',
      email: petra.email,
      affiliation: 'Planted University',
      orcid: '0000-0002-1825-0097',
    });
    expect(profile.signIns.length).toBeGreaterThan(0);

    const [submission] = zip.json('submissions.json');
    expect(submission).toMatchObject({
      reference: 'JX-2026-001',
      title: 'Staying with not knowing',
      youSentIt: true,
      authors: [
        { position: 1, name: 'Petra Planted', you: true },
        { position: 2, name: coAuthorName, you: false },
      ],
      yourAuthorDetails: { email: petra.email },
      applicationForm: { answers: { statement: 'PETRA-FORM-ANSWER-1204' } },
      reviewsOfYourWork: [
        { reviewer: 'Reviewer 1', round: 1, commentsToAuthors: 'REX-TO-AUTHORS-3310: say more about supervision.' },
      ],
    });
    expect(submission.versions.map((v: { file: string }) => v.file)).toEqual([
      'files/JX-2026-001/version-1.pdf',
      'files/JX-2026-001/version-2.pdf',
    ]);
    expect(submission.decisions).toHaveLength(1);
    expect(zip.json('submissions.json')).toHaveLength(1);

    expect(zip.json('reviews-you-wrote.json')).toEqual([
      expect.objectContaining({
        submission: { reference: 'JX-2026-003', title: 'A reviewed essay' },
        youWere: 'Reviewer 2',
        recommendation: 'accept',
        commentsToAuthors: 'PETRA-REVIEW-TEXT-4410',
        confidentialCommentsToEditors: 'PETRA-OWN-CONFIDENTIAL-8820',
        scores: [{ criterion: 'Use of theory', score: 4, outOf: '1 to 5' }],
      }),
    ]);
    const mail = zip.json('emails-sent-to-you.json');
    expect(mail.map((m: { text: string }) => m.text)).toContain('PLANTED-MAIL-BODY-6650');

    const activity = zip.json('activity-log.json');
    expect(activity).toContainEqual(
      expect.objectContaining({ action: 'account.profile_updated', by: 'you', ipAddress: '203.0.113.7' }),
    );
    expect(activity).toContainEqual(
      expect.objectContaining({ action: 'role.granted', by: 'a member of staff', ipAddress: null }),
    );
    expect(zip.text('README.txt')).toMatch(/submissions\.json\n {2}Every submission/);

    expect(zip.everything).toContain(coAuthorName);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(zip.everything.includes(secret), `${what} (${secret}) is in the ZIP`).toBe(false);
    }
    // The download is in the audit log.
    const downloaded = await t.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'privacy.export_downloaded')
      .executeTakeFirstOrThrow();
    expect(downloaded.details).toEqual({ requestId: exportId, onRequestOf: 'self' });
  });

  it('answers 404 to anyone else, on the person’s route and the admins’', async () => {
    const stranger = await other.get(`/api/me/exports/${exportId}/download`);
    expect(stranger.statusCode).toBe(404);
    expect((await other.get('/api/me/exports')).json().exports).toEqual([]);
    const otherId = (
      await t.db.selectFrom('person').select('id').where('name', '=', coAuthorName).executeTakeFirstOrThrow()
    ).id;
    expect((await admin.get(`/api/admin/people/${otherId}/exports/${exportId}/download`)).statusCode).toBe(404);
    // Signed out: no file.
    expect((await t.app.inject({ method: 'GET', url: `/api/me/exports/${exportId}/download` })).statusCode).toBe(401);
  });

  it('lets an admin prepare and download a copy on the person’s behalf, shown in the subject-access log', async () => {
    expect((await petra.client.post(`/api/admin/people/${petra.id}/exports`)).statusCode).toBe(404);
    const asked = await admin.post(`/api/admin/people/${petra.id}/exports`);
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ onRequestOf: 'admin', status: 'queued' });
    const id: string = asked.json().id;
    await runQueuedJob(id);
    const listed = (await admin.get(`/api/admin/people/${petra.id}/exports`)).json().exports;
    expect(listed[0]).toMatchObject({ id, status: 'done' });
    const download = await admin.get(`/api/admin/exports/${id}/download`);
    expect(download.statusCode).toBe(200);
    expect(unzipSync(new Uint8Array(download.rawPayload))['profile.json']).toBeDefined();
    // Only the one the person asked for sent them an e-mail.
    expect(
      await t.db.selectFrom('email_message').select('id').where('template', '=', 'privacy.export_ready').execute(),
    ).toHaveLength(1);
    const log = (await admin.get('/api/admin/privacy/requests?kind=export')).json();
    expect(log.entries).toContainEqual(
      expect.objectContaining({
        id,
        onRequestOf: 'admin',
        status: 'done',
        timeliness: 'in_time',
        person: expect.objectContaining({ id: petra.id }),
        requestedBy: expect.objectContaining({ name: secrets.adminName }),
      }),
    );
  });

  it('refuses more than three in a day with a message that says when to ask again', async () => {
    const second = await petra.client.post('/api/me/exports');
    expect(second.statusCode).toBe(201);
    await runQueuedJob(second.json().id);
    const third = await petra.client.post('/api/me/exports');
    expect(third.statusCode).toBe(201);
    await runQueuedJob(third.json().id);
    const before = await t.db.selectFrom('subject_access_request').select('id').execute();
    const fourth = await petra.client.post('/api/me/exports');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.message).toMatch(/3 copies of your data in the last 24 hours.*ask again after/);
    expect(await t.db.selectFrom('subject_access_request').select('id').execute()).toHaveLength(before.length);
  });

  it('answers 410 after expiry, and the sweep deletes the file and marks the request', async () => {
    const sevenDaysOn = new Date(Date.now() + 7 * 86_400_000 + 60_000);
    t.setNow(sevenDaysOn);
    try {
      const gone = await petra.client.get(`/api/me/exports/${exportId}/download`);
      expect(gone.statusCode).toBe(410);
      expect(gone.json().error.message).toMatch(/deleted .*7 days.*Ask for a new copy/);
      expect((await petra.client.get('/api/me/exports')).json().exports.at(-1)).toMatchObject({
        id: exportId,
        status: 'expired',
        downloadable: false,
      });
    } finally {
      t.setNow(null);
    }
    const path = exportFilePath(t.dataDir, exportId);
    expect(existsSync(path)).toBe(true);
    // Not yet due: nothing deleted.
    expect(await deleteExpiredExports(deps, new Date())).toBe(0);
    // The retention sweep's real run deletes what is due.
    await runRetention({ ...deps, clock: () => sevenDaysOn }, { dryRun: false, asOf: sevenDaysOn, runBy: null });
    expect(existsSync(path)).toBe(false);
    const row = await t.db
      .selectFrom('subject_access_request')
      .select(['status', 'file_deleted_at'])
      .where('id', '=', exportId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'expired', file_deleted_at: sevenDaysOn });
    // Still answered in time in the subject-access log: the file went, the answer stands.
    const log = (await admin.get('/api/admin/privacy/requests?kind=export')).json();
    expect(log.entries).toContainEqual(
      expect.objectContaining({ id: exportId, status: 'expired', timeliness: 'in_time' }),
    );
    const gone = await petra.client.get(`/api/me/exports/${exportId}/download`);
    expect(gone.statusCode).toBe(410);
    expect(await deleteExpiredExports(deps, sevenDaysOn)).toBe(0);
  });

  it('marks a failed job with a plain message and leaves no file behind', async () => {
    const person = await makePerson(t.db);
    const client = await signedIn(t.app, person.email);
    const asked = (await client.post('/api/me/exports')).json();
    // A manuscript whose bytes are gone from disk reads as an error mid-ZIP.
    const brokenStore = Object.create(deps.store) as LocalFileStore;
    brokenStore.exists = async () => true;
    const { venueId } = await makeVenueOf(t, 'journal');
    const callId = await makeCall(t.db, venueId);
    const id = await plantSubmission({
      venueId,
      callId,
      submitterId: person.id,
      title: 'Lost file',
      code: 'JX-2026-099',
      number: 99,
    });
    const sha = await storeFile(t, simplePdf([['to be lost', randomUUID()]]));
    await t.db
      .insertInto('manuscript_version')
      .values({
        submission_id: id,
        round: 1,
        version_number: 1,
        file_sha256: sha,
        uploaded_name: 'x.pdf',
        uploaded_by: person.id,
      })
      .execute();
    await deps.store.remove(sha);
    await expect(
      runPrivacyJob({ ...deps, store: brokenStore }, 'privacy.export', { requestId: asked.id }),
    ).rejects.toThrow(/failed/);
    const listed = (await client.get('/api/me/exports')).json().exports;
    expect(listed[0]).toMatchObject({
      status: 'failed',
      downloadable: false,
      step: expect.stringMatching(/ask for a new copy/i),
    });
    expect(existsSync(exportFilePath(t.dataDir, asked.id))).toBe(false);
    expect(existsSync(`${exportFilePath(t.dataDir, asked.id)}.part`)).toBe(false);
    expect((await client.get(`/api/me/exports/${asked.id}/download`)).statusCode).toBe(409);
  });
});
