// The editor's screening gate: a submission reaches reviewers only through a ready copy, or a
// copy the editor released after reading the identity report; else it goes back to the author.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';

let t: TestApp;
let callId: string;
let author: TestClient;
let editor: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  const venue = await makeVenue(t.db);
  callId = await makeCall(t.db, venue.id);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

async function submitted() {
  const id = await makeCompleteDraft(author, callId);
  await author.post(`/api/submissions/${id}/submit`);
  return id;
}

/** What the worker would write; the worker itself is tested in workers/. */
async function finishCopy(
  submissionId: string,
  status: 'ready' | 'needs_attention' | 'failed',
  report: object | null = null,
) {
  const copy = await t.db
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .select(['review_copy.id', 'review_copy.input_sha256'])
    .where('manuscript_version.submission_id', '=', submissionId)
    .orderBy('manuscript_version.version_number', 'desc')
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable('review_copy')
    .set({
      status,
      output_sha256: status === 'failed' ? null : copy.input_sha256,
      failure_reason:
        status === 'failed' ? 'This PDF is password-protected. Please upload a copy without a password.' : null,
      leak_report: report ? JSON.stringify(report) : null,
      page_count: 1,
      word_count: 12,
    })
    .where('id', '=', copy.id)
    .execute();
}

const report = (findings: number, leaksInCopy: string[] = []) => ({
  findings: Array.from({ length: findings }, () => ({
    kind: 'name',
    page: 1,
    text: 'Test author',
    context: '… by Test author …',
  })),
  overWordLimit: false,
  overPageLimit: false,
  leaksInCopy,
});

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
    await finishCopy(id, 'needs_attention', report(2));
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

    await finishCopy(id, 'needs_attention', report(1));
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
    await finishCopy(id, 'needs_attention', report(0, ['Test author']));
    const release = await editor.post(`/api/submissions/${id}/review-copy/release`);
    expect(release.statusCode).toBe(409);
    expect(release.json().error.code).toBe('identity_in_copy');
  });

  it('returns a submission to its author with the findings, who uploads a new file and sends it again', async () => {
    const id = await submitted();
    await finishCopy(id, 'needs_attention', report(1));
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
    await finishCopy(id, 'failed');
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
    await finishCopy(id, 'ready');
    const file = await editor.get(`/api/submissions/${id}/review-copy/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/filename="V[A-Z]{4}-\d{4}-\d{4}-review-copy\.pdf"/);
  });
});
