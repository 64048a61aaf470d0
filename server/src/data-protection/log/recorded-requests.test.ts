// Requests received by letter, phone or e-mail, recorded and closed by an admin (real database).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, type TestApp } from '../../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../../test/client.ts';

let t: TestApp;
let admin: TestClient;
let adminId: string;
let person: { id: string; email: string };
beforeAll(async () => {
  t = await buildTestApp();
  const a = await makePerson(t.db, 'admin');
  adminId = a.id;
  admin = await signedIn(t.app, a.email);
  person = await makePerson(t.db, 'author');
});
beforeEach(() => {
  // 10:00 in London on 20 November 2026.
  t.setNow(new Date('2026-11-20T10:00:00Z'));
});
afterAll(async () => {
  await t.close();
});

const requestsOf = (personId: string) =>
  t.db.selectFrom('subject_access_request').selectAll().where('person_id', '=', personId).execute();
const auditOf = (action: string, objectId: string) =>
  t.db
    .selectFrom('audit_event')
    .select(['actor_id', 'details'])
    .where('action', '=', action)
    .where('object_id', '=', objectId)
    .execute();

async function record(body: Record<string, unknown>) {
  return admin.post('/api/admin/privacy/requests', body);
}

describe('recording a request received outside the system', () => {
  it('logs it with the month running from the day it arrived, starts no job, and audits it', async () => {
    const response = await record({
      personId: person.id,
      kind: 'export',
      receivedOn: '2026-11-03',
      note: '  Letter dated 3 Nov  ',
    });
    expect(response.statusCode).toBe(201);
    const entry = response.json();
    expect(entry).toMatchObject({
      kind: 'export',
      onRequestOf: 'admin',
      person: { id: person.id },
      requestedBy: { id: adminId },
      status: 'received',
      timeliness: 'open',
      adminNote: 'Letter dated 3 Nov',
      answerNote: null,
      completedAt: null,
    });
    expect(entry.requestedAt.slice(0, 10)).toBe('2026-11-03');
    expect(entry.dueBy.slice(0, 10)).toBe('2026-12-03');

    const [row] = await requestsOf(person.id);
    expect(row).toMatchObject({ status: 'received', progress: 0 });
    // Nothing was queued for a worker: recording is only the log entry.
    expect(await t.db.selectFrom('job_outbox').select('id').execute()).toEqual([]);

    const log = (await admin.get('/api/admin/privacy/requests')).json();
    expect(log.entries.find((e: { id: string }) => e.id === entry.id)).toMatchObject({ timeliness: 'open' });

    const events = await auditOf('privacy.request_recorded', person.id);
    expect(events).toEqual([
      { actor_id: adminId, details: { requestId: entry.id, kind: 'export', receivedOn: '2026-11-03' } },
    ]);
    const trail = (await admin.get(`/api/admin/audit?action=privacy.request_recorded`)).json();
    expect(trail.events[0].sentence).toMatch(
      /recorded a request from .*, received 2026-11-03, for a copy of their data/,
    );
  });

  it('counts a request received more than a month ago as overdue straight away', async () => {
    const other = await makePerson(t.db, 'author');
    const response = await record({ personId: other.id, kind: 'erasure', receivedOn: '2026-10-01' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ timeliness: 'overdue', kind: 'erasure', adminNote: null });
    expect(response.json().dueBy.slice(0, 10)).toBe('2026-11-01');
  });

  it('refuses a date in the future, a malformed date, an unknown person and a missing kind, storing nothing', async () => {
    const other = await makePerson(t.db, 'author');
    const future = await record({ personId: other.id, kind: 'export', receivedOn: '2026-11-21' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'received_in_future' });
    expect(future.json().error.message).toContain('after today');

    const malformed = await record({ personId: other.id, kind: 'export', receivedOn: '3/11/2026' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('year-month-day');

    const unknown = await record({ personId: randomUUID(), kind: 'export', receivedOn: '2026-11-03' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'unknown_person' });
    expect(unknown.json().error.message).toContain('choose them from the list');

    const noKind = await record({ personId: other.id, receivedOn: '2026-11-03' });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().error.message).toContain('copy of their data or for their account to be erased');

    expect(await requestsOf(other.id)).toEqual([]);
    expect(await auditOf('privacy.request_recorded', other.id)).toEqual([]);
  });

  it('accepts today’s date where the admin is', async () => {
    const other = await makePerson(t.db, 'author');
    // 23:30 on 20 Nov in London is already 21 Nov in Sydney.
    t.setNow(new Date('2026-11-20T23:30:00Z'));
    await t.db.updateTable('person').set({ time_zone: 'Australia/Sydney' }).where('id', '=', adminId).execute();
    try {
      expect((await record({ personId: other.id, kind: 'export', receivedOn: '2026-11-21' })).statusCode).toBe(201);
    } finally {
      await t.db.updateTable('person').set({ time_zone: 'Europe/London' }).where('id', '=', adminId).execute();
    }
    expect((await record({ personId: other.id, kind: 'export', receivedOn: '2026-11-22' })).statusCode).toBe(400);
  });
});

describe('closing a recorded request', () => {
  async function recorded(receivedOn = '2026-11-03') {
    const other = await makePerson(t.db, 'author');
    const entry = (await record({ personId: other.id, kind: 'export', receivedOn })).json();
    return { personId: other.id, id: entry.id as string };
  }

  it('marks it answered on the day given: in time up to and including the due date, late after', async () => {
    const onDueDate = await recorded('2026-10-20');
    const answered = await admin.post(`/api/admin/privacy/requests/${onDueDate.id}/answered`, {
      answeredOn: '2026-11-20',
      note: 'Copy sent by post',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'done', timeliness: 'in_time', answerNote: 'Copy sent by post' });
    expect(answered.json().completedAt.slice(0, 10)).toBe('2026-11-20');
    expect(await auditOf('privacy.request_answered', onDueDate.personId)).toEqual([
      { actor_id: adminId, details: { requestId: onDueDate.id, answeredOn: '2026-11-20' } },
    ]);
    // Answered by post, it is no copy to download: the person's and the admin's lists leave it out.
    expect((await admin.get(`/api/admin/people/${onDueDate.personId}/exports`)).json().exports).toEqual([]);

    const late = await recorded('2026-10-19');
    const lateAnswer = await admin.post(`/api/admin/privacy/requests/${late.id}/answered`, {
      answeredOn: '2026-11-20',
      note: 'Copy sent by post',
    });
    expect(lateAnswer.json()).toMatchObject({ timeliness: 'late' });

    const log = (await admin.get('/api/admin/privacy/requests')).json();
    expect(log.summary.answeredInTime).toBeGreaterThanOrEqual(1);
    expect(log.summary.answeredLate).toBeGreaterThanOrEqual(1);

    // Closed once: a second answer is refused and changes nothing.
    const again = await admin.post(`/api/admin/privacy/requests/${onDueDate.id}/answered`, {
      answeredOn: '2026-11-19',
      note: 'Again',
    });
    expect(again.statusCode).toBe(409);
    const [row] = await requestsOf(onDueDate.personId);
    expect(row!.answer_note).toBe('Copy sent by post');
  });

  it('refuses an answer dated in the future or before the request arrived, or with no note', async () => {
    const request = await recorded('2026-11-03');
    const cases = [
      [{ answeredOn: '2026-11-21', note: 'Sent' }, 'answered_in_future'],
      [{ answeredOn: '2026-11-02', note: 'Sent' }, 'answered_before_received'],
      [{ answeredOn: '2026-11-10', note: '   ' }, 'invalid_input'],
    ] as const;
    for (const [body, code] of cases) {
      const response = await admin.post(`/api/admin/privacy/requests/${request.id}/answered`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    const [row] = await requestsOf(request.personId);
    expect(row).toMatchObject({ status: 'received', completed_at: null, answer_note: null });
    expect(await auditOf('privacy.request_answered', request.personId)).toEqual([]);
  });

  it('cancels it with a reason: nothing was owed', async () => {
    const request = await recorded();
    const response = await admin.post(`/api/admin/privacy/requests/${request.id}/cancelled`, {
      note: 'Withdrawn by phone',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'cancelled',
      timeliness: 'closed_unanswered',
      answerNote: 'Withdrawn by phone',
    });
    expect(await auditOf('privacy.request_cancelled', request.personId)).toHaveLength(1);
  });

  it('leaves requests made on the site to the system', async () => {
    const selfRequest = await t.db
      .insertInto('subject_access_request')
      .values({
        person_id: person.id,
        kind: 'export',
        requested_by: person.id,
        requested_at: new Date('2026-11-19T09:00:00Z'),
        due_by: new Date('2026-12-19T09:00:00Z'),
        status: 'queued',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await admin.post(`/api/admin/privacy/requests/${selfRequest.id}/cancelled`, { note: 'No' });
    expect(response.statusCode).toBe(409);
    expect((await admin.post(`/api/admin/privacy/requests/${randomUUID()}/cancelled`, { note: 'No' })).statusCode).toBe(
      404,
    );
  });
});

describe('who may record', () => {
  it('is admins only: anyone else is refused and nothing is stored', async () => {
    const editor = await makePerson(t.db, 'editor');
    const editorClient = await signedIn(t.app, editor.email);
    const other = await makePerson(t.db, 'author');
    const response = await editorClient.post('/api/admin/privacy/requests', {
      personId: other.id,
      kind: 'export',
      receivedOn: '2026-11-03',
    });
    // Admin pages answer 404 to everyone else, so they do not even confirm the page exists.
    expect(response.statusCode).toBe(404);
    expect(await requestsOf(other.id)).toEqual([]);

    const request = (await record({ personId: other.id, kind: 'export', receivedOn: '2026-11-03' })).json();
    const answer = await editorClient.post(`/api/admin/privacy/requests/${request.id}/answered`, {
      answeredOn: '2026-11-10',
      note: 'Sent',
    });
    expect(answer.statusCode).toBe(404);
    expect((await requestsOf(other.id))[0]).toMatchObject({ status: 'received' });
  });

  it('needs the page’s CSRF token', async () => {
    const other = await makePerson(t.db, 'author');
    const response = await admin.request(
      'POST',
      '/api/admin/privacy/requests',
      { personId: other.id, kind: 'export', receivedOn: '2026-11-03' },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(await requestsOf(other.id)).toEqual([]);
  });
});
