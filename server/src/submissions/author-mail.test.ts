// The pages promise e-mails; these are they. The author hears when their work goes to reviewers
// (judges, for awards) and when it is rejected without review, with the editor's reason, which
// their page shows too, as it shows the message and the list of places of a return for changes.
// Starting screening is the editors' bookkeeping and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import {
  finishCopyAsWorker,
  madeCopyResult,
  makeCall,
  makeCompleteDraft,
  nameFindings,
  samplePdf,
} from '../../test/factories.ts';

let t: TestApp;
let journalCall: string;
let awardCall: string;
let author: TestClient;
let authorEmail: string;
let editor: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  journalCall = await makeCall(t.db, (await makeVenue(t.db)).id);
  const award = await makeVenue(t.db);
  await t.db.updateTable('venue').set({ kind: 'award', name: 'The Essay Prize' }).where('id', '=', award.id).execute();
  awardCall = await makeCall(t.db, award.id);
  authorEmail = (await makePerson(t.db, 'author')).email;
  await t.db.updateTable('person').set({ time_zone: 'America/New_York' }).where('email', '=', authorEmail).execute();
  author = await signedIn(t.app, authorEmail);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

async function submitted(callId = journalCall) {
  const id = await makeCompleteDraft(author, callId);
  const sent = await author.post(`/api/submissions/${id}/submit`);
  expect(sent.statusCode).toBe(200);
  return { id, code: sent.json().submission.code as string };
}

const mailsAbout = (code: string) =>
  t.db
    .selectFrom('email_message')
    .select(['to_address', 'template', 'subject', 'text_body'])
    .where('subject', 'like', `%${code}%`)
    .orderBy('created_at')
    .execute();
const view = async (id: string) => (await author.get(`/api/submissions/${id}`)).json().submission;

describe('e-mails to the author', () => {
  it('the receipt dates the submission in the author’s own time zone, named', async () => {
    const { code } = await submitted();
    const [receipt] = await mailsAbout(code);
    expect(receipt?.template).toBe('submission.receipt');
    expect(receipt?.text_body).toMatch(/\(America\/New_York time\)/);
  });

  it('none when screening starts; one when it goes to reviewers', async () => {
    const { id, code } = await submitted();
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'screening' })).statusCode).toBe(200);
    expect((await mailsAbout(code)).map((m) => m.template)).toEqual(['submission.receipt']);
    expect((await view(id)).nextSteps).toContain('We will e-mail you when it goes to reviewers');

    await finishCopyAsWorker(t.db, id, (copy) => madeCopyResult(copy.inputSha256));
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' })).statusCode).toBe(200);
    const sent = (await mailsAbout(code)).at(-1)!;
    expect(sent).toMatchObject({
      to_address: authorEmail,
      template: 'submission.sent_to_review',
      subject: `Your submission ${code} has gone to reviewers`,
    });
    expect(sent.text_body).toContain('went to reviewers on');
    expect(sent.text_body).toContain('(America/New_York time)');
    expect(sent.text_body).toContain(`http://localhost:3000/submissions/${id}`);
  });

  it('for an award entry, says judges', async () => {
    const { id, code } = await submitted(awardCall);
    await editor.post(`/api/submissions/${id}/status`, { to: 'screening' });
    await finishCopyAsWorker(t.db, id, (copy) => madeCopyResult(copy.inputSha256));
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'in_review' })).statusCode).toBe(200);
    const sent = (await mailsAbout(code)).at(-1)!;
    expect(sent.subject).toBe(`Your entry ${code} has gone to the judges`);
    expect(sent.text_body).toContain('went to the judges');
    expect(sent.text_body).not.toMatch(/reviewer/i);
    // Decisions are not recorded yet, so the e-mail promises none.
    expect(sent.text_body).not.toMatch(/when the judges have decided|decision|result/i);
    expect(sent.text_body).toContain('The editors, The Essay Prize');
    const page = await view(id);
    expect(page.nextSteps).toContain('The judges are reading your entry');
    expect(page.nextSteps).not.toMatch(/e-mail|result/i);
    expect(page.timeline.map((e: { what: string }) => e.what)).toContain('Essay uploaded (version 1)');
  });

  it('a rejection without review needs a reason, which the author gets by e-mail and on their page', async () => {
    const { id, code } = await submitted();
    const bare = await editor.post(`/api/submissions/${id}/status`, { to: 'desk_rejected', reason: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('write your reason for the author');
    expect((await view(id)).status).toBe('submitted');

    const reason = 'It is a research protocol, not a paper about practice.';
    expect((await editor.post(`/api/submissions/${id}/status`, { to: 'desk_rejected', reason })).statusCode).toBe(200);
    const mail = (await mailsAbout(code)).at(-1)!;
    expect(mail).toMatchObject({ to_address: authorEmail, template: 'submission.desk_rejected' });
    expect(mail.text_body).toContain(reason);
    const page = await view(id);
    expect(page.nextSteps).toContain('Their reason is below');
    expect(page.editorMessage).toMatchObject({ kind: 'desk_rejected', message: reason, findings: [] });
  });

  it('a return for changes keeps the message and the places found for the author’s page', async () => {
    const { id } = await submitted();
    expect((await view(id)).editorMessage).toBeNull();
    await finishCopyAsWorker(t.db, id, (copy) => madeCopyResult(copy.inputSha256, { findings: nameFindings(2) }));
    const message = 'Please take your name out of the title page.';
    expect((await editor.post(`/api/submissions/${id}/return-to-author`, { message })).statusCode).toBe(200);
    const page = await view(id);
    expect(page.editorMessage).toMatchObject({
      kind: 'returned',
      message,
      findings: [
        { page: 1, text: 'Test author', context: '… by Test author …' },
        { page: 1, text: 'Test author', context: '… by Test author …' },
      ],
    });
    // Only what the author needs: no kinds or report fields of the editor's view.
    expect(Object.keys(page.editorMessage.findings[0]).sort()).toEqual(['context', 'page', 'text']);
    expect(page.nextSteps).toContain('Read their message below');
    const mail = await t.db
      .selectFrom('email_message')
      .select('text_body')
      .where('template', '=', 'submission.return_for_anonymisation')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(message);
    expect(mail.text_body).toContain(`http://localhost:3000/submissions/${id}`);

    // Once sent back, the message no longer explains the state, so the page stops showing it.
    await author.upload(`/api/submissions/${id}/manuscript`, 'changed.pdf', samplePdf());
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    expect((await view(id)).editorMessage).toBeNull();
  });
});
