// Co-authors are told they were named: one receipt each with a link to confirm. Opening the link
// reads only; "Confirm" records it once, and links the author row to the account of whoever is
// signed in with the address the link went to (never to anyone else).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';
import { lastLinkTo } from '../../test/mail.ts';

let t: TestApp;
let callId: string;
let submitter: { id: string; email: string };
let author: TestClient;

beforeAll(async () => {
  t = await buildTestApp();
  callId = await makeCall(t.db, (await makeVenue(t.db)).id);
  submitter = await makePerson(t.db, 'author');
  author = await signedIn(t.app, submitter.email);
});
afterAll(async () => {
  await t.close();
});

let counter = 0;
/** A sent submission naming the submitter and new co-authors (no accounts); answers their addresses. */
async function sentWithCoAuthors(count = 1) {
  counter += 1;
  const coAuthors = Array.from({ length: count }, (_, i) => ({
    name: `Co Author ${counter}-${i + 1}`,
    email: `co-${counter}-${i + 1}@example.org`,
    affiliation: 'University of Somewhere',
  }));
  const id = await makeCompleteDraft(author, callId, {
    authors: [{ name: 'Test author', email: submitter.email, affiliation: 'University of Nowhere' }, ...coAuthors],
  });
  const sent = await author.post(`/api/submissions/${id}/submit`);
  expect(sent.statusCode).toBe(200);
  return { id, code: sent.json().submission.code as string, emails: coAuthors.map((c) => c.email) };
}

