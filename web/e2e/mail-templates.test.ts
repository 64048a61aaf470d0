// An editor rewords a reminder on the venue's E-mails page: the preview follows the typing, the
// words are saved and still there after a reload, and the standard words come back on request.
// On a desktop and at phone width, with no serious or critical accessibility problem.
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, screenshot, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('a venue’s e-mails', () => {
  const env = useSystemAndBrowser();
  const editor = () => env.system.demoPeople.find((p) => p.role === 'editor')!;

  test('an editor changes a reminder’s subject, sees the preview follow, saves, reloads and sees it', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, editor().email, env.system.demoPassword);
    await settled(page);
    await page
      .getByRole('navigation', { name: 'Venues you edit' })
      .getByRole('link', { name: 'E-mails of Journal of Social Work Practice' })
      .click();
    await page.waitForURL((url) => url.pathname.endsWith('/emails'));
    await page.getByRole('heading', { name: 'To reviewers and judges' }).waitFor();
    await visited(page, 'mail-templates-list');

    await page.getByRole('link', { name: 'Reminder: review due soon' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/emails/reminder.due_soon'));
    const subject = page.getByLabel('Subject');
    const previewSubject = page.getByTestId('preview-subject');
    await previewSubject.getByText('Reminder: your review of JSWP-2027-0001', { exact: false }).waitFor();
    await visited(page, 'mail-template-editor');

    await subject.fill('A friendly nudge about {{ code }}');
    await previewSubject.getByText('A friendly nudge about JSWP-2027-0001', { exact: true }).waitFor();

    // An unknown variable is shown beside the field, and the preview waits.
    await subject.fill('A friendly nudge about {{ author_name }}');
    await page.getByText('The subject uses {{ author_name }}', { exact: false }).first().waitFor();
    await subject.fill('A friendly nudge about {{ code }}');
    await previewSubject.getByText('A friendly nudge about JSWP-2027-0001', { exact: true }).waitFor();

    // A link glued into another site's address is refused beside the field, and saving refuses it too.
    const text = page.getByLabel('Plain text', { exact: true });
    const words = await text.inputValue();
    await text.fill('Open https://evil.example/?l={{ link }}');
    await page.getByText('The plain text joins {{ link }} to the text around it', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Save these words' }).click();
    await page.getByText('The plain text joins {{ link }} to the text around it', { exact: false }).first().waitFor();
    expect(await page.getByText('Saved. The next message of this kind uses these words.').count()).toBe(0);
    await text.fill(words);
    await previewSubject.getByText('A friendly nudge about JSWP-2027-0001', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Save these words' }).click();
    await page.getByText('Saved. The next message of this kind uses these words.').waitFor();
    await page.reload();
    await settled(page);
    expect(await page.getByLabel('Subject').inputValue()).toBe('A friendly nudge about {{ code }}');
    await page.getByText('This venue uses its own words for this message.').waitFor();
    await visited(page, 'mail-template-saved');
    // The HTML part is shown in its frame, from the API, with the e-mail's own styles.
    await page.getByText('The HTML part', { exact: true }).click();
    const frame = page.frameLocator('iframe[title="The HTML part of the preview"]');
    await frame.getByText('A reminder that your review of this submission is due by', { exact: false }).waitFor();
    await screenshot(page, 'mail-template-html-part');

    await page.getByRole('button', { name: 'Restore the default' }).click();
    await page.getByRole('button', { name: 'Yes, restore the default' }).click();
    await page.getByText('The standard words are back.', { exact: false }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toContain('Reminder: {% if judging %}');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  test('the editor page fits a phone', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, editor().email, env.system.demoPassword);
    const venue = await env.system.db
      .selectFrom('venue')
      .select('id')
      .where('slug', '=', 'jswp')
      .executeTakeFirstOrThrow();
    await page.goto(`${env.system.baseUrl}/venues/${venue.id}/emails/reminder.overdue`);
    await page.getByTestId('preview-subject').waitFor();
    await expectNoSidewaysScroll(page, 'phone mail template');
    await visited(page, 'phone-mail-template-editor');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('an admin finds the site-wide account e-mails and their editor', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const admin = env.system.demoPeople.find((p) => p.role === 'admin')!;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, admin.email, env.system.demoPassword);
    await settled(page);
    await page.getByRole('link', { name: 'E-mails', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Site-wide e-mails' }).waitFor();
    await visited(page, 'site-mail-templates-list');
    await page.getByRole('link', { name: 'Choose a new password' }).click();
    await page.getByTestId('preview-subject').getByText('Choose a new password', { exact: true }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Choose a new password');
    await visited(page, 'site-mail-template-editor');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
