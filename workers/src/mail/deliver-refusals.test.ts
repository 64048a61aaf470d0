// A mail server's refusal (issue 11): the mail log keeps its answer, and a final failure of a
// message about an assignment flags the assignment for the editor. Real PostgreSQL, an in-process
// SMTP server.
import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { mailTestBed } from '../../test/mail-bed.ts';
import { makeAssignment as makeAssignmentIn, reminder } from '../../test/mail-fixtures.ts';
import { startSmtpServer } from '../../test/smtp.ts';
import { queueMail } from '../outbox/enqueue.ts';
import { deliverMail } from './deliver.ts';

const bed = mailTestBed();
const { smtp } = bed;
const delivery = (smtpUrl: string | undefined, now?: Date) => bed.delivery(smtpUrl, now);
const row = (id: string) => bed.message(id);
const assignmentRow = (id: string) =>
  bed.db.selectFrom('assignment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const makeAssignment = (options?: Parameters<typeof makeAssignmentIn>[1]) => makeAssignmentIn(bed.db, options);

describe('a refusal by the mail server', () => {
  it('on 550 at RCPT marks it failed with the answer and flags the assignment for the editor', async () => {
    const server = await smtp({ rejectRecipients: { code: 550, message: '5.1.1 No such mailbox here' } });
    const a = await makeAssignment();
    const id = await queueMail(bed.db, reminder(a));
    await bed.db
      .updateTable('email_message')
      .set({ created_at: new Date('2027-03-05T09:00:00Z') })
      .where('id', '=', id)
      .execute();
    const before = new Date();

    const error = await deliverMail(delivery(server.url), id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'The mail server refused the address: 550 5.1.1 No such mailbox here',
    });
    const flagged = await assignmentRow(a.assignmentId);
    expect(flagged.attention).toBe(
      "The reminder sent on 5 March 2027 could not be delivered to the reviewer's address: 550 5.1.1 No such mailbox here",
    );
    expect(flagged.attention_at!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it('on 554 after DATA marks it failed with the answer and flags the assignment', async () => {
    const server = await smtp({ rejectData: { code: 554, message: '5.7.1 Message rejected as spam' } });
    const a = await makeAssignment();
    const id = await queueMail(bed.db, reminder(a, 'reminder.overdue'));
    await expect(deliverMail(delivery(server.url), id)).rejects.toBeInstanceOf(UnrecoverableError);
    expect((await row(id)).last_error).toBe('The mail server refused the message: 554 5.7.1 Message rejected as spam');
    expect((await assignmentRow(a.assignmentId)).attention).toContain(
      "could not be delivered to the reviewer's address: 554 5.7.1 Message rejected as spam",
    );
  });

  it('on 451 keeps it for a retry without flagging; only the final attempt fails and flags it', async () => {
    const server = await smtp({ rejectRecipients: { code: 451, message: '4.7.1 Greylisted, try later' } });
    const mail = delivery(server.url);
    const a = await makeAssignment();
    const id = await queueMail(bed.db, reminder(a));

    const error = await deliverMail(mail, id, { finalAttempt: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect(await row(id)).toMatchObject({
      status: 'pending',
      last_error: 'The mail server refused the address: 451 4.7.1 Greylisted, try later',
    });
    expect(await assignmentRow(a.assignmentId)).toMatchObject({ attention: null, attention_at: null });

    await expect(deliverMail(mail, id, { finalAttempt: true })).rejects.toThrow('Greylisted');
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect((await assignmentRow(a.assignmentId)).attention).toMatch(
      /^The reminder sent on .* could not be delivered to the reviewer's address: 451 4\.7\.1 Greylisted, try later$/,
    );
  });

  it('on the last attempt with the mail server unreachable says so, not that the address is wrong', async () => {
    const gone = await startSmtpServer();
    await gone.close();
    const a = await makeAssignment();
    const id = await queueMail(bed.db, reminder(a));
    await expect(deliverMail(delivery(gone.url), id, { finalAttempt: false })).rejects.toThrow();
    expect(await row(id)).toMatchObject({ status: 'pending' });
    expect((await assignmentRow(a.assignmentId)).attention).toBeNull();

    await expect(deliverMail(delivery(gone.url), id, { finalAttempt: true })).rejects.toThrow();
    const after = await row(id);
    expect(after.status).toBe('failed');
    expect(after.last_error).toMatch(/^Could not hand the message to the mail server: .*ECONNREFUSED/);
    expect((await assignmentRow(a.assignmentId)).attention).toMatch(
      /^The reminder sent on .* could not be sent: our mail server could not be reached \(.*ECONNREFUSED.*\)\. The office can see it on the mail log\.$/,
    );
  });

  it('on a refusal of a message without an assignment flags nothing', async () => {
    const server = await smtp({ rejectRecipients: { code: 550, message: 'No such mailbox here' } });
    const a = await makeAssignment();
    const id = await queueMail(bed.db, { to: a.reviewer.email, template: 'test', subject: 'Hello', text: 'Hi.' });
    await expect(deliverMail(delivery(server.url), id)).rejects.toBeInstanceOf(UnrecoverableError);
    expect((await row(id)).status).toBe('failed');
    expect((await assignmentRow(a.assignmentId)).attention).toBeNull();
  });

  it('on an address the server cannot take at all marks it failed at once', async () => {
    const server = await smtp();
    const id = await queueMail(bed.db, { to: 'not an address', template: 'test', subject: 'Hello', text: 'Hi.' });
    await expect(deliverMail(delivery(server.url), id, { finalAttempt: false })).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
    const after = await row(id);
    expect(after.status).toBe('failed');
    expect(after.last_error).toMatch(/^No address the mail server could take: /);
  });
});
