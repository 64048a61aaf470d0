// The mail log's view of delivery problems (issue 11): a refused message shows the mail server's
// answer, a reminder that no longer applied shows why it was not sent, and the office can list
// only the delivered, failed or not-sent ones. The rows are written as the mail worker writes them
// (workers/src/mail/deliver-checks.test.ts proves the worker does).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makePerson, type TestApp } from '../../test/build-test-app.ts';
import { signedIn, type TestClient } from '../../test/client.ts';

let t: TestApp;
let admin: TestClient;
const ids: Record<string, string> = {};

const refusal = 'The mail server refused the address: 550 5.1.1 No such mailbox here';
const skipReason = 'Not sent: the review was submitted before the reminder went out.';

beforeAll(async () => {
  t = await buildTestApp();
  admin = await signedIn(t.app, (await makePerson(t.db, 'admin')).email);
  const rows = [
    ['sent', 'sent', null],
    ['captured', 'captured', null],
    ['failed', 'failed', refusal],
    ['unknown', 'unknown', 'Sending was interrupted'],
    ['skipped', 'skipped', skipReason],
    ['pending', 'pending', null],
  ] as const;
  for (const [name, status, lastError] of rows) {
    const { id } = await t.db
      .insertInto('email_message')
      .values({
        to_address: `mail-log-${name}@example.org`,
        template: name === 'skipped' ? 'reminder.overdue' : 'test',
        subject: `Message ${name}`,
        text_body: 'Your link: https://submit.test.example/invitations/SECRET-LINK-TOKEN\n',
        status,
        last_error: lastError,
        attempts: status === 'skipped' || status === 'pending' ? 0 : 1,
        delivered_at: status === 'sent' || status === 'captured' ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[name] = id;
  }
});
afterAll(async () => {
  await t.close();
});

const shown = async (query: string) => {
  const response = await admin.get(`/api/admin/mail?to=mail-log-${query}`);
  expect(response.statusCode).toBe(200);
  return response
    .json()
    .messages.map((m: { subject: string }) => m.subject)
    .sort();
};

describe('the mail log and delivery problems', () => {
  it("shows a refused message's server answer and a skipped reminder's reason, in the list and alone", async () => {
    const list = (await admin.get('/api/admin/mail?to=mail-log-')).json().messages;
    expect(list.find((m: { id: string }) => m.id === ids.failed)).toMatchObject({
      status: 'failed',
      lastError: refusal,
    });
    expect(list.find((m: { id: string }) => m.id === ids.skipped)).toMatchObject({
      status: 'skipped',
      lastError: skipReason,
      template: 'reminder.overdue',
    });
    const failed = (await admin.get(`/api/admin/mail/${ids.failed}`)).json();
    expect(failed).toMatchObject({ status: 'failed', lastError: refusal });
    const skipped = (await admin.get(`/api/admin/mail/${ids.skipped}`)).json();
    expect(skipped).toMatchObject({ status: 'skipped', lastError: skipReason });
  });

  it('lists all, only delivered, only failed (or unsure) or only not sent messages', async () => {
    const all = [
      'Message captured',
      'Message failed',
      'Message pending',
      'Message sent',
      'Message skipped',
      'Message unknown',
    ];
    expect(await shown('')).toEqual(all);
    expect(await shown('&show=all')).toEqual(all);
    expect(await shown('&show=delivered')).toEqual(['Message captured', 'Message sent']);
    expect(await shown('&show=failed')).toEqual(['Message failed', 'Message unknown']);
    expect(await shown('&show=not_sent')).toEqual(['Message skipped']);
  });

  it('answers 400 saying what to choose to an unknown "show"', async () => {
    const response = await admin.get('/api/admin/mail?show=bounced');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('all, delivered, failed, not_sent');
  });

  it('still hides the single-use link of a delivered message only', async () => {
    const sent = (await admin.get(`/api/admin/mail/${ids.sent}`)).json();
    expect(sent.text).not.toContain('SECRET-LINK-TOKEN');
    expect(sent.text).toContain('/invitations/[link hidden once delivered]');
    const skipped = (await admin.get(`/api/admin/mail/${ids.skipped}`)).json();
    expect(skipped.text).toContain('SECRET-LINK-TOKEN');
  });
});
