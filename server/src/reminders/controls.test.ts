// The editor's reminder controls (pause, resume, send now, dismiss, unresponsive), the call's
// reminder policy form and its "scheduled in the next 14 days" view: what each does, what the
// sweep's rule then gives, the mails, the audit, and the 404 for everyone who is not the editor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, makeVenue, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';
import { makeCall } from '../../test/factories.ts';
import { makeAlternate, makeAssignment, makeSentSubmission } from '../../test/review-panel-factories.ts';
import { grantRole } from '../accounts/person.repository.ts';
import { loadReminderSubjects } from './assignment-facts.ts';
import { planReminders } from './plan.ts';
import { reminderDue } from './schedule.ts';

const DAY = 86_400_000;
let t: TestApp;
let venueId: string;
let callId: string;
let editor: TestClient;
let otherEditor: TestClient;
let editorAuthor: TestClient;
let author: TestClient;
let coAuthor: TestClient;
let reviewerClient: TestClient;
let people: Record<string, { id: string; email: string }>;

beforeAll(async () => {
  t = await buildTestApp();
  const other = await makeVenue(t.db);
  venueId = (await makeVenue(t.db)).id;
  callId = await makeCall(t.db, venueId);
  people = {
    editor: await makePerson(t.db, 'author'),
    otherEditor: await makePerson(t.db, 'author'),
    editorAuthor: await makePerson(t.db, 'author'),
    author: await makePerson(t.db, 'author'),
    coAuthor: await makePerson(t.db, 'author'),
    reviewer: await makePerson(t.db, 'author'),
  };
  await grantRole(t.db, people.editor!.id, 'editor', venueId);
  await grantRole(t.db, people.editorAuthor!.id, 'editor', venueId);
  await grantRole(t.db, people.otherEditor!.id, 'editor', other.id);
  editor = await signedIn(t.app, people.editor!.email);
  otherEditor = await signedIn(t.app, people.otherEditor!.email);
  editorAuthor = await signedIn(t.app, people.editorAuthor!.email);
  author = await signedIn(t.app, people.author!.email);
  coAuthor = await signedIn(t.app, people.coAuthor!.email);
  reviewerClient = await signedIn(t.app, people.reviewer!.email);
});
afterAll(async () => {
  t.setNow(null);
  await t.close();
});

/** A submission in review (authors: author, co-author, the editor-author), one assignment. */
async function withAssignment(status: 'invited' | 'accepted' = 'accepted', dueInDays = 10) {
  const submissionId = await makeSentSubmission(t.db, {
    venueId,
    callId,
    submitterId: people.author!.id,
    coAuthorIds: [people.coAuthor!.id, people.editorAuthor!.id],
  });
  const reviewer = await makePerson(t.db, 'author');
  const assignmentId = await makeAssignment(t.db, {
    submissionId,
    reviewerId: reviewer.id,
    reviewerNumber: 1,
    status,
    dueAt: new Date(Date.now() + dueInDays * DAY),
  });
  // Invited (and accepted) a while ago, so the schedule has something in reach.
  await t.db
    .updateTable('assignment')
    .set({
      invited_at: new Date(Date.now() - 3 * DAY),
      responded_at: status === 'accepted' ? new Date(Date.now() - 2 * DAY) : null,
    })
    .where('id', '=', assignmentId)
    .execute();
  // Another reviewer's assignment on the same submission (for the "reviewer of another" check).
  await makeAssignment(t.db, { submissionId, reviewerId: people.reviewer!.id, reviewerNumber: 2 });
  return { submissionId, assignmentId, reviewer };
}

const mailsTo = (email: string, template?: string) => {
  let query = t.db
    .selectFrom('email_message')
    .select(['subject', 'text_body', 'template'])
    .where('to_address', '=', email);
  if (template) query = query.where('template', '=', template);
  return query.orderBy('created_at').execute();
};
const auditActions = async (objectId: string) =>
  (await t.db.selectFrom('audit_event').select('action').where('object_id', '=', objectId).orderBy('id').execute()).map(
    (row) => row.action,
  );
