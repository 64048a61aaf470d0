// The editor's reminder controls and a request for more time, in the browser: the editor pauses
// a reviewer's reminders and sends one by hand from the review panel; the reviewer, on a phone,
// asks for more time from their reviews home; the editor grants it and the due date moves. Each
// page is checked with axe (no serious or critical violations) and at 390 px.
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const DAY = 86_400_000;
const TITLE = 'Supervision as a container in times of austerity';

describe('reminder controls and more time', () => {
  const env = useSystemAndBrowser();

  test('the editor pauses and sends a reminder; the reviewer asks for more time; the editor grants it', async () => {
    const db = env.system.db;
    const submission = await db
      .selectFrom('submission')
      .select('id')
      .where('title', '=', TITLE)
      .executeTakeFirstOrThrow();
    await db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', submission.id).execute();
    const reviewer = await db
      .selectFrom('person')
      .select('id')
      .where('email', '=', 'reviewer1@example.org')
      .executeTakeFirstOrThrow();
    const dueAt = new Date(Date.now() + 10 * DAY);
    const assignment = await db
      .insertInto('assignment')
      .values({
        submission_id: submission.id,
        round: 1,
        reviewer_id: reviewer.id,
        reviewer_number: 1,
        status: 'accepted',
        invited_at: new Date(Date.now() - 3 * DAY),
        responded_at: new Date(Date.now() - 2 * DAY),
        due_at: dueAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const base = env.system.baseUrl;

    // The editor: pause (until resumed), then send one now.
    const editorPage = await openPage(env.browser);
    const { page } = editorPage;
    await signIn(page, base, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${base}/submissions/${submission.id}`);
    await settled(page);
    await page.getByRole('heading', { name: 'Reminders and requests' }).waitFor();
    await page.getByRole('button', { name: 'Pause reminders to Reviewer 1' }).click();
    await page.getByRole('button', { name: 'Pause reminders', exact: true }).click();
    await page.getByText('Reminders to Reviewer 1 are paused until you resume them.').waitFor();
    await page.getByRole('button', { name: 'Resume reminders to Reviewer 1' }).waitFor();
    const paused = await db
      .selectFrom('assignment')
      .select(['reminders_paused_from', 'reminders_paused_until'])
      .where('id', '=', assignment.id)
      .executeTakeFirstOrThrow();
    expect(paused.reminders_paused_from).not.toBeNull();
    expect(paused.reminders_paused_until).toBeNull();
    await page.getByRole('button', { name: 'Send a reminder now to Reviewer 1' }).click();
    await page.getByText('A reminder is on its way to Reviewer 1.').waitFor();
    await page.getByText(/Reminder sent by hand, /).waitFor();
    const sent = await db
      .selectFrom('reminder_sent')
      .select(['reason', 'sequence'])
      .where('assignment_id', '=', assignment.id)
      .execute();
    expect(sent).toEqual([{ reason: 'manual', sequence: 1 }]);
    // A second one within the hour: the button says why beside it, and pressing it sends nothing.
    const sendAgain = page.getByRole('button', { name: 'Send a reminder now to Reviewer 1' });
    expect(await sendAgain.getAttribute('aria-disabled')).toBe('true');
    await page.getByText(/A reminder was sent by hand less than an hour ago. You can send another after/).waitFor();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/reminders/send')) asked.push(r.url());
    });
    await sendAgain.click({ force: true });
    await page.waitForTimeout(300);
    expect(asked).toEqual([]);
    expect(
      await db.selectFrom('reminder_sent').select('id').where('assignment_id', '=', assignment.id).execute(),
    ).toHaveLength(1);
    await visited(page, 'reminder-controls-editor');

    // The reviewer, on a phone: ask for more time from the reviews home.
    const reviewerPage = await openPage(env.browser, { mobile: true });
    const phone = reviewerPage.page;
    await signIn(phone, base, 'reviewer1@example.org', env.system.demoPassword);
    await phone.goto(`${base}/reviews`);
    await settled(phone);
    await phone.getByRole('button', { name: `Ask for more time for ${TITLE}` }).click();
    await phone.getByLabel('Why (for the editors) (optional)').fill('A family matter took two weeks.');
    await phone.getByRole('button', { name: 'Send the request' }).click();
    await phone.getByText(/You asked for more time, until/).waitFor();
    await expectNoSidewaysScroll(phone, 'reviews home with a request');
    await visited(phone, 'reminder-controls-reviewer-phone');
    const request = await db
      .selectFrom('extension_request')
      .select(['requested_due_at', 'reason', 'status'])
      .where('assignment_id', '=', assignment.id)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe('requested');
    expect(request.reason).toBe('A family matter took two weeks.');
    expect(Math.round((request.requested_due_at.getTime() - dueAt.getTime()) / DAY)).toBe(7);

    // The editor sees it (also on a phone) and grants it on the date asked for.
    const editorPhone = await openPage(env.browser, { mobile: true });
    await signIn(editorPhone.page, base, 'editor@example.org', env.system.demoPassword);
    await editorPhone.page.goto(`${base}/submissions/${submission.id}`);
    await settled(editorPhone.page);
    await editorPhone.page.getByRole('heading', { name: 'Reviewer 1 asks for more time' }).waitFor();
    await expectNoSidewaysScroll(editorPhone.page, 'review panel with a request, on a phone');
    await visited(editorPhone.page, 'reminder-controls-editor-phone');
    await editorPhone.page.getByText('A family matter took two weeks.').waitFor();
    await editorPhone.page.getByRole('button', { name: 'Grant more time' }).click();
    await editorPhone.page.getByText(/Reviewer 1 has more time, until/).waitFor();
    const moved = await db
      .selectFrom('assignment')
      .select('due_at')
      .where('id', '=', assignment.id)
      .executeTakeFirstOrThrow();
    expect(moved.due_at?.getTime()).toBe(request.requested_due_at.getTime());
    const told = await db
      .selectFrom('email_message')
      .select('template')
      .where('to_address', '=', 'reviewer1@example.org')
      .where('template', '=', 'extension.granted')
      .execute();
    expect(told).toHaveLength(1);

    // The reviewer sees the answer.
    await phone.reload();
    await settled(phone);
    await phone.getByText(/The editors gave you more time/).waitFor();
    // A request closed unanswered (the review was handed in, then reopened) is said plainly, not
    // as one the editors will still answer.
    await db
      .insertInto('extension_request')
      .values({
        assignment_id: assignment.id,
        requested_due_at: new Date(Date.now() + 30 * DAY),
        reason: '',
        requested_at: new Date(),
        status: 'withdrawn',
        decided_at: new Date(),
      })
      .execute();
    await phone.reload();
    await settled(phone);
    await phone
      .getByText(
        /was closed without an answer\s+when you handed in your (review|scores)\. If you need more time now, ask again\./,
      )
      .waitFor();
    expect(await phone.getByText(/The editors will answer by e-mail/).count()).toBe(0);

    // The assignment closes while the editor's page is open: resuming is refused (409) in words,
    // at the controls, not silently.
    await db.updateTable('assignment').set({ status: 'cancelled' }).where('id', '=', assignment.id).execute();
    await page.getByRole('button', { name: 'Resume reminders to Reviewer 1' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This assignment is cancelled, so there is nobody to remind.' })
      .waitFor();
    // Open again, for the next test's schedule.
    await db.updateTable('assignment').set({ status: 'accepted' }).where('id', '=', assignment.id).execute();

    for (const watched of [editorPage, reviewerPage, editorPhone]) {
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 180_000);

  test('the call’s reminders: the 14-day schedule, and the policy form refusing then saving, on a phone', async () => {
    const db = env.system.db;
    const call = await db
      .selectFrom('call')
      .innerJoin('submission', 'submission.call_id', 'call.id')
      .select(['call.id', 'call.venue_id'])
      .where('submission.title', '=', TITLE)
      .executeTakeFirstOrThrow();
    // The test above paused its reviewer's reminders: on again, so the schedule has them.
    await db
      .updateTable('assignment')
      .set({ reminders_paused_from: null, reminders_paused_until: null })
      .where('reviewer_number', '=', 1)
      .where('status', '=', 'accepted')
      .execute();
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/venues/${call.venue_id}/calls/${call.id}`);
    await settled(page);
    await page.getByRole('heading', { name: 'Reminders scheduled in the next 14 days' }).waitFor();
    // The assignment of the test above (due in 17 days now): its "7 days before" reminder is listed.
    await page.getByText('“Due soon” reminder (first)').first().waitFor();

    await page.getByLabel('Set this call’s own').check();
    // Whole days only, said at the field.
    const every = page.getByLabel('Then one every (days)');
    await every.fill('0.001');
    await page.getByRole('button', { name: 'Save the reminders' }).click();
    await page.getByText('Write a whole number of days from 1 to 365.').first().waitFor();
    expect(await every.getAttribute('aria-invalid')).toBe('true');
    await every.fill('7');
    const invitationReminders = page.getByLabel('Remind to answer an invitation after (days)');
    await invitationReminders.fill('5, 20');
    await page.getByRole('button', { name: 'Save the reminders' }).click();
    await page
      .getByText(/comes after the invitation has expired/)
      .first()
      .waitFor();
    expect(
      (await db.selectFrom('call').select('reminder_policy').where('id', '=', call.id).executeTakeFirstOrThrow())
        .reminder_policy,
    ).toBeNull();
    await visited(page, 'call-reminders-refused-phone');
    await invitationReminders.fill('4, 9');
    await page.getByRole('button', { name: 'Save the reminders' }).click();
    await page.getByText('The reminders are saved.').waitFor();
    const saved = await db
      .selectFrom('call')
      .select('reminder_policy')
      .where('id', '=', call.id)
      .executeTakeFirstOrThrow();
    expect(saved.reminder_policy).toMatchObject({ invitationRemindersAfterDays: [4, 9] });
    await expectNoSidewaysScroll(page, 'call page with reminders');
    await visited(page, 'call-reminders-phone');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
