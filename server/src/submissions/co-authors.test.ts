// Co-authors are people: an author row is linked to the account whose verified address it names,
// and every rule that asks "is this person an author?" holds for co-authors as for the submitter.
// Above all, an editor who is an author of a submission never handles it as its editor.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, TEST_PASSWORD, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft, samplePdf } from '../../test/factories.ts';
import { lastLinkTo as lastLinkIn } from '../../test/mail.ts';

let t: TestApp;
let venueId: string;
let callId: string;
let submitter: { id: string; email: string };
let author: TestClient;
let coEditor: { id: string; email: string };
let coEditorClient: TestClient;
let editor: TestClient;
let sent: string;
let draft: string;
let sentVersionId: string;

const authorsWith = (...emails: string[]) =>
  emails.map((email, index) => ({ name: `Author ${index + 1}`, email, affiliation: 'University of Nowhere' }));

/** What the worker would write: a finished copy whose identity report needs the editor's decision. */
async function finishCopyNeedingAttention(submissionId: string) {
  const copy = await t.db
    .selectFrom('review_copy')
    .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
    .select(['review_copy.id', 'review_copy.input_sha256'])
    .where('manuscript_version.submission_id', '=', submissionId)
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable('review_copy')
    .set({
      status: 'needs_attention',
      output_sha256: copy.input_sha256,
      leak_report: JSON.stringify({
        findings: [{ kind: 'name', page: 1, text: 'Author 2', context: '… by Author 2 …' }],
        overWordLimit: false,
        overPageLimit: false,
        leaksInCopy: [],
      }),
      page_count: 1,
      word_count: 12,
    })
    .where('id', '=', copy.id)
    .execute();
}

const lastLinkTo = (email: string, page: string) => lastLinkIn(t.db, email, page);

async function linkedPerson(submissionId: string, email: string) {
  const row = await t.db
    .selectFrom('submission_author')
    .select('person_id')
    .where('submission_id', '=', submissionId)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.person_id;
}

async function sentSubmission(client: TestClient, emails: string[]) {
  const id = await makeCompleteDraft(client, callId, { authors: authorsWith(...emails) });
  const response = await client.post(`/api/submissions/${id}/submit`);
  if (response.statusCode !== 200) throw new Error(`submit failed: ${response.body}`);
  return id;
}

const ids = (response: { json(): { submissions: Array<{ id: string }> } }) =>
  response.json().submissions.map((s) => s.id);

