// A first-time author: creates an account, confirms the address from the e-mail, signs in,
// fills in the profile and finds it still there after reloading the page.
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, openPage, settled, visited } from './support/browser.ts';
import { linkFromMail } from './support/mail.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('accounts in the browser', () => {
  // The jobs run: preparing a copy of one's data is a background job.
  const env = useSystemAndBrowser({ jobs: true });

  test('sign up, confirm the address, sign in, edit the profile and see it after a reload', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const email = 'new.author@example.org';
    const password = 'a long enough password';

    await page.goto(`${env.system.baseUrl}/`);
    await visited(page, 'home-signed-out');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL('**/sign-up');
    await visited(page, 'sign-up');

    // Sending the empty form: problems listed at the top, which takes focus, and next to each field.
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect.poll(() => summary.isVisible()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    expect(await summary.textContent()).toContain('Your name: Tell us your name.');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Choose a password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await summary.textContent()).toContain('Use at least 10 characters');
    // What was typed is still there.
    expect(await page.getByLabel('E-mail address').inputValue()).toBe(email);
    await visited(page, 'sign-up-with-errors');

    await page.getByLabel('Your name').fill('Nia Newcomer');
    await page.getByLabel('Choose a password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await visited(page, 'sign-up-done');

    // Signing in before opening the link: told why, and offered the link again.
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Please confirm your e-mail address first').waitFor();
    await page.getByRole('button', { name: 'Send the link again' }).click();
    await page.getByText('a new link is on its way').waitFor();
    await visited(page, 'sign-in-not-confirmed');

    const link = await linkFromMail(env.system.db, email, '/verify-email');
    expect(link.startsWith(env.system.baseUrl)).toBe(true);
    await page.goto(link);
    await page.getByText('Your e-mail address is confirmed').waitFor();
    await visited(page, 'verify-email-done');

    // A page that needs signing in sends you to sign in, then back to it.
    await page.goto(`${env.system.baseUrl}/account`);
    await page.waitForURL('**/sign-in?next=%2Faccount');
    await signIn(page, env.system.baseUrl, email, password, '/account');
    await settled(page);
    await visited(page, 'account');

    await page.getByLabel('Affiliation').fill('Camden Children’s Services');
    await page.getByLabel('ORCID iD').fill('0000-0002-1825-0097');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.getByLabel('E-mail domains').fill('Camden.gov.uk, example.org');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByText('Your details are saved.').waitFor();

    await page.reload();
    await settled(page);
    expect(await page.getByLabel('Affiliation').inputValue()).toBe('Camden Children’s Services');
    expect(await page.getByLabel('ORCID iD').inputValue()).toBe('0000-0002-1825-0097');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('America/New_York');
    expect(await page.getByLabel('E-mail domains').inputValue()).toBe('camden.gov.uk, example.org');
    // Times now show in the chosen zone (New York is five hours behind London in winter).
    expect(await page.getByText('Account created').textContent()).toMatch(/GMT-5|EST/);
    await visited(page, 'account-after-reload');

    // A wrong ORCID iD: explained next to the field and in the summary; nothing else is lost.
    await page.getByLabel('Affiliation').fill('Camden Council');
    await page.getByLabel('ORCID iD').fill('1234');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.getByRole('alert').filter({ hasText: 'ORCID iD: Write your ORCID iD' }).waitFor();
    expect(await page.getByLabel('Affiliation').inputValue()).toBe('Camden Council');
    const describedBy = await page.getByLabel('ORCID iD').getAttribute('aria-describedby');
    expect(describedBy).toContain('profile-orcid-error');
    await visited(page, 'account-orcid-error');

    // "Prepare a copy of my data": the job builds a ZIP in the background, the page follows it and
    // then offers the download, which holds the person's own data.
    await page.getByRole('button', { name: 'Prepare a copy of my data' }).click();
    const status = page.getByRole('status').filter({ hasText: /Preparing your copy|Your copy is ready/ });
    await status.waitFor();
    const downloadLink = page.getByRole('link', { name: /^Download \(ZIP, \d+ KB\)$/ });
    await downloadLink.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toContain('Your copy is ready.');
    expect(await page.getByText(/It can be downloaded until/).textContent()).toMatch(/until .*2\d{3}/);
    await visited(page, 'account-data-copy-ready');
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['README.txt', 'profile.json', 'submissions.json']));
    const profile = JSON.parse(new TextDecoder().decode(zip['profile.json']));
    // The affiliation saved before (the form with the wrong ORCID iD was not saved).
    expect(profile.account).toMatchObject({ email, affiliation: 'Camden Children’s Services' });

    // Changing the e-mail address: a link goes to the new address and the change waits for it.
    await page.getByLabel('New e-mail address').fill('nia@example.org');
    await page.getByLabel('Your current password').fill(password);
    await page.getByRole('button', { name: 'Change my e-mail address' }).click();
    await page.getByText('We have sent a link to nia@example.org').waitFor();
    expect(await page.getByLabel('Your current password').inputValue()).toBe('');
    await visited(page, 'account-email-change-sent');
    await page.goto(await linkFromMail(env.system.db, 'nia@example.org', '/confirm-email'));
    await page.getByText('Your new e-mail address is confirmed').waitFor();
    await visited(page, 'confirm-email-done');
    await page.getByRole('link', { name: 'Go to your account' }).click();
    await page.waitForURL('**/account');
    await settled(page);
    await page.getByText('You sign in with nia@example.org').waitFor();

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('keyboard only: skip link, then signing in with Tab and Enter', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await settled(page);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    const author = env.system.demoPeople.find((person) => person.role === 'author')!;
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-email');
    await page.keyboard.type(author.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(env.system.demoPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { name: `Welcome, ${author.name}` }).waitFor();
    await visited(page, 'home-signed-in-author');

    expectNoProblems(watched);
    await watched.context.close();
  }, 60_000);

  test('on a phone-sized screen the pages fit without sideways scrolling', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    for (const path of ['/', '/sign-in', '/sign-up', '/forgot-password']) {
      await page.goto(`${env.system.baseUrl}${path}`);
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `sideways overflow on ${path}`).toBeLessThanOrEqual(0);
      await visited(page, `phone${path === '/' ? '-home' : path.replace('/', '-')}`);
    }
    expectNoProblems(watched);
    await watched.context.close();
  }, 60_000);
});
