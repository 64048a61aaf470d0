// The office and the editors: reading a sent e-mail on the admin mail page, giving someone
// the editor role, and that editor then looking after their venue's reviewer pool.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

/** Opens "Record a request…" on the data-requests page (it starts open only while the log is empty). */
async function openRecordForm(page: Page) {
  const details = page.locator('details', { hasText: 'Record a request received by letter, phone or e-mail' });
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await details.getByText('Record a request received by letter, phone or e-mail').click();
  }
}

describe('office and editor pages in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;

  test('an e-mail the system sent can be read, with a working link, on the admin mail page', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const author = person('author', 0);

    await page.goto(`${env.system.baseUrl}/forgot-password`);
    await settled(page);
    await visited(page, 'forgot-password');
    await page.getByLabel('E-mail address').fill(author.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('we have sent it a link').waitFor();
    await visited(page, 'forgot-password-sent');

    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/admin/mail`);
    await settled(page);
    await visited(page, 'admin-mail');
    await page.getByLabel('Recipient').fill(author.email.split('@')[0]!);
    await page.getByRole('button', { name: 'Find e-mails' }).click();
    await page.waitForURL(/\?to=author1/);
    await settled(page);
    await page.getByRole('link', { name: 'Choose a new password' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await settled(page);
    await visited(page, 'admin-mail-message');

    const link = page.getByRole('link', { name: /\/reset-password\?token=/ });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${env.system.baseUrl}/reset-password\\?token=\\S+$`));
    await link.click();
    await page.waitForURL('**/reset-password?token=*');
    await visited(page, 'reset-password');
    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('New password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your new password is set').waitFor();
    await visited(page, 'reset-password-done');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('the data-requests page shows each request’s due date and whether it was answered within the month', async () => {
    const author = person('author', 0);
    const authorId = (
      await env.system.db.selectFrom('person').select('id').where('email', '=', author.email).executeTakeFirstOrThrow()
    ).id;
    const requestedAt = new Date(Date.now() - 40 * 86_400_000);
    await env.system.db
      .insertInto('subject_access_request')
      .values({
        person_id: authorId,
        kind: 'export',
        on_request_of: 'self',
        requested_by: authorId,
        requested_at: requestedAt,
        due_by: new Date(requestedAt.getTime() + 30 * 86_400_000),
        status: 'queued',
      })
      .execute();
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data requests' }).click();
    await page.getByRole('heading', { name: 'Data requests', level: 1 }).waitFor();
    await settled(page);
    const row = page.getByRole('row', { name: new RegExp(author.name) });
    expect(await row.textContent()).toContain('Open and past its due date');
    await visited(page, 'admin-data-requests');
    await page.getByLabel('Kind of request').selectOption('erasure');
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/kind=erasure/);
    await page.getByText('No requests match this filter.').waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('an admin records a request that came by letter, then marks it answered by post', async () => {
    const author = person('author', 1);
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/admin/privacy`);
    await page.getByRole('heading', { name: 'Data requests', level: 1 }).waitFor();
    await settled(page);
    await openRecordForm(page);
    const form = page.getByRole('form', { name: 'Record a request' });

    // Nothing chosen: every problem is named, and nothing is stored.
    await form.getByLabel('Date received').fill('2099-01-01');
    await form.getByRole('button', { name: 'Record the request' }).click();
    await form.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await form.getByText('Search for the person and choose them from the list.').first().waitFor();
    await form.getByText('The date received cannot be after today').first().waitFor();
    await visited(page, 'admin-record-request-problems');
    const count = () => env.system.db.selectFrom('subject_access_request').select('id').execute();
    const before = (await count()).length;

    await form.getByLabel('Search by name or e-mail address').fill(author.email);
    await form.getByLabel('Search by name or e-mail address').press('Enter');
    await form.getByText('1 account matches; choose one below.').waitFor();
    await form.getByRole('radio', { name: new RegExp(author.name) }).check();
    await form.getByLabel('What did they ask for?').selectOption('export');
    const received = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Date received').fill(received);
    await form.getByLabel('Note').fill('Letter dated 3 Nov');
    await visited(page, 'admin-record-request-filled');
    await form.getByRole('button', { name: 'Record the request' }).click();
    await form.getByText(`Recorded: ${author.name}’s request for a copy of their data.`).waitFor();
    expect((await count()).length).toBe(before + 1);

    const row = page.getByRole('row').filter({ hasText: 'Letter dated 3 Nov' });
    await row.getByText('Recorded; not answered yet').waitFor();
    await settled(page);
    await visited(page, 'admin-recorded-request');

    await row.getByText('Record the answer').click();
    await row.getByLabel('Note').fill('Copy sent by post');
    await row.getByRole('button', { name: 'Mark answered' }).click();
    await page.getByText(`The request from ${author.name} is now marked answered.`).waitFor();
    const answered = page.getByRole('row').filter({ hasText: 'Copy sent by post' });
    await answered.getByText('Answered within the month').waitFor();
    await visited(page, 'admin-recorded-request-answered');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('recording a request works at phone width', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/admin/privacy`);
    await page.getByRole('heading', { name: 'Data requests', level: 1 }).waitFor();
    await settled(page);
    await openRecordForm(page);
    await page.getByLabel('Search by name or e-mail address').fill('example.org');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(/accounts? match/).waitFor();
    await expectNoSidewaysScroll(page, 'data requests on a phone');
    await visited(page, 'admin-record-request-phone');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('the mail log shows a refused e-mail with the server’s answer and a reminder not sent with its reason', async () => {
    // Rows as the mail worker leaves them (workers/src/mail/deliver-checks.test.ts drives the worker).
    const rows = [
      {
        to_address: 'bounced.reviewer@example.org',
        template: 'reminder.overdue',
        subject: 'Overdue: your review (refused)',
        status: 'failed',
        last_error: 'The mail server refused the address: 550 5.1.1 No such mailbox here',
      },
      {
        to_address: 'finished.reviewer@example.org',
        template: 'reminder.due_soon',
        subject: 'Reminder: your review is due (skipped)',
        status: 'skipped',
        last_error: 'Not sent: the review was submitted before the reminder went out.',
      },
    ];
    await env.system.db
      .insertInto('email_message')
      .values(rows.map((row) => ({ ...row, text_body: 'Dear reviewer,\n' })))
      .execute();
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/admin/mail`);
    await settled(page);

    await page.getByLabel('Show').selectOption({ label: 'Failed' });
    await page.getByRole('button', { name: 'Find e-mails' }).click();
    await page.waitForURL(/\?show=failed/);
    await settled(page);
    const refused = page.getByRole('row').filter({ hasText: 'Overdue: your review (refused)' });
    await refused.getByText('Could not be sent').waitFor();
    await refused.getByText('550 5.1.1 No such mailbox here').waitFor();
    expect(await page.getByText('Reminder: your review is due (skipped)').count()).toBe(0);
    await visited(page, 'admin-mail-failed');

    await page.getByLabel('Show').selectOption({ label: 'Not sent (no longer needed)' });
    await page.getByRole('button', { name: 'Find e-mails' }).click();
    await page.waitForURL(/\?show=not_sent/);
    await settled(page);
    const skipped = page.getByRole('row').filter({ hasText: 'Reminder: your review is due (skipped)' });
    await skipped.getByText('Not sent', { exact: true }).waitFor();
    await skipped.getByText('The review was submitted before the reminder went out.').waitFor();
    await skipped.getByRole('link', { name: 'Reminder: your review is due (skipped)' }).click();
    await page.getByRole('heading', { name: 'Reminder: your review is due (skipped)' }).waitFor();
    await page.getByText('Reminder: review due soon').waitFor();
    await visited(page, 'admin-mail-skipped-message');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('an admin makes someone an editor, who then looks after the reviewer pool', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const ben = person('author', 1);
    const amara = person('author', 0);

    await page.goto(`${env.system.baseUrl}/admin/people`);
    await page.waitForURL('**/sign-in?next=%2Fadmin%2Fpeople');
    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword, '/admin/people');
    await settled(page);
    await visited(page, 'admin-people');

    await page.getByLabel('Search by name or e-mail address').fill('ben');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?q=ben/);
    await settled(page);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: ben.name }) });
    await card.getByRole('button', { name: `Change roles for ${ben.name}` }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Roles for ${ben.name}`);
    await card.getByLabel('Journal of Social Work Practice').check();
    await visited(page, 'admin-people-role-editor');
    await card.getByRole('button', { name: 'Save roles' }).click();
    await card.getByText('Roles saved.').waitFor();
    expect(await card.textContent()).toContain('Editor of Journal of Social Work Practice');
    await visited(page, 'admin-people-roles-saved');

    // A copy of Ben's data on his behalf (he asked by letter): asked for here, then prepared by a
    // job, which this test does not run, so it waits to start.
    await card.getByRole('button', { name: `Prepare a copy of their data (${ben.name})` }).click();
    await card.getByRole('status').filter({ hasText: 'Preparing their copy: 0% done. Waiting to start.' }).waitFor();
    await visited(page, 'admin-people-data-copy-asked');

    // Erasing on request: the admin sees what would go and stays, is asked once more, and can
    // still keep the person.
    await card.getByRole('button', { name: `Erase this person… (${ben.name})` }).click();
    await card.getByRole('heading', { name: `Erase ${ben.name}` }).waitFor();
    await card.getByRole('heading', { name: 'What stays, without the name' }).waitFor();
    await card.getByLabel('How the person asked').fill('Letter of 3 March, identity checked by phone');
    await visited(page, 'admin-people-erase-preview');
    await card.getByRole('button', { name: 'Erase this person…' }).click();
    await card
      .getByRole('alert')
      .filter({ hasText: `Erase ${ben.name} now? This cannot be undone` })
      .waitFor();
    await visited(page, 'admin-people-erase-confirm');
    await card.getByRole('button', { name: 'Keep this person' }).click();
    await card.getByRole('button', { name: `Erase this person… (${ben.name})` }).waitFor();
    expect(
      await env.system.db.selectFrom('person').select('erased_at').where('email', '=', ben.email).executeTakeFirst(),
    ).toEqual({ erased_at: null });

    const grants = await env.system.db
      .selectFrom('role_grant')
      .innerJoin('person', 'person.id', 'role_grant.person_id')
      .innerJoin('venue', 'venue.id', 'role_grant.venue_id')
      .select(['role_grant.role', 'venue.slug'])
      .where('person.email', '=', ben.email)
      .execute();
    expect(grants).toEqual([{ role: 'editor', slug: 'jswp' }]);

    await page.goto(`${env.system.baseUrl}/admin/audit?action=role.`);
    await settled(page);
    await page.getByText(`Alex Admin made ${ben.name} an editor of Journal of Social Work Practice.`).first().waitFor();
    await visited(page, 'admin-audit-filtered');

    // The new editor sees their venue and manages its reviewer pool.
    await signOut(page);
    await signIn(page, env.system.baseUrl, ben.email, env.system.demoPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Venues' }).waitFor();
    await page.getByRole('link', { name: 'Journal of Social Work Practice: reviewer pool' }).click();
    await page.getByRole('heading', { name: 'Reviewer pool: Journal of Social Work Practice' }).waitFor();
    await settled(page);
    await page.getByRole('rowheader', { name: 'Ravi Reviewer' }).waitFor();
    await visited(page, 'reviewer-pool');

    await page.getByLabel('E-mail address').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Add to the pool' }).click();
    await page
      .locator('#add-reviewer-email-error')
      .getByText('Nobody has an account with nobody@example.org')
      .waitFor();
    await visited(page, 'reviewer-pool-unknown-person');

    await page.getByLabel('E-mail address').fill(amara.email);
    await page.getByLabel('Areas of expertise').fill('mental health, ethics');
    await page.getByRole('button', { name: 'Add to the pool' }).click();
    await page.getByText(`${amara.name} is now in the reviewer pool.`).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: amara.name }) });
    expect(await row.textContent()).toContain('mental health, ethics');

    // What the editors know of her, for conflicts and suggestions: a mistake is named at its field.
    await row.getByRole('link', { name: `Edit ${amara.name}` }).click();
    await page.getByRole('heading', { name: amara.name }).waitFor();
    await settled(page);
    await visited(page, 'reviewer-details');
    await page.getByLabel('Affiliation or employer').fill('Essex County Council');
    await page.getByLabel('Declared conflicts').fill('Mid and South Essex NHS Foundation Trust\nDana Example');
    await page.getByLabel('ORCID iD').fill('1234');
    await page.getByLabel('Availability').fill('not before March');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#reviewer-details-orcid-error').getByText('four groups of four digits').waitFor();
    expect(await page.getByLabel('ORCID iD').getAttribute('aria-describedby')).toContain(
      'reviewer-details-orcid-error',
    );
    await visited(page, 'reviewer-details-mistake');
    await page.getByLabel('ORCID iD').fill('0000-0002-1825-0097');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`Saved what you know of ${amara.name}.`).waitFor();
    await page.getByRole('link', { name: 'Back to the reviewer pool' }).click();
    await settled(page);
    const edited = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: amara.name }) });
    expect(await edited.textContent()).toContain('Essex County Council');
    expect(await edited.textContent()).toContain('not before March');

    await edited.getByRole('button', { name: `Remove ${amara.name}` }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      `Remove ${amara.name} from this pool?`,
    );
    await visited(page, 'reviewer-pool-confirm-remove');
    await edited.getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText(`${amara.name} has been removed from the pool.`).waitFor();
    await expect.poll(() => page.getByRole('rowheader', { name: amara.name }).count()).toBe(0);
    await visited(page, 'reviewer-pool-removed');

    // Office pages are not for editors.
    await page.goto(`${env.system.baseUrl}/admin/people`);
    await page.getByRole('heading', { name: 'This page is not for your account' }).waitFor();
    await visited(page, 'admin-people-as-editor');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
