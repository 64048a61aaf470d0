import { describe, expect, it } from 'vitest';
import { mailTestBed } from '../../test/mail-bed.ts';
import { DAY, makeAssignment as makeAssignmentIn, reminder } from '../../test/mail-fixtures.ts';
import { mimeParts } from '../../test/smtp.ts';
import { queueMail } from '../outbox/enqueue.ts';
import { deliverMail } from './deliver.ts';

const bed = mailTestBed();
const { smtp } = bed;
const delivery = (smtpUrl: string | undefined, now?: Date) => bed.delivery(smtpUrl, now);
const row = (id: string) => bed.message(id);

const makeAssignment = (options?: Parameters<typeof makeAssignmentIn>[1]) => makeAssignmentIn(bed.db, options);

describe('the HTML part', () => {
  it('sends the HTML beside the plain text, as multipart/alternative', async () => {
    const server = await smtp();
    const a = await makeAssignment();
    const id = await queueMail(bed.db, reminder(a));
    expect(await deliverMail(delivery(server.url), id)).toBe('sent');

    const [received] = server.received;
    expect(received?.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    const parts = mimeParts(received!.raw);
    expect(parts.map((part) => part.headers.get('content-type')?.split(';')[0])).toEqual(['text/plain', 'text/html']);
    expect(parts[0]?.body).toContain('your review is due soon.');
    expect(parts[1]?.body).toContain('<strong>due soon</strong>');
  });

  it('sends plain text alone when the message has no HTML', async () => {
    const server = await smtp();
    const id = await queueMail(bed.db, {
      to: 'plain@example.org',
      template: 'test',
      subject: 'Plain',
      text: 'Only text.',
    });
    expect(await deliverMail(delivery(server.url), id)).toBe('sent');
    expect(server.received[0]?.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(server.received[0]?.body).toBe('Only text.');
  });
});

describe('the send-time check of a reminder', () => {
  const cases: Array<{
    what: string;
    change: (a: Awaited<ReturnType<typeof makeAssignment>>) => Promise<unknown>;
    template?: string;
    reason: string;
  }> = [
    {
      what: 'the review was submitted',
      change: (a) =>
        bed.db
          .updateTable('assignment')
          .set({ status: 'submitted', submitted_at: new Date() })
          .where('id', '=', a.assignmentId)
          .execute(),
      reason: 'Not sent: the review was submitted before the reminder went out.',
    },
    {
      what: 'the assignment was cancelled',
      change: (a) =>
        bed.db
          .updateTable('assignment')
          .set({ status: 'cancelled', cancelled_at: new Date() })
          .where('id', '=', a.assignmentId)
          .execute(),
      reason: 'Not sent: the assignment was cancelled before the reminder went out.',
    },
    {
      what: 'reminders were paused with no end',
      change: (a) =>
        bed.db
          .updateTable('assignment')
          .set({ reminders_paused_from: new Date(Date.now() - DAY) })
          .where('id', '=', a.assignmentId)
          .execute(),
      reason: 'Not sent: the editors paused reminders for this assignment.',
    },
    {
      what: 'reminders are paused until a date',
      change: (a) =>
        bed.db
          .updateTable('assignment')
          .set({
            reminders_paused_from: new Date(Date.now() - DAY),
            reminders_paused_until: new Date('2099-03-04T12:00:00Z'),
          })
          .where('id', '=', a.assignmentId)
          .execute(),
      reason: 'Not sent: the editors paused reminders for this assignment until 4 March 2099.',
    },
    {
      what: 'the submission was withdrawn',
      change: (a) =>
        bed.db.updateTable('submission').set({ status: 'withdrawn' }).where('id', '=', a.submissionId).execute(),
      reason: 'Not sent: the submission was withdrawn before the reminder went out.',
    },
    {
      what: 'the submission moved to a new round',
      change: (a) => bed.db.updateTable('submission').set({ round: 2 }).where('id', '=', a.submissionId).execute(),
      reason: 'Not sent: the submission moved on to a new round of review before the reminder went out.',
    },
    {
      what: 'the due date passed (a due-soon reminder)',
      change: (a) =>
        bed.db
          .updateTable('assignment')
          .set({ due_at: new Date(Date.now() - 60_000) })
          .where('id', '=', a.assignmentId)
          .execute(),
      reason: 'Not sent: the due date passed before the reminder went out.',
    },
    {
      what: 'the invitation expired by its date though the sweep has not yet marked it (an invitation reminder)',
      template: 'reminder.invitation',
      change: (a) =>
        bed.db
          .updateTable('assignment')
          .set({ status: 'invited', responded_at: null, invitation_expires_at: new Date(Date.now() - 60_000) })
          .where('id', '=', a.assignmentId)
          .execute(),
      reason: 'Not sent: the invitation expired before the reminder went out.',
    },
    {
      what: 'the invitation was accepted (an invitation reminder)',
      template: 'reminder.invitation',
      change: async () => {},
      reason: 'Not sent: the reviewer accepted the invitation before the reminder went out.',
    },
  ];

  for (const { what, change, template, reason } of cases) {
    it(`skips it, with its reason, when ${what} after it was written`, async () => {
      const server = await smtp();
      const mail = delivery(server.url);
      const a = await makeAssignment();
      const id = await queueMail(bed.db, reminder(a, template));
      await change(a);

      expect(await deliverMail(mail, id)).toBe('skipped');
      expect(server.received).toHaveLength(0);
      expect(await row(id)).toMatchObject({ status: 'skipped', last_error: reason, attempts: 0, delivered_at: null });
      // Final and idempotent: the job running again (or its last attempt) sends nothing and changes nothing.
      expect(await deliverMail(mail, id, { finalAttempt: true })).toBe('skipped');
      expect(server.received).toHaveLength(0);
      expect(await row(id)).toMatchObject({ status: 'skipped', last_error: reason, attempts: 0 });
    });
  }

  it('sends it when the pause is over or not yet begun, using the delivery clock', async () => {
    const server = await smtp();
    const a = await makeAssignment();
    await bed.db
      .updateTable('assignment')
      .set({
        reminders_paused_from: new Date('2030-01-10T00:00:00Z'),
        reminders_paused_until: new Date('2030-01-20T00:00:00Z'),
        due_at: new Date('2030-02-01T00:00:00Z'),
      })
      .where('id', '=', a.assignmentId)
      .execute();
    const during = await queueMail(bed.db, reminder(a));
    expect(await deliverMail(delivery(server.url, new Date('2030-01-15T00:00:00Z')), during)).toBe('skipped');
    const after = await queueMail(bed.db, reminder(a));
    expect(await deliverMail(delivery(server.url, new Date('2030-01-20T00:00:00Z')), after)).toBe('sent');
    const before = await queueMail(bed.db, reminder(a));
    expect(await deliverMail(delivery(server.url, new Date('2030-01-09T23:59:00Z')), before)).toBe('sent');
    expect(server.received).toHaveLength(2);
  });

  it("sends an editor's reminder sent by hand (reason 'manual') even while reminders are paused", async () => {
    const server = await smtp();
    const a = await makeAssignment();
    await bed.db
      .updateTable('assignment')
      .set({ reminders_paused_from: new Date(Date.now() - DAY) })
      .where('id', '=', a.assignmentId)
      .execute();
    const manual = await queueMail(bed.db, reminder(a));
    await bed.db
      .insertInto('reminder_sent')
      .values({
        assignment_id: a.assignmentId,
        reason: 'manual',
        sequence: 1,
        anchor_at: new Date(),
        email_message_id: manual,
      })
      .execute();
    const scheduled = await queueMail(bed.db, reminder(a));
    expect(await deliverMail(delivery(server.url), manual)).toBe('sent');
    expect(await deliverMail(delivery(server.url), scheduled)).toBe('skipped');
    expect(server.received).toHaveLength(1);
  });

  it('skips a due-date reminder written for a due date that has since been moved', async () => {
    const server = await smtp();
    const a = await makeAssignment();
    const id = await queueMail(bed.db, reminder(a, 'reminder.overdue'));
    await bed.db
      .insertInto('reminder_sent')
      .values({
        assignment_id: a.assignmentId,
        reason: 'overdue',
        sequence: 1,
        anchor_at: a.dueAt,
        email_message_id: id,
      })
      .execute();
    await bed.db
      .updateTable('assignment')
      .set({ due_at: new Date(a.dueAt.getTime() + 14 * DAY) })
      .where('id', '=', a.assignmentId)
      .execute();
    expect(await deliverMail(delivery(server.url), id)).toBe('skipped');
    expect((await row(id)).last_error).toBe('Not sent: the due date was changed before the reminder went out.');
    expect(server.received).toHaveLength(0);
  });

  it('still sends a reminder that applies, and a message about an assignment that is not a reminder', async () => {
    const server = await smtp();
    const mail = delivery(server.url);
    const open = await makeAssignment();
    const stillDue = await queueMail(bed.db, reminder(open));
    expect(await deliverMail(mail, stillDue)).toBe('sent');

    const done = await makeAssignment({ status: 'submitted' });
    const thanks = await queueMail(bed.db, {
      ...reminder(done, 'review.thanks'),
      subject: 'Thank you for your review',
    });
    expect(await deliverMail(mail, thanks)).toBe('sent');
    expect(server.received.map((m) => m.headers.get('subject'))).toEqual([
      'Reminder: your review of DLVR-2027-0001 is due soon',
      'Thank you for your review',
    ]);
  });

  it('marks it skipped in demo mode too (no mail server), so the mail log says it was not sent', async () => {
    const a = await makeAssignment({ submissionStatus: 'decided' });
    const id = await queueMail(bed.db, reminder(a));
    expect(await deliverMail(delivery(undefined), id)).toBe('skipped');
    expect(await row(id)).toMatchObject({
      status: 'skipped',
      last_error: 'Not sent: a decision was made on the submission before the reminder went out.',
    });
  });
});
