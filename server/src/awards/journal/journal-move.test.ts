// A winning essay into the journal: the entrant's consent, the editors' one action, what it makes
// (metadata, the same file bytes, links both ways, the queue's note, the entrant's message, the
// anonymised copy asked for) and every refusal.
import { createHash } from 'node:crypto';
import { LocalFileStore } from '@gaps/workers/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AwardWorld,
  makeAwardWorld,
  makeNamedVenue,
  makePersonNamed,
  putAwardResult,
  sendEntry,
} from '../../../test/award-entrant-factories.ts';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';
import { makeCall } from '../../../test/factories.ts';

let t: TestApp;
let world: AwardWorld;
let entrant: { id: string; email: string; name: string };
let entrantClient: TestClient;
let editor: TestClient;
let entryId: string;

beforeAll(async () => {
  t = await buildTestApp();
  world = await makeAwardWorld(t.db);
  entrant = await makePersonNamed(t.db, 'Ana Entrant');
  const sent = await sendEntry(t.app, world, entrant, { keywords: ['supervision', 'containment'] });
  entryId = sent.id;
  entrantClient = sent.client;
  await putAwardResult(t.db, world, entryId, 'winner');
  const chair = await makePersonNamed(t.db, 'Chair And Editor', [world.award.id, world.journal.id]);
  editor = await signedIn(t.app, chair.email);
});
afterAll(() => t.close());

const move = (client: TestClient, id = entryId, callId = world.journalCallId) =>
  client.post(`/api/submissions/${id}/move-to-journal`, { callId });
const award = async (client: TestClient = entrantClient, id = entryId) =>
  (await client.get(`/api/submissions/${id}`)).json().submission.award;

describe('the entrant’s consent', () => {
  it('shows the announced result on the entrant’s page, with the certificate and the offer', async () => {
    expect(await award()).toEqual({
      outcome: 'winner',
      venueName: 'Clare Winnicott Essay Awards',
      categoryName: 'Student',
      year: 2026,
      certificateAvailable: true,
      journal: { offerable: true, consentGiven: false, submissionId: null, submissionCode: null },
    });
  });

  it('refuses the move before the entrant has offered the essay (409)', async () => {
    const response = await move(editor);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/not offered this essay/);
  });

  it('is given and taken back by the entrant, audited each time', async () => {
    expect((await entrantClient.put(`/api/submissions/${entryId}/journal-consent`)).statusCode).toBe(200);
    expect((await award()).journal.consentGiven).toBe(true);
    expect((await entrantClient.delete(`/api/submissions/${entryId}/journal-consent`)).statusCode).toBe(200);
    expect((await award()).journal.consentGiven).toBe(false);
    expect((await entrantClient.put(`/api/submissions/${entryId}/journal-consent`)).statusCode).toBe(200);
    const actions = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_id', '=', entryId)
      .where('action', 'like', 'award.%')
      .orderBy('occurred_at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'award.journal_consent_given',
      'award.journal_consent_withdrawn',
      'award.journal_consent_given',
    ]);
  });

  it('cannot be given for an entry not placed, nor before the announcement', async () => {
    const other = await makePersonNamed(t.db, 'Not Placed');
    const { id, client } = await sendEntry(t.app, world, other);
    await putAwardResult(t.db, world, id, 'not_placed');
    expect((await client.put(`/api/submissions/${id}/journal-consent`)).statusCode).toBe(409);
    const early = await makePersonNamed(t.db, 'Too Early');
    const sent = await sendEntry(t.app, world, early);
    await putAwardResult(t.db, world, sent.id, 'commended', null);
    expect((await sent.client.put(`/api/submissions/${sent.id}/journal-consent`)).statusCode).toBe(404);
    expect(await award(sent.client, sent.id)).toBeNull();
  });
});