const dueNow = async (assignmentId: string, now: Date) => {
  const [subject] = await loadReminderSubjects(t.db, { assignmentIds: [assignmentId] });
  return subject ? reminderDue(subject.facts, subject.policy, subject.sent, now) : null;
};
const panel = async (submissionId: string) => {
  const response = await editor.get(`/api/submissions/${submissionId}/reminders`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().assignments[0];
};

describe('pause and resume', () => {
  it('pausing until a date stops the reminders until then; the next one shown is after it', async () => {
    const { submissionId, assignmentId } = await withAssignment('accepted', 6);
    // Due in 6 days: the "7 days before" reminder is due now.
    expect((await dueNow(assignmentId, new Date()))?.kind).toBe('due_soon');
    const until = new Date(Date.now() + 3 * DAY);
    const paused = await editor.post(`/api/assignments/${assignmentId}/reminders/pause`, {
      until: until.toISOString(),
    });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(await dueNow(assignmentId, new Date(Date.now() + 60_000))).toBeNull();
    expect(await dueNow(assignmentId, new Date(Date.now() + 2 * DAY))).toBeNull();
    expect(await dueNow(assignmentId, new Date(until.getTime() + 60_000))).not.toBeNull();
    const row = await panel(submissionId);
    expect(row.paused).toBe(true);
    expect(row.pausedUntil).toBe(until.toISOString());
    expect(new Date(row.next.at).getTime()).toBeGreaterThanOrEqual(until.getTime());
    expect(await auditActions(assignmentId)).toContain('assignment.reminders_paused');
  });

  it('pausing with no date holds until resumed; resuming sends the latest one due, once', async () => {
    const { submissionId, assignmentId } = await withAssignment('accepted', 6);
    expect((await editor.post(`/api/assignments/${assignmentId}/reminders/pause`, {})).statusCode).toBe(200);
    expect(await dueNow(assignmentId, new Date(Date.now() + 30 * DAY))).toBeNull();
    expect((await panel(submissionId)).next).toBeNull();
    expect((await editor.post(`/api/assignments/${assignmentId}/reminders/resume`)).statusCode).toBe(200);
    expect((await dueNow(assignmentId, new Date()))?.kind).toBe('due_soon');
    expect((await panel(submissionId)).paused).toBe(false);
    expect(await auditActions(assignmentId)).toEqual(
      expect.arrayContaining(['assignment.reminders_paused', 'assignment.reminders_resumed']),
    );
  });

  it('refuses a pause date in the past (400) and a closed assignment (409)', async () => {
    const { assignmentId } = await withAssignment();
    const past = await editor.post(`/api/assignments/${assignmentId}/reminders/pause`, {
      until: new Date(Date.now() - DAY).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    await t.db
      .updateTable('assignment')
      .set({ status: 'submitted', submitted_at: new Date() })
      .where('id', '=', assignmentId)
      .execute();
    expect((await editor.post(`/api/assignments/${assignmentId}/reminders/pause`, {})).statusCode).toBe(409);
  });
});

describe('send a reminder now', () => {
  it('sends one reminder mail, records it as manual, and refuses another within the hour', async () => {
    const { submissionId, assignmentId, reviewer } = await withAssignment('accepted', 10);
    const sent = await editor.post(`/api/assignments/${assignmentId}/reminders/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    const mails = await mailsTo(reviewer.email);
    expect(mails.map((m) => m.template)).toEqual(['reminder.due_soon']);
    const rows = await t.db.selectFrom('reminder_sent').selectAll().where('assignment_id', '=', assignmentId).execute();
    expect(rows).toMatchObject([{ reason: 'manual', sequence: 1, sent_by: people.editor!.id }]);
    const again = await editor.post(`/api/assignments/${assignmentId}/reminders/send`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/less than an hour ago/);
    expect(await mailsTo(reviewer.email)).toHaveLength(1);
    // An hour later: allowed, numbered 2.
    t.setNow(new Date(Date.now() + 61 * 60_000));
    try {
      expect((await editor.post(`/api/assignments/${assignmentId}/reminders/send`)).statusCode).toBe(200);
    } finally {
      t.setNow(null);
    }
    const numbers = await t.db
      .selectFrom('reminder_sent')
      .select('sequence')
      .where('assignment_id', '=', assignmentId)
      .orderBy('sequence')
      .execute();
    expect(numbers.map((n) => n.sequence)).toEqual([1, 2]);
    const row = await panel(submissionId);
    expect(row.sent).toMatchObject([
      { kind: 'manual', occurrence: 1, byHand: true },
      { kind: 'manual', occurrence: 2, byHand: true },
    ]);
    expect(await auditActions(assignmentId)).toContain('assignment.reminder_sent_by_hand');
  });

  it('asks an invited reviewer for an answer, and is refused once the assignment is closed', async () => {
    const { assignmentId, reviewer } = await withAssignment('invited');
    expect((await editor.post(`/api/assignments/${assignmentId}/reminders/send`)).statusCode).toBe(200);
    expect((await mailsTo(reviewer.email)).map((m) => m.template)).toEqual(['reminder.invitation']);
    const closed = await withAssignment('accepted');
    await t.db
      .updateTable('assignment')
      .set({ status: 'cancelled', cancelled_at: new Date() })
      .where('id', '=', closed.assignmentId)
      .execute();
    expect((await editor.post(`/api/assignments/${closed.assignmentId}/reminders/send`)).statusCode).toBe(409);
    expect(await mailsTo(closed.reviewer.email)).toHaveLength(0);
  });
});

describe('attention', () => {
  it('shows the flag on the panel and dismisses it, audited', async () => {
    const { submissionId, assignmentId } = await withAssignment();
    await t.db
      .updateTable('assignment')
      .set({ attention: 'A reminder could not be delivered: 550 mailbox unknown', attention_at: new Date() })
      .where('id', '=', assignmentId)
      .execute();
    expect((await panel(submissionId)).attention).toMatch(/550 mailbox unknown/);
    expect((await editor.post(`/api/assignments/${assignmentId}/attention/dismiss`)).statusCode).toBe(200);
    expect((await panel(submissionId)).attention).toBeNull();
    expect(await auditActions(assignmentId)).toContain('assignment.attention_dismissed');
  });
});

describe('mark unresponsive', () => {
  it('cancels through the state machine, tells the reviewer, invites the next alternate, says who', async () => {
    const { submissionId, assignmentId, reviewer } = await withAssignment('invited');
    const alternate = await makePerson(t.db, 'author');
    await t.db.updateTable('person').set({ name: 'Alma Ternate' }).where('id', '=', alternate.id).execute();
    await makeAlternate(t.db, { submissionId, personId: alternate.id, position: 1 });
    const marked = await editor.post(`/api/assignments/${assignmentId}/unresponsive`);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ alternateInvited: 'Alma Ternate' });
    const row = await t.db
      .selectFrom('assignment')
      .select(['status', 'cancel_reason'])
      .where('id', '=', assignmentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'cancelled', cancel_reason: 'unresponsive' });
    expect((await mailsTo(reviewer.email)).map((m) => m.template)).toEqual(['assignment.cancelled']);
    expect((await mailsTo(alternate.email)).map((m) => m.template)).toEqual(['assignment.invitation']);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_id', '=', assignmentId)
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'assignment.status_changed',
          details: expect.objectContaining({ reason: 'unresponsive' }),
        }),
        expect.objectContaining({ action: 'assignment.marked_unresponsive' }),
      ]),
    );
  });

  it('with nobody lined up says so (null) and still cancels', async () => {
    const { assignmentId } = await withAssignment('accepted');
    const marked = await editor.post(`/api/assignments/${assignmentId}/unresponsive`);
    expect(marked.json()).toEqual({ alternateInvited: null });
    expect((await editor.post(`/api/assignments/${assignmentId}/unresponsive`)).statusCode).toBe(409);
  });
});

describe('the reminder policy of a call', () => {
  it('saves a valid policy (and the expiry as invitation_days), audited; "use the defaults" clears it', async () => {
    const policy = {
      invitationRemindersAfterDays: [3, 8],
      invitationExpiresAfterDays: 12,
      dueSoonBeforeDays: [5],
      overdueFirstAfterDays: 2,
      overdueEveryDays: 4,
      overdueTimes: 2,
      escalate: false,
    };
    const saved = await editor.put(`/api/calls/${callId}/reminder-policy`, { policy });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ policy, usesDefaults: false });
    const call = await t.db
      .selectFrom('call')
      .select(['reminder_policy', 'invitation_days'])
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(call).toEqual({ reminder_policy: policy, invitation_days: 12 });
    expect((await editor.get(`/api/calls/${callId}/reminder-policy`)).json().policy).toEqual(policy);
    expect(await auditActions(callId)).toContain('call.reminder_policy_changed');
    const reset = await editor.put(`/api/calls/${callId}/reminder-policy`, { policy: null });
    expect(reset.json()).toMatchObject({ usesDefaults: true, policy: { invitationExpiresAfterDays: 14 } });
    const after = await t.db
      .selectFrom('call')
      .select(['reminder_policy', 'invitation_days'])
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ reminder_policy: null, invitation_days: 14 });
  });

  it('answers 400 with a message per field and stores nothing', async () => {
    const before = await t.db
      .selectFrom('call')
      .select(['reminder_policy', 'invitation_days'])
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    const bad = await editor.put(`/api/calls/${callId}/reminder-policy`, {
      policy: {
        invitationRemindersAfterDays: [5, 20],
        invitationExpiresAfterDays: 14,
        dueSoonBeforeDays: [7, 7],
        overdueFirstAfterDays: -1,
        overdueEveryDays: 7,
        overdueTimes: 3,
        escalate: true,
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['policy.overdueFirstAfterDays']));
    const half = await editor.put(`/api/calls/${callId}/reminder-policy`, {
      policy: { invitationRemindersAfterDays: [5, 20], invitationExpiresAfterDays: 14, dueSoonBeforeDays: [7, 7] },
    });
    expect(half.statusCode).toBe(400);
    const fields = half.json().error.fields as Array<{ path: string; message: string }>;
    expect(fields.find((f) => f.path === 'policy.invitationRemindersAfterDays')?.message).toMatch(
      /after the invitation has expired/,
    );
    expect(fields.find((f) => f.path === 'policy.dueSoonBeforeDays')?.message).toMatch(/listed twice/);
    // Whole days only: a fraction (a reminder every 86 seconds) is refused at its field.
    for (const policy of [
      { overdueEveryDays: 0.001 },
      { invitationRemindersAfterDays: [2.5] },
      { dueSoonBeforeDays: [0] },
      { overdueFirstAfterDays: 366 },
    ]) {
      const fraction = await editor.put(`/api/calls/${callId}/reminder-policy`, { policy });
      expect(fraction.statusCode, JSON.stringify(policy)).toBe(400);
      const [field] = fraction.json().error.fields as Array<{ path: string; message: string }>;
      expect(field!.path).toMatch(new RegExp(`^policy\\.${Object.keys(policy)[0]}`));
      expect(field!.message).toMatch(/whole number of days|at least 1 day|at most 365 days/);
    }
    const days = await editor.put(`/api/calls/${callId}/reminder-policy`, {
      policy: { invitationExpiresAfterDays: 120 },
    });
    expect(days.statusCode).toBe(400);
    const after = await t.db
      .selectFrom('call')
      .select(['reminder_policy', 'invitation_days'])
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});

describe('reminders scheduled in the next 14 days', () => {
  it('lists what planReminders gives for the call, and nothing of the editor-author’s own submissions', async () => {
    const venue = await makeVenue(t.db);
    await grantRole(t.db, people.editor!.id, 'editor', venue.id);
    await grantRole(t.db, people.editorAuthor!.id, 'editor', venue.id);
    const ownCall = await makeCall(t.db, venue.id);
    const mine = await makeSentSubmission(t.db, {
      venueId: venue.id,
      callId: ownCall,
      submitterId: people.editorAuthor!.id,
    });
    const theirs = await makeSentSubmission(t.db, {
      venueId: venue.id,
      callId: ownCall,
      submitterId: people.author!.id,
    });
    for (const submissionId of [mine, theirs]) {
      for (const [n, dueDays] of [
        [1, 4],
        [2, 12],
      ] as const) {
        const id = await makeAssignment(t.db, {
          submissionId,
          reviewerId: (await makePerson(t.db)).id,
          reviewerNumber: n,
          dueAt: new Date(Date.now() + dueDays * DAY),
        });
        await t.db
          .updateTable('assignment')
          .set({ responded_at: new Date(Date.now() - DAY) })
          .where('id', '=', id)
          .execute();
      }
    }
    const now = new Date(Date.now() + 1000);
    t.setNow(now);
    let answer: {
      reminders: Array<{ at: string; submissionId: string; reviewerNumber: number; kind: string; occurrence: number }>;
    };
    try {
      const response = await editor.get(`/api/calls/${ownCall}/scheduled-reminders`);
      expect(response.statusCode, response.body).toBe(200);
      answer = response.json();
      const own = await editorAuthor.get(`/api/calls/${ownCall}/scheduled-reminders`);
      expect(own.statusCode).toBe(200);
      expect(own.json().reminders.every((r: { submissionId: string }) => r.submissionId === theirs)).toBe(true);
      expect(own.json().reminders.length).toBeGreaterThan(0);
    } finally {
      t.setNow(null);
    }
    // The same code as the sweep, run here on the same facts.
    const subjects = await loadReminderSubjects(t.db, { callId: ownCall });
    // The sweep runs at whole multiples of its interval; the view walks the same times.
    const firstSweep = new Date(Math.ceil(now.getTime() / (15 * 60_000)) * 15 * 60_000);
    const expected = planReminders({
      from: firstSweep,
      to: new Date(now.getTime() + 14 * DAY),
      everyMinutes: 15,
      policy: subjects[0]!.policy,
      assignments: subjects.map((s) => ({
        id: s.facts.id,
        timeZone: 'UTC',
        invitedAt: s.facts.invitedAt,
        dueAt: s.facts.dueAt!,
        acceptedAt: s.facts.acceptedAt!,
      })),
      alreadySent: new Map(subjects.map((s) => [s.facts.id, s.sent])),
    });
    expect(answer.reminders.map((r) => [r.at, r.kind, r.occurrence])).toEqual(
      expected.map((p) => [p.at, p.kind, p.occurrence]),
    );
    // Due in 4 days (accepted after the 7-day one): 1 day before, overdue after 1 and 8 days; due
    // in 12 days: 7 and 1 day before, overdue after 1 day. Both submissions, for this editor.
    const once = ['1:due_soon:2', '1:overdue:1', '1:overdue:2', '2:due_soon:1', '2:due_soon:2', '2:overdue:1'];
    expect(answer.reminders.map((r) => `${r.reviewerNumber}:${r.kind}:${r.occurrence}`).sort()).toEqual(
      [...once, ...once].sort(),
    );
  });
});

describe('who may use the controls', () => {
  it('answers 404 to everyone but the venue’s editors (not to an editor who is an author)', async () => {
    const { submissionId, assignmentId } = await withAssignment();
    const otherCall = await makeCall(t.db, (await makeVenue(t.db)).id);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/submissions/${submissionId}/reminders`],
      ['POST', `/api/assignments/${assignmentId}/reminders/pause`, {}],
      ['POST', `/api/assignments/${assignmentId}/reminders/resume`],
      ['POST', `/api/assignments/${assignmentId}/reminders/send`],
      ['POST', `/api/assignments/${assignmentId}/attention/dismiss`],
      ['POST', `/api/assignments/${assignmentId}/unresponsive`],
      ['GET', `/api/calls/${callId}/scheduled-reminders`],
      ['GET', `/api/calls/${callId}/reminder-policy`],
      ['PUT', `/api/calls/${callId}/reminder-policy`, { policy: null }],
    ];
    const callRoute = (path: string) => path.startsWith('/api/calls/');
    for (const [who, client] of [
      ['reviewer of another assignment', reviewerClient],
      ['author', author],
      ['co-author', coAuthor],
      ['editor of another venue', otherEditor],
      ['editor who is an author', editorAuthor],
    ] as const) {
      for (const [method, path, body] of routes) {
        // The editor-author edits the venue: the call's pages are theirs (their own submission's
        // reviewers are left out of the list, tested above).
        if (who === 'editor who is an author' && callRoute(path)) continue;
        const response = await client.request(method as 'GET', path, body);
        expect(response.statusCode, `${who} ${method} ${path}`).toBe(404);
      }
    }
    expect((await editor.get(`/api/calls/${otherCall}/scheduled-reminders`)).statusCode).toBe(404);
    expect(
      (await t.db.selectFrom('assignment').select('status').where('id', '=', assignmentId).executeTakeFirstOrThrow())
        .status,
    ).toBe('accepted');
    expect(
      await t.db.selectFrom('reminder_sent').select('id').where('assignment_id', '=', assignmentId).execute(),
    ).toHaveLength(0);
  });
});
