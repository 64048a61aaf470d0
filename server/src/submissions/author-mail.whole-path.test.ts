// The e-mails the pages promise, as they leave the system: the app writes them to the outbox in
// the state change's transaction, the relay and the real mail worker send them over SMTP to a
// server in this process, and the co-author follows the link in the message as received.
import type { RunningWorkers } from '@gaps/workers/start-workers';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '@gaps/workers/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';
import { startWorkersFor } from '../../test/workers.ts';

let t: TestApp;
let smtp: TestSmtpServer;
let workers: RunningWorkers;
beforeAll(async () => {
  t = await buildTestApp();
  smtp = await startSmtpServer();
  workers = await startWorkersFor(t, { smtpUrl: smtp.url });
});
afterAll(async () => {
  await workers?.stop();
  await smtp?.close();
  await t?.close();
});

/** The message to `to` whose subject has `words`, once the worker has sent it. */
const received = (to: string, words: string) =>
  vi.waitFor(
    () => {
      const mail = smtp.received.find((m) => m.envelopeTo.includes(to) && m.headers.get('subject')?.includes(words));
      if (!mail) throw new Error(`no mail to ${to} about "${words}" yet`);
      return mail;
    },
    { timeout: 90_000, interval: 200 },
  );
const linkIn = (mail: ReceivedMail, page: string) => {
  const match = mail.body.match(new RegExp(`http://localhost:3000/${page}\\?token=(\\S+)`));
  if (!match) throw new Error(`no ${page} link in ${mail.body}`);
  return decodeURIComponent(match[1]!);
};

describe('the e-mails to authors, sent by the real workers', () => {
  it('a receipt, a copy for the co-author whose link confirms, the news of review and of a rejection', async () => {
    const callId = await makeCall(t.db, (await makeVenue(t.db)).id);
    const submitter = await makePerson(t.db, 'author');
    const author = await signedIn(t.app, submitter.email);
    const editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    const coAuthorEmail = 'co.author@example.org';
    const authors = [
      { name: 'Test author', email: submitter.email, affiliation: 'University of Nowhere' },
      { name: 'Cora Author', email: coAuthorEmail, affiliation: 'University of Somewhere' },
    ];

    const id = await makeCompleteDraft(author, callId, { authors });
    const sent = await author.post(`/api/submissions/${id}/submit`);
    expect(sent.statusCode).toBe(200);
    const code: string = sent.json().submission.code;

    const receipt = await received(submitter.email, `We have received your submission ${code}`);
    expect(receipt.body).toContain(`Reference: ${code}`);
    const copy = await received(coAuthorEmail, `You are named as an author of ${code}`);
    expect(copy.body).toContain('Dear Cora Author');
    expect(copy.body).toContain('Test author has sent a submission that names you');

    const token = linkIn(copy, 'confirm-authorship');
    const coAuthor = new TestClient(t.app);
    expect((await coAuthor.post('/api/authorship/look-up', { token })).json()).toMatchObject({
      code,
      authorName: 'Cora Author',
    });
    expect((await coAuthor.post('/api/authorship/confirm', { token })).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('submission_author')
      .select('confirmed_at')
      .where('email', '=', coAuthorEmail)
      .executeTakeFirstOrThrow();
    expect(row.confirmed_at).toBeInstanceOf(Date);

    // The worker makes the anonymised copy (nothing identifies the author), the editor sends it on.
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'screening' })).statusCode).toBe(200);
    await vi.waitFor(
      async () => {
        const view = (await editor.get(`/api/submissions/${id}`)).json().submission;
        expect(view.reviewCopy?.status).toBe('ready');
      },
      { timeout: 90_000, interval: 200 },
    );
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' })).statusCode).toBe(200);
    const toReview = await received(submitter.email, `Your submission ${code} has gone to reviewers`);
    expect(toReview.body).toContain('They read the anonymised copy, so they do not know who you are.');

    // Another is rejected without review: the author reads the editor's reason.
    const other = await makeCompleteDraft(author, callId);
    const otherCode: string = (await author.post(`/api/submissions/${other}/submit`)).json().submission.code;
    const reason = 'The journal publishes papers about practice; this is a literature review.';
    expect((await editor.post(`/api/submissions/${other}/status`, { to: 'desk_rejected', reason })).statusCode).toBe(
      200,
    );
    const rejected = await received(submitter.email, `Your submission ${otherCode}: the editors' decision`);
    expect(rejected.body).toContain(reason);

    // Screening sent nothing; the co-author was written to once, the submitter never as co-author.
    expect(smtp.received.filter((m) => m.envelopeTo.includes(coAuthorEmail))).toHaveLength(1);
    expect(
      smtp.received.filter((m) => m.envelopeTo.includes(submitter.email)).map((m) => m.headers.get('subject')),
    ).toEqual(expect.arrayContaining([expect.stringContaining('received'), expect.stringContaining('reviewers')]));
  }, 180_000);
});