describe('moving the essay into the journal', () => {
  it('refuses an editor of only one of the two venues (404)', async () => {
    const awardOnly = await makePersonNamed(t.db, 'Award Only', [world.award.id]);
    expect((await move(await signedIn(t.app, awardOnly.email))).statusCode).toBe(404);
    const journalOnly = await makePersonNamed(t.db, 'Journal Only', [world.journal.id]);
    expect((await move(await signedIn(t.app, journalOnly.email))).statusCode).toBe(404);
  });

  it('refuses a closed call or a call that is not the journal’s (400)', async () => {
    const closed = await move(editor, entryId, world.closedJournalCallId);
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toMatch(/not open/);
    const notJournal = await move(editor, entryId, world.awardCallId);
    expect(notJournal.statusCode).toBe(400);
    expect(notJournal.json().error.message).toMatch(/journal/);
  });

  it('lists the journal’s open calls to choose from', async () => {
    const response = await editor.get(`/api/submissions/${entryId}/journal-calls`);
    expect(response.statusCode).toBe(200);
    expect(response.json().calls).toEqual([
      { id: world.journalCallId, title: 'Open submissions', venueName: 'Journal of Social Work Practice' },
    ]);
  });

  it('makes a sent journal submission with the essay’s metadata, authors and the same file bytes', async () => {
    const response = await move(editor);
    expect(response.statusCode).toBe(200);
    const { submissionId, code } = response.json();
    expect(code).toMatch(/^J[A-Z]{5}-\d{4}-\d+$/);

    const [entry, copy] = await Promise.all(
      [entryId, submissionId].map((id) =>
        t.db
          .selectFrom('submission')
          .select(['venue_id', 'call_id', 'status', 'code', 'submitter_id', 'title', 'abstract', 'keywords'])
          .select(['from_award_submission_id', 'submitted_at', 'declarations'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ),
    );
    expect(copy).toMatchObject({
      venue_id: world.journal.id,
      call_id: world.journalCallId,
      status: 'submitted',
      code,
      submitter_id: entrant.id,
      title: entry!.title,
      abstract: entry!.abstract,
      keywords: ['supervision', 'containment'],
      from_award_submission_id: entryId,
      declarations: {},
    });
    const link = await t.db
      .selectFrom('award_result')
      .select('journal_submission_id')
      .where('submission_id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(link.journal_submission_id).toBe(submissionId);

    const authorsOf = (id: string) =>
      t.db
        .selectFrom('submission_author')
        .select(['name', 'email', 'person_id', 'position', 'is_corresponding'])
        .where('submission_id', '=', id)
        .orderBy('position')
        .execute();
    expect(await authorsOf(submissionId)).toEqual(await authorsOf(entryId));

    const files = await t.db
      .selectFrom('manuscript_version')
      .select(['submission_id', 'file_sha256', 'version_number', 'round'])
      .where('submission_id', 'in', [entryId, submissionId])
      .execute();
    const original = files.find((f) => f.submission_id === entryId)!;
    const moved = files.find((f) => f.submission_id === submissionId)!;
    expect(moved).toMatchObject({ version_number: 1, round: 1 });
    const store = new LocalFileStore(t.dataDir);
    const read = async (sha: string) => Buffer.concat(await store.open(sha).toArray());
    const bytes = await read(moved.file_sha256);
    expect(bytes.equals(await read(original.file_sha256))).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(moved.file_sha256);

    // The journal's own review follows: its anonymised copy is asked for like any submission's.
    const copies = await t.db
      .selectFrom('review_copy')
      .innerJoin('manuscript_version', 'manuscript_version.id', 'review_copy.manuscript_version_id')
      .select('review_copy.status')
      .where('manuscript_version.submission_id', '=', submissionId)
      .execute();
    expect(copies).toHaveLength(1);

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', entryId)
      .where('action', '=', 'award.moved_to_journal')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ journalSubmissionId: submissionId, journalCode: code });

    const mail = await t.db
      .selectFrom('email_message')
      .select(['to_address', 'template', 'subject', 'text_body'])
      .where('template', '=', 'award.moved_to_journal')
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(entrant.email);
    expect(mail.subject).toContain(code);
    expect(mail.text_body).toContain(`/submissions/${submissionId}`);
  });

  it('shows the link both ways: the entrant’s page and the journal’s editor view and queue', async () => {
    const { journal } = await award();
    expect(journal.submissionId).toMatch(/[0-9a-f-]{36}/);
    expect(journal.submissionCode).toMatch(/^J/);
    const note = 'From the Clare Winnicott Essay Awards 2026 (winner)';
    const view = (await editor.get(`/api/submissions/${journal.submissionId}`)).json();
    expect(view.relation).toBe('editor');
    expect(view.submission.fromAward).toMatchObject({ submissionId: entryId, note });
    const queue = (await editor.get(`/api/venues/${world.journal.id}/submissions`)).json();
    const row = queue.submissions.find((s: { id: string }) => s.id === journal.submissionId);
    expect(row.fromAward.note).toBe(note);
    // The entrant follows the new submission as its author; the award's note is for the editors.
    const mine = (await entrantClient.get(`/api/submissions/${journal.submissionId}`)).json();
    expect(mine.relation).toBe('author');
    expect(mine.submission.fromAward).toBeUndefined();
  });

  it('refuses a second move (409) with the link to the first, and consent can no longer be taken back', async () => {
    const { journal } = await award();
    const again = await move(editor);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(`/submissions/${journal.submissionId}`);
    expect(again.headers.location).toBe(`/submissions/${journal.submissionId}`);
    expect((await entrantClient.delete(`/api/submissions/${entryId}/journal-consent`)).statusCode).toBe(409);
    const made = await t.db
      .selectFrom('submission')
      .select('id')
      .where('from_award_submission_id', '=', entryId)
      .execute();
    expect(made).toHaveLength(1);
  });

  it('two editors pressing at once make one submission; the other gets 409', async () => {
    const other = await makePersonNamed(t.db, 'Commended Entrant');
    const sent = await sendEntry(t.app, world, other);
    await putAwardResult(t.db, world, sent.id, 'commended');
    await sent.client.put(`/api/submissions/${sent.id}/journal-consent`);
    const second = await signedIn(
      t.app,
      (await makePersonNamed(t.db, 'Second', [world.award.id, world.journal.id])).email,
    );
    const answers = await Promise.all([move(editor, sent.id), move(second, sent.id)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });

  it('refuses a call of another journal the editor does not edit (404)', async () => {
    const elsewhere = await makeNamedVenue(t.db, 'journal', 'Another Journal');
    const callId = await makeCall(t.db, elsewhere.id);
    expect((await move(editor, entryId, callId)).statusCode).toBe(404);
  });
});
