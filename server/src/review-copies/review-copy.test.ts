// The editor's screening gate: a submission reaches reviewers only through a ready copy, or a
// copy the editor released after reading the identity report; else it goes back to the author.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import {
  finishCopyAsWorker,
  madeCopyResult,
  makeCall,
  makeCompleteDraft,
  nameFindings,
  refusedCopyResult,
  samplePdf,
} from '../../test/factories.ts';
import type { LeakReport } from './review-copy.repository.ts';

let t: TestApp;
let callId: string;
let author: TestClient;
let editor: TestClient;
let authorEmail: string;
let editorEmail: string;
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  callId = await makeCall(t.db, venue.id);
  authorEmail = (await makePerson(t.db, 'author')).email;
  editorEmail = (await makePerson(t.db, 'editor')).email;
  author = await signedIn(t.app, authorEmail);
  editor = await signedIn(t.app, editorEmail);
});
afterAll(async () => {
  await t.close();
});

async function submitted() {
  const id = await makeCompleteDraft(author, callId);
  await author.post(`/api/submissions/${id}/submit`);
  return id;
}

/** The copy as the worker would leave it: made (flagged or not) or refused. */
const made =
  (report: Partial<LeakReport> = {}) =>
  (copy: { inputSha256: string }) =>
    madeCopyResult(copy.inputSha256, report);
const flagged = (findings: number, leaksInCopy: string[] = []) =>
  made({ findings: nameFindings(findings), leaksInCopy });
const finishCopy = (submissionId: string, result: Parameters<typeof finishCopyAsWorker>[2]) =>
  finishCopyAsWorker(t.db, submissionId, result);