beforeAll(async () => {
  t = await buildTestApp();
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  submitter = await makePerson(t.db, 'author');
  author = await signedIn(t.app, submitter.email);
  coEditor = await makePerson(t.db, 'editor');
  coEditorClient = await signedIn(t.app, coEditor.email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
  sent = await sentSubmission(author, [submitter.email, coEditor.email]);
  await finishCopyNeedingAttention(sent);
  sentVersionId = (await author.get(`/api/submissions/${sent}`)).json().submission.manuscripts[0].id;
  draft = await makeCompleteDraft(author, callId, { authors: authorsWith(submitter.email, coEditor.email) });
});
afterAll(async () => {
  await t.close();
});

// Every route that touches one submission (submission, manuscript and review-copy routes):
// read by authors and editors: GET /submissions/:id (the editor view adds the identity report and
//   the submitter; the application form is in both views), the original and the review copy files;
// editors only: review-copy/release, return-to-author, status (screening, in_review,
//   desk_rejected), extension (drafts), and the venue's queue;
// the submitter only: PATCH (draft), manuscript upload, submit, withdraw.
describe('an editor named as a co-author of a submission in their venue', () => {
  it('is linked to their author row when the submitter saves the list', async () => {
    expect(await linkedPerson(sent, coEditor.email)).toBe(coEditor.id);
    expect(await linkedPerson(draft, coEditor.email)).toBe(coEditor.id);
  });

  it('gets the author view, never the editor view with the identity report', async () => {
    // Another editor of the venue, for contrast: the editor view carries the report.
    const asEditor = (await editor.get(`/api/submissions/${sent}`)).json();
    expect(asEditor.relation).toBe('editor');
    expect(asEditor.submission.reviewCopy.leakReport.findings).toHaveLength(1);

    for (const id of [sent, draft]) {
      const response = await coEditorClient.get(`/api/submissions/${id}`);
      expect(response.statusCode).toBe(200);
      const { relation, mayChange, submission } = response.json();
      expect(relation).toBe('author');
      // The pages show a co-author the submission without the submitter's buttons.
      expect(mayChange).toBe(false);
      expect((await author.get(`/api/submissions/${id}`)).json().mayChange).toBe(true);
      expect(submission).not.toHaveProperty('submitterId');
      expect(submission.reviewCopy ?? {}).not.toHaveProperty('leakReport');
      expect(JSON.stringify(submission)).not.toContain('… by Author 2 …');
    }
    // The files are theirs to read as an author (not a way into the editor's work).
    expect((await coEditorClient.get(`/api/submissions/${sent}/manuscripts/${sentVersionId}/file`)).statusCode).toBe(
      200,
    );
    expect((await coEditorClient.get(`/api/submissions/${sent}/review-copy/file`)).statusCode).toBe(200);
  });

  it('gets 404 on every editor action, the same as for a submission that does not exist, and nothing changes', async () => {
    const state = async () => ({
      submissions: await t.db
        .selectFrom('submission')
        .select(['id', 'status', 'deadline_extended_to'])
        .where('id', 'in', [sent, draft])
        .orderBy('id')
        .execute(),
      copies: await t.db
        .selectFrom('review_copy')
        .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
        .select(['review_copy.status', 'review_copy.released_at'])
        .where('manuscript_version.submission_id', '=', sent)
        .execute(),
      audit: (
        await t.db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
      mail: (
        await t.db
          .selectFrom('email_message')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    });
    const before = await state();
    const missing = (await coEditorClient.post(`/api/submissions/${randomUUID()}/review-copy/release`)).json().error;
    const attempts = {
      release: coEditorClient.post(`/api/submissions/${sent}/review-copy/release`),
      returnToAuthor: coEditorClient.post(`/api/submissions/${sent}/return-to-author`, { message: 'Please fix' }),
      screening: coEditorClient.post(`/api/submissions/${sent}/status`, { to: 'screening' }),
      deskReject: coEditorClient.post(`/api/submissions/${sent}/status`, { to: 'desk_rejected', reason: 'No' }),
      inReview: coEditorClient.post(`/api/submissions/${sent}/status`, { to: 'in_review' }),
      extension: coEditorClient.post(`/api/submissions/${draft}/extension`, { until: '2030-01-01T00:00:00Z' }),
    };
    for (const [what, request] of Object.entries(attempts)) {
      const response = await request;
      expect(response.statusCode, what).toBe(404);
      expect(response.json().error, what).toEqual(missing);
    }
    expect(await state()).toEqual(before);
  });

  it('never sees it in their queue, neither sent nor as a draft', async () => {
    // Another editor does, so the queue would list it were it not theirs.
    expect(ids(await editor.get(`/api/venues/${venueId}/submissions`))).toContain(sent);
    expect(ids(await editor.get(`/api/venues/${venueId}/submissions?status=draft`))).toContain(draft);
    expect(ids(await coEditorClient.get(`/api/venues/${venueId}/submissions`))).not.toContain(sent);
    expect(ids(await coEditorClient.get(`/api/venues/${venueId}/submissions?status=draft`))).not.toContain(draft);
  });

  it('finds both under My submissions', async () => {
    const mine = ids(await coEditorClient.get('/api/me/submissions'));
    expect(mine).toContain(sent);
    expect(mine).toContain(draft);
    // Each line says who may change it: the list offers "carry on" to the submitter only.
    const rows = (await coEditorClient.get('/api/me/submissions')).json().submissions as Array<{
      id: string;
      mayChange: boolean;
    }>;
    expect(rows.find((r) => r.id === draft)?.mayChange).toBe(false);
    const own = (await author.get('/api/me/submissions')).json().submissions as Array<{
      id: string;
      mayChange: boolean;
    }>;
    expect(own.find((r) => r.id === draft)?.mayChange).toBe(true);
  });

  it('cannot edit, send, upload to or withdraw it: that stays with the submitter (403 saying why)', async () => {
    const before = await t.db
      .selectFrom('submission')
      .select(['title', 'status'])
      .where('id', '=', draft)
      .executeTakeFirstOrThrow();
    const attempts = [
      coEditorClient.patch(`/api/submissions/${draft}`, { title: 'Changed by a co-author' }),
      coEditorClient.post(`/api/submissions/${draft}/submit`),
      coEditorClient.upload(`/api/submissions/${draft}/manuscript`, 'mine.pdf', samplePdf()),
      coEditorClient.post(`/api/submissions/${draft}/withdraw`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('submitter_only');
    }
    expect(
      await t.db.selectFrom('submission').select(['title', 'status']).where('id', '=', draft).executeTakeFirstOrThrow(),
    ).toEqual(before);
    // The submitter still can.
    expect((await author.patch(`/api/submissions/${draft}`, { title: 'Changed by the submitter' })).statusCode).toBe(
      200,
    );
  });

  it('keeps the link when the submitter saves the list again', async () => {
    await author.patch(`/api/submissions/${draft}`, {
      authors: authorsWith(submitter.email, coEditor.email, 'someone.else@example.org'),
    });
    expect(await linkedPerson(draft, coEditor.email)).toBe(coEditor.id);
    expect(await linkedPerson(draft, 'someone.else@example.org')).toBeNull();
  });
});

describe('an author who is made an editor of the venue later', () => {
  it('sees their submissions, their own and those they co-wrote, only as an author', async () => {
    const later = await makePerson(t.db, 'author');
    const laterClient = await signedIn(t.app, later.email);
    const coWritten = await sentSubmission(author, [submitter.email, later.email]);
    const own = await sentSubmission(laterClient, [later.email]);
    const admin = await signedIn(t.app, (await makePerson(t.db, 'admin')).email);
    const granted = await admin.put(`/api/admin/people/${later.id}/roles`, { isAdmin: false, editorOf: [venueId] });
    expect(granted.statusCode).toBe(200);

    // Now an editor of the venue: the queue opens to them, but not for these two.
    const queue = await laterClient.get(`/api/venues/${venueId}/submissions`);
    expect(queue.statusCode).toBe(200);
    expect(ids(queue)).toContain(sent);
    expect(ids(queue)).not.toContain(coWritten);
    expect(ids(queue)).not.toContain(own);
    for (const id of [coWritten, own]) {
      expect((await laterClient.get(`/api/submissions/${id}`)).json().relation).toBe('author');
      expect((await laterClient.post(`/api/submissions/${id}/status`, { to: 'screening' })).statusCode).toBe(404);
      expect((await laterClient.post(`/api/submissions/${id}/review-copy/release`)).statusCode).toBe(404);
      expect((await laterClient.post(`/api/submissions/${id}/return-to-author`, {})).statusCode).toBe(404);
    }
    expect((await laterClient.get(`/api/submissions/${sent}`)).json().relation).toBe('editor');
  });
});

describe('a co-author without an account when the submission was sent', () => {
  it('is linked once they sign up and confirm their address, and then finds it in My submissions', async () => {
    const email = `late.${randomUUID().slice(0, 8)}@example.org`;
    const id = await sentSubmission(author, [submitter.email, email]);
    expect(await linkedPerson(id, email)).toBeNull();

    const client = new TestClient(t.app);
    const password = 'a long enough secret';
    expect((await client.post('/api/accounts/register', { name: 'Late Co-author', email, password })).statusCode).toBe(
      202,
    );
    // Registered but not confirmed: anyone could have typed this address, so no link.
    expect(await linkedPerson(id, email)).toBeNull();

    const token = await lastLinkTo(email, 'verify-email');
    expect((await client.post('/api/accounts/verify-email', { token })).statusCode).toBe(200);
    const person = await t.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    expect(await linkedPerson(id, email)).toBe(person.id);

    await client.login(email, password);
    expect(ids(await client.get('/api/me/submissions'))).toContain(id);
    const view = await client.get(`/api/submissions/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().relation).toBe('author');
  });

  it('is never linked to an account whose address is not confirmed, however often the list is saved', async () => {
    const email = `squatter.${randomUUID().slice(0, 8)}@example.org`;
    await new TestClient(t.app).post('/api/accounts/register', {
      name: 'Not the co-author',
      email,
      password: 'a long enough secret',
    });
    const id = await makeCompleteDraft(author, callId, { authors: authorsWith(submitter.email, email) });
    expect(await linkedPerson(id, email)).toBeNull();
    await author.post(`/api/submissions/${id}/submit`);
    expect(await linkedPerson(id, email)).toBeNull();
  });

  it('is linked to an account that already existed, verified, when the list is saved', async () => {
    const existing = await makePerson(t.db, 'author');
    const id = await makeCompleteDraft(author, callId, { authors: authorsWith(submitter.email, existing.email) });
    expect(await linkedPerson(id, existing.email)).toBe(existing.id);
  });

  it('is linked when a password reset by link proves the address', async () => {
    const email = `reset.${randomUUID().slice(0, 8)}@example.org`;
    const client = new TestClient(t.app);
    await client.post('/api/accounts/register', { name: 'Forgetful', email, password: 'a long enough secret' });
    const id = await sentSubmission(author, [submitter.email, email]);
    expect(await linkedPerson(id, email)).toBeNull();
    await client.post('/api/accounts/password-reset', { email });
    const token = await lastLinkTo(email, 'reset-password');
    const confirmed = await client.post('/api/accounts/password-reset/confirm', {
      token,
      password: 'my new long password',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(await linkedPerson(id, email)).not.toBeNull();
  });

  it('is linked when someone confirms a change of their address to it, and keeps the link afterwards', async () => {
    const email = `moved.${randomUUID().slice(0, 8)}@example.org`;
    const id = await sentSubmission(author, [submitter.email, email]);
    const mover = await makePerson(t.db, 'author');
    const client = await signedIn(t.app, mover.email);
    await client.post('/api/me/email', { newEmail: email, currentPassword: TEST_PASSWORD });
    expect(await linkedPerson(id, email)).toBeNull();
    const token = await lastLinkTo(email, 'confirm-email');
    expect((await client.post('/api/accounts/confirm-email', { token })).statusCode).toBe(200);
    expect(await linkedPerson(id, email)).toBe(mover.id);
    expect(ids(await client.get('/api/me/submissions'))).toContain(id);
  });
});

describe('a co-author of a draft in a call that has closed', () => {
  it('still reads the call’s rules; other people do not', async () => {
    const coAuthor = await makePerson(t.db, 'author');
    const closing = await makeCall(t.db, venueId, { deadlineLocal: '2099-01-01T00:00' });
    const started = await author.post('/api/submissions', { callId: closing });
    await author.patch(`/api/submissions/${started.json().id}`, {
      authors: authorsWith(submitter.email, coAuthor.email),
    });
    await t.db
      .updateTable('call')
      .set({ deadline_at: new Date('2021-01-01T00:00:00Z'), deadline_local: '2021-01-01 00:00' })
      .where('id', '=', closing)
      .execute();
    const coAuthorClient = await signedIn(t.app, coAuthor.email);
    expect((await coAuthorClient.get(`/api/calls/${closing}`)).statusCode).toBe(200);
    const stranger = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
    expect((await stranger.get(`/api/calls/${closing}`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(`/api/calls/${closing}`)).statusCode).toBe(404);
  });
});