const linkFor = (email: string) => lastLinkTo(t.db, email, 'confirm-authorship');
const authorRow = (submissionId: string, email: string) =>
  t.db
    .selectFrom('submission_author')
    .select(['person_id', 'confirmed_at'])
    .where('submission_id', '=', submissionId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
const confirmations = (submissionId: string) =>
  t.db
    .selectFrom('audit_event')
    .select('details')
    .where('action', '=', 'submission.authorship_confirmed')
    .where('object_id', '=', submissionId)
    .execute();

describe('the co-author receipt', () => {
  it('goes to each co-author (not the submitter) with the code, the submitter and a link', async () => {
    const { id, code, emails } = await sentWithCoAuthors(2);
    const mails = await t.db
      .selectFrom('email_message')
      .select(['to_address', 'subject', 'text_body', 'template'])
      .where('subject', 'like', `%${code}%`)
      .execute();
    expect(mails.map((m) => [m.to_address, m.template]).sort()).toEqual(
      [
        [submitter.email, 'submission.receipt'],
        [emails[0], 'submission.co_author_receipt'],
        [emails[1], 'submission.co_author_receipt'],
      ].sort(),
    );
    const copy = mails.find((m) => m.to_address === emails[0])!;
    expect(copy.subject).toBe(`You are named as an author of ${code}`);
    expect(copy.text_body).toContain('Test author has sent a submission that names you');
    expect(copy.text_body).toMatch(/on \d+ \w+ \d{4} at \d\d:\d\d \(Europe\/London time\)/);
    // The stored token is a hash, never the one in the link.
    const token = await linkFor(emails[0]!);
    const stored = await t.db.selectFrom('authorship_token').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect((await authorRow(id, emails[0]!)).confirmed_at).toBeNull();
  });

  it('is not sent again when a returned submission is sent back', async () => {
    const { id, emails } = await sentWithCoAuthors();
    const editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
    expect((await editor.post(`/api/submissions/${id}/return-to-author`, { message: 'Fix p. 1' })).statusCode).toBe(
      200,
    );
    await author.upload(`/api/submissions/${id}/manuscript`, 'again.pdf', samplePdf());
    expect((await author.post(`/api/submissions/${id}/submit`)).statusCode).toBe(200);
    const copies = await t.db.selectFrom('email_message').select('id').where('to_address', '=', emails[0]!).execute();
    expect(copies).toHaveLength(1);
  });
});

describe('the confirmation link', () => {
  it('opened (looked up) changes nothing, however often', async () => {
    const { id, code, emails } = await sentWithCoAuthors();
    const token = await linkFor(emails[0]!);
    const visitor = new TestClient(t.app);
    for (let i = 0; i < 3; i++) {
      const look = await visitor.post('/api/authorship/look-up', { token });
      expect(look.statusCode).toBe(200);
      expect(look.json()).toMatchObject({
        code,
        authorEmail: emails[0],
        submitterName: 'Test author',
        viewer: 'signed_out',
      });
    }
    // No GET confirms (a mail scanner following a link cannot).
    expect((await visitor.get(`/api/authorship/confirm?token=${encodeURIComponent(token)}`)).statusCode).toBe(404);
    expect((await authorRow(id, emails[0]!)).confirmed_at).toBeNull();
    expect(await confirmations(id)).toEqual([]);
  });

  it('confirms once without an account, audited; the used link then works no more', async () => {
    const { id, emails } = await sentWithCoAuthors();
    const token = await linkFor(emails[0]!);
    const visitor = new TestClient(t.app);
    const confirmed = await visitor.post('/api/authorship/confirm', { token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ submissionId: id, linked: false });
    const row = await authorRow(id, emails[0]!);
    expect(row.confirmed_at).toBeInstanceOf(Date);
    expect(row.person_id).toBeNull();
    expect(await confirmations(id)).toEqual([{ details: { authorEmail: emails[0], linkedPersonId: null } }]);

    for (const again of [
      await visitor.post('/api/authorship/confirm', { token }),
      await visitor.post('/api/authorship/look-up', { token }),
    ]) {
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe('invalid_link');
      expect(again.json().error.message).toContain('If you already confirmed, there is nothing more to do');
    }
    expect(await confirmations(id)).toHaveLength(1);
  });

  it('refuses a wrong or expired token and changes nothing', async () => {
    const { id, emails } = await sentWithCoAuthors();
    const token = await linkFor(emails[0]!);
    const visitor = new TestClient(t.app);
    const wrong = await visitor.post('/api/authorship/confirm', { token: `${token.slice(0, -4)}AAAA` });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_link');

    await t.db
      .updateTable('authorship_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const expired = await visitor.post('/api/authorship/confirm', { token });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('invalid_link');
    expect((await authorRow(id, emails[0]!)).confirmed_at).toBeNull();
    expect(await confirmations(id)).toEqual([]);
  });

  it('refuses someone else signed in, saying whose link it is, and changes nothing', async () => {
    const { id, emails } = await sentWithCoAuthors();
    const token = await linkFor(emails[0]!);
    const other = await makePerson(t.db, 'author');
    const client = await signedIn(t.app, other.email);
    expect((await client.post('/api/authorship/look-up', { token })).json().viewer).toBe('someone_else');
    const refused = await client.post('/api/authorship/confirm', { token });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('signed_in_as_someone_else');
    expect(refused.json().error.message).toContain(`sent to ${emails[0]}, but you are signed in as ${other.email}`);
    expect(await authorRow(id, emails[0]!)).toEqual({ person_id: null, confirmed_at: null });
    expect((await client.get(`/api/submissions/${id}`)).statusCode).toBe(404);
    // The link still works for its owner.
    expect((await new TestClient(t.app).post('/api/authorship/confirm', { token })).statusCode).toBe(200);
  });

  it('links the author row to the account of the co-author signed in with that address', async () => {
    const { id, emails } = await sentWithCoAuthors();
    const token = await linkFor(emails[0]!);
    // They create their account after the submission was sent (their address is confirmed).
    const coAuthor = await makePerson(t.db, 'author', emails[0]);
    const client = await signedIn(t.app, coAuthor.email);
    expect((await client.post('/api/authorship/look-up', { token })).json().viewer).toBe('this_author');
    const confirmed = await client.post('/api/authorship/confirm', { token });
    expect(confirmed.json()).toMatchObject({ submissionId: id, linked: true });
    expect(confirmed.json().message).toContain('My submissions');
    expect(await authorRow(id, emails[0]!)).toMatchObject({ person_id: coAuthor.id });
    expect(await confirmations(id)).toEqual([{ details: { authorEmail: emails[0], linkedPersonId: coAuthor.id } }]);
    const view = await client.get(`/api/submissions/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ relation: 'author', mayChange: false });
  });
});