describe('review copies', () => {
  it('are requested in the submit transaction, through the outbox', async () => {
    const id = await submitted();
    const view = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(view.reviewCopy).toMatchObject({ status: 'queued', versionNumber: 1 });
    const copy = await t.db
      .selectFrom('review_copy')
      .select('id')
      .where('status', '=', 'queued')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const job = await t.db
      .selectFrom('job_outbox')
      .select(['job_name', 'job_id'])
      .where('payload', '@>', JSON.stringify({ reviewCopyId: copy.id }))
      .executeTakeFirstOrThrow();
    expect(job.job_name).toBe('pdf.review_copy');
    expect(job.job_id).toMatch(/^pdf\.review_copy\.[0-9a-f-]{36}\.p1$/);
  });

  it('shows the leak report to the editor only', async () => {
    const id = await submitted();
    await finishCopy(id, flagged(2));
    const asAuthor = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(asAuthor.reviewCopy.status).toBe('needs_attention');
    expect(asAuthor.reviewCopy).not.toHaveProperty('leakReport');
    const asEditor = (await editor.get(`/api/submissions/${id}`)).json().submission;
    expect(asEditor.reviewCopy.leakReport.findings).toHaveLength(2);
    expect(asEditor.reviewCopy.releasable).toBe(false);
  });

  it('keeps a submission from review until the copy is ready or released', async () => {
    const id = await submitted();
    await editor.post(`/api/submissions/${id}/status`, { to: 'screening' });
    const early = await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('review_copy_not_ready');

    await finishCopy(id, flagged(1));
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' })).statusCode).toBe(409);
    expect((await editor.post(`/api/submissions/${id}/review-copy/release`)).statusCode).toBe(200);
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' })).statusCode).toBe(200);
    const timeline = (await author.get(`/api/submissions/${id}`)).json().submission.timeline;
    expect(timeline.map((e: { what: string }) => e.what)).toContain(
      'Anonymised copy released for review by the editor',
    );
  });

  it('never releases a copy that still contains the identity', async () => {
    const id = await submitted();
    await finishCopy(id, flagged(0, ['Test author']));
    const release = await editor.post(`/api/submissions/${id}/review-copy/release`);
    expect(release.statusCode).toBe(409);
    expect(release.json().error.code).toBe('identity_in_copy');
  });

  it('returns a submission to its author with the findings, who uploads a new file and sends it again', async () => {
    const id = await submitted();
    await finishCopy(id, flagged(1));
    const returned = await editor.post(`/api/submissions/${id}/return-to-author`, {
      message: 'Please remove your name from page 1.',
    });
    expect(returned.statusCode).toBe(200);
    const mail = await t.db
      .selectFrom('email_message')
      .select('text_body')
      .where('template', '=', 'submission.return_for_anonymisation')
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain('page 1: "Test author"');
    expect(mail.text_body).toContain('Please remove your name from page 1.');

    const view = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(view.status).toBe('revision_requested');
    const code = view.code;
    expect((await author.upload(`/api/submissions/${id}/manuscript`, 'anonymised.pdf', samplePdf())).statusCode).toBe(
      201,
    );
    const again = await author.post(`/api/submissions/${id}/submit`);
    expect(again.statusCode).toBe(200);
    expect(again.json().submission).toMatchObject({ status: 'submitted', code });
    expect(again.json().submission.reviewCopy).toMatchObject({ status: 'queued', versionNumber: 2 });
  });

  it('lets the author replace a file that could not be processed, and tells them why', async () => {
    const id = await submitted();
    await finishCopy(id, () =>
      refusedCopyResult('This PDF is password-protected. Please upload a copy without a password.'),
    );
    const view = (await author.get(`/api/submissions/${id}`)).json().submission;
    expect(view.reviewCopy.failureReason).toMatch(/password-protected/);
    expect((await author.upload(`/api/submissions/${id}/manuscript`, 'fixed.pdf', samplePdf())).statusCode).toBe(201);
    expect((await author.get(`/api/submissions/${id}`)).json().submission.reviewCopy).toMatchObject({
      status: 'queued',
      versionNumber: 2,
    });
    // A healthy sent submission keeps its file.
    const other = await submitted();
    expect((await author.upload(`/api/submissions/${other}/manuscript`, 'x.pdf', samplePdf())).statusCode).toBe(409);
  });

  it('serves the review copy under the code, never the original name', async () => {
    const id = await submitted();
    await finishCopy(id, made());
    const file = await editor.get(`/api/submissions/${id}/review-copy/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/filename="V[A-Z]{4}-\d{4}-\d{4}-review-copy\.pdf"/);
  });

  it('audits every move of the copy in its state machine, the worker under its system name', async () => {
    const id = await submitted();
    const copyId = await finishCopy(id, flagged(1));
    expect((await editor.post(`/api/submissions/${id}/review-copy/release`)).statusCode).toBe(200);
    // A duplicate delivery of the job finds the copy finished and changes nothing.
    await finishCopy(id, made());
    const events = await t.db
      .selectFrom('audit_event')
      .leftJoin('person', 'person.id', 'audit_event.actor_id')
      .select(['audit_event.action', 'audit_event.system_actor', 'person.email', 'audit_event.details'])
      .where('audit_event.object_id', '=', id)
      .where('audit_event.action', 'like', 'review\\_copy.%')
      .orderBy('audit_event.id')
      .execute();
    expect(events.map((e) => [e.action, e.email ?? e.system_actor, e.details])).toEqual([
      ['review_copy.requested', authorEmail, { reviewCopyId: copyId, manuscriptVersionId: expect.any(String) }],
      [
        'review_copy.status_changed',
        'review_copy_worker',
        { reviewCopyId: copyId, from: 'queued', to: 'processing', attempt: 1 },
      ],
      [
        'review_copy.status_changed',
        'review_copy_worker',
        { reviewCopyId: copyId, from: 'processing', to: 'needs_attention' },
      ],
      ['review_copy.released', editorEmail, { reviewCopyId: copyId, findings: 1 }],
    ]);
    const row = await t.db
      .selectFrom('review_copy')
      .select('status')
      .where('id', '=', copyId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('needs_attention');
  });
});
