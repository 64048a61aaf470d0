import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall, makeCompleteDraft } from '../../test/factories.ts';

let t: TestApp;
let venue: { id: string };
let author: TestClient;
let editor: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  venue = await makeVenue(t.db);
  author = await signedIn(t.app, (await makePerson(t.db, 'author')).email);
  editor = await signedIn(t.app, (await makePerson(t.db, 'editor')).email);
});
afterAll(async () => {
  await t.close();
});

const at = (iso: string) => new Date(iso);

describe('deadlines, checked on the server in the call’s zone', () => {
  it('accepts a submission one second before midnight at the end of 1 July in London (BST) and refuses one a second after', async () => {
    const callId = await makeCall(t.db, venue.id, { deadlineLocal: '2027-07-02T00:00', timeZone: 'Europe/London' });
    const call = (await author.get(`/api/calls/${callId}`)).json();
    expect(call.deadlineAt).toBe('2027-07-01T23:00:00.000Z');

    t.setNow(at('2027-06-30T12:00:00Z'));
    const early = await makeCompleteDraft(author, callId);
    const late = await makeCompleteDraft(author, callId);

    t.setNow(at('2027-07-01T22:59:59Z'));
    expect((await author.post(`/api/submissions/${early}/submit`)).statusCode).toBe(200);

    t.setNow(at('2027-07-01T23:00:01Z'));
    const refused = await author.post(`/api/submissions/${late}/submit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('deadline_passed');
    const kept = (await author.get(`/api/submissions/${late}`)).json().submission;
    expect(kept).toMatchObject({ status: 'draft', code: null, title: 'Holding on: a practitioner’s account' });

    // An editor's extension (audited) lets the late draft in.
    const absurd = await editor.post(`/api/submissions/${late}/extension`, { until: '9999-12-31T23:00:00Z' });
    expect(absurd.statusCode).toBe(400);
    expect(absurd.json().error.message).toContain('until: choose a date within 10 years of today');
    const extended = await editor.post(`/api/submissions/${late}/extension`, { until: '2027-07-08T23:00:00Z' });
    expect(extended.statusCode).toBe(200);
    expect((await author.post(`/api/submissions/${late}/submit`)).statusCode).toBe(200);
    const audit = await t.db.selectFrom('audit_event').select('action').where('object_id', '=', late).execute();
    expect(audit.map((a) => a.action)).toContain('submission.deadline_extended');
    t.setNow(null);
  });

  it('reads a deadline on the day the clocks go forward, and refuses a local time the clocks skip', async () => {
    // Clocks go forward at 01:00 GMT on 28 March 2027: the end of that day is 23:00 UTC, not 24:00.
    const callId = await makeCall(t.db, venue.id, { deadlineLocal: '2027-03-29T00:00', timeZone: 'Europe/London' });
    expect((await author.get(`/api/calls/${callId}`)).json().deadlineAt).toBe('2027-03-28T23:00:00.000Z');
    t.setNow(at('2027-03-28T22:59:59Z'));
    const draft = await makeCompleteDraft(author, callId);
    t.setNow(at('2027-03-28T23:00:01Z'));
    expect((await author.post(`/api/submissions/${draft}/submit`)).statusCode).toBe(409);
    t.setNow(null);

    const skipped = await editor.post(`/api/venues/${venue.id}/calls`, {
      slug: 'dst-gap',
      title: 'Gap call',
      opensAt: '2026-01-01T00:00:00Z',
      deadlineLocal: '2027-03-28T01:30',
      timeZone: 'Europe/London',
    });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().error.code).toBe('nonexistent_local_time');
  });

  it('uses the call’s own zone, not London’s: a New York deadline', async () => {
    const callId = await makeCall(t.db, venue.id, { deadlineLocal: '2027-01-15T17:00', timeZone: 'America/New_York' });
    t.setNow(at('2027-01-15T21:59:59Z'));
    const draft = await makeCompleteDraft(author, callId);
    t.setNow(at('2027-01-15T22:00:00Z'));
    expect((await author.post(`/api/submissions/${draft}/submit`)).json().error.code).toBe('deadline_passed');
    t.setNow(at('2027-01-15T21:59:59Z'));
    expect((await author.post(`/api/submissions/${draft}/submit`)).statusCode).toBe(200);
    t.setNow(null);
  });
});

describe('submitting', () => {
  it('refuses an incomplete draft, saying what is missing, and needs a manuscript file', async () => {
    const callId = await makeCall(t.db, venue.id);
    const started = await author.post('/api/submissions', { callId });
    const id = started.json().id;
    expect(started.json().missing.map((m: { field: string }) => m.field)).toEqual([
      'title',
      'abstract',
      'keywords',
      'manuscript',
    ]);
    const refused = await author.post(`/api/submissions/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('Upload your manuscript');
    expect((await author.get(`/api/submissions/${id}`)).json().submission.status).toBe('draft');
  });

  it('gives a coded receipt through the outbox, in the same transaction', async () => {
    const callId = await makeCall(t.db, venue.id);
    const id = await makeCompleteDraft(author, callId);
    const submitted = await author.post(`/api/submissions/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    const view = submitted.json().submission;
    expect(view.code).toMatch(/^V[A-Z]{4}-\d{4}-\d{4}$/);
    expect(view.nextSteps).toMatch(/editor checks it first/);
    const receipt = await t.db
      .selectFrom('email_message')
      .select(['id', 'subject', 'text_body'])
      .where('template', '=', 'submission.receipt')
      .where('subject', 'like', `%${view.code}%`)
      .executeTakeFirstOrThrow();
    expect(receipt.text_body).toContain('Holding on');
    const job = await t.db
      .selectFrom('job_outbox')
      .select('job_name')
      .where('payload', '@>', JSON.stringify({ emailMessageId: receipt.id }))
      .executeTakeFirstOrThrow();
    expect(job.job_name).toBe('mail.send');
  });

  it('answers 409 with the current state for an illegal move', async () => {
    const callId = await makeCall(t.db, venue.id);
    const id = await makeCompleteDraft(author, callId);
    expect((await author.post(`/api/submissions/${id}/withdraw`)).statusCode).toBe(200);
    const again = await author.post(`/api/submissions/${id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('withdrawn');
    const editAfter = await author.patch(`/api/submissions/${id}`, { title: 'Changed' });
    expect(editAfter.statusCode).toBe(409);
  });

  it('gives an award call for 2027 codes with 2027 when entries are sent in 2026; a journal keeps the sending year', async () => {
    const award = await makeVenue(t.db);
    await t.db
      .updateTable('venue')
      .set({ kind: 'award', code_prefix: 'CWEA', code_digits: 3 })
      .where('id', '=', award.id)
      .execute();
    // Midnight at the end of 31 December 2027 is stored as 00:00 on 1 January 2028: still the 2027 round.
    const yearEnd = await makeCall(t.db, award.id, { deadlineLocal: '2028-01-01T00:00', timeZone: 'Europe/London' });
    const summer = await makeCall(t.db, award.id, { deadlineLocal: '2027-07-02T00:00', timeZone: 'Europe/London' });
    const journalCall = await makeCall(t.db, venue.id, {
      deadlineLocal: '2027-07-02T00:00',
      timeZone: 'Europe/London',
    });
    t.setNow(at('2026-11-30T12:00:00Z'));
    try {
      const codes: string[] = [];
      for (const callId of [summer, yearEnd, journalCall]) {
        const id = await makeCompleteDraft(author, callId);
        const sent = await author.post(`/api/submissions/${id}/submit`);
        expect(sent.statusCode).toBe(200);
        codes.push(sent.json().submission.code);
      }
      expect(codes[0]).toBe('CWEA-2027-001');
      expect(codes[1]).toBe('CWEA-2027-002');
      expect(codes[2]).toMatch(/^V[A-Z]{4}-2026-\d{4}$/);
      // The award's receipt says "entry"; the journal's "submission".
      const subjects = await t.db
        .selectFrom('email_message')
        .select('subject')
        .where('template', '=', 'submission.receipt')
        .where((eb) => eb.or(codes.map((code) => eb('subject', 'like', `%${code}`))))
        .orderBy('subject')
        .execute();
      expect(subjects.map((m) => m.subject).sort()).toEqual(
        [
          'We have received your entry CWEA-2027-001',
          'We have received your entry CWEA-2027-002',
          `We have received your submission ${codes[2]}`,
        ].sort(),
      );
    } finally {
      t.setNow(null);
    }
  });

  it('gives 50 concurrent submits to one call 50 distinct, consecutive codes', async () => {
    const codeVenue = await makeVenue(t.db);
    const callId = await makeCall(t.db, codeVenue.id);
    const drafts: string[] = [];
    for (let i = 0; i < 50; i++) {
      author.ip = `198.51.100.${i + 10}`; // uploads are rate-limited per address
      drafts.push(await makeCompleteDraft(author, callId));
    }
    const responses = await Promise.all(drafts.map((id) => author.post(`/api/submissions/${id}/submit`)));
    expect(responses.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const rows = await t.db
      .selectFrom('submission')
      .select(['code', 'code_number'])
      .where('call_id', '=', callId)
      .execute();
    const numbers = rows.map((r) => r.code_number!).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.code)).size).toBe(50);
  });
});
