// "Erase my account" in the browser: the person reads what goes and stays, asks with their
// password, opens the link from the e-mail (read from the outbox), confirms, sees the erased page
// once the job has run, and can no longer sign in.
import { LocalFileStore } from '@gaps/workers/shared';
import { describe, expect, test } from 'vitest';
import { erasePerson } from '../../server/src/data-protection/erasure/erase-person.ts';
import { expectNoProblems, openPage, settled, visited } from './support/browser.ts';
import { linkFromMail } from './support/mail.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('erasing one’s own account in the browser', () => {
  const env = useSystemAndBrowser();

  test('ask, confirm from the e-mailed link, see it done, and no longer sign in', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const person = env.system.demoPeople.filter((p) => p.role === 'author')[1]!;
    const { baseUrl, db, app } = env.system;

    await signIn(page, baseUrl, person.email, env.system.demoPassword);
    await page.goto(`${baseUrl}/account#erase-account`);
    await settled(page);
    await page.getByRole('heading', { name: 'What is erased' }).waitFor();
    await visited(page, 'erasure-account-section');
    await page.getByRole('button', { name: 'Erase my account' }).click();
    await page.getByText('Enter your password.').first().waitFor();
    await page.getByLabel('Your password').fill(env.system.demoPassword);
    await page.getByRole('button', { name: 'Erase my account' }).click();
    await page.getByText('We have sent a link to').waitFor();
    await visited(page, 'erasure-link-sent');

    const link = await linkFromMail(db, person.email, '/account/erasure/confirm');
    await page.goto(link);
    await settled(page);
    await visited(page, 'erasure-confirm');
    await page.getByRole('button', { name: 'Erase my account now' }).click();
    await page.waitForURL('**/account/erased?request=*');
    await page.getByRole('heading', { name: 'Erasing your account' }).waitFor();

    // The job, as the API process's privacy worker runs it.
    const requestId = new URL(page.url()).searchParams.get('request')!;
    await erasePerson(
      {
        db,
        store: new LocalFileStore(app.config.DATA_DIR),
        dataDir: app.config.DATA_DIR,
        publicUrl: baseUrl,
        clock: () => new Date(),
      },
      requestId,
    );
    await page.getByRole('heading', { name: 'Your account has been erased' }).waitFor();
    await visited(page, 'erasure-done');

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(env.system.demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await visited(page, 'erasure-sign-in-refused');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('a link whose request does not exist says so, and stops asking', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    let asked = 0;
    page.on('request', (request) => {
      if (request.url().includes('/api/erasure-requests/')) asked++;
    });
    await page.goto(`${env.system.baseUrl}/account/erased?request=00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: 'Erasing your account' }).waitFor();
    await page.getByText('If you confirmed an erasure, you will get an e-mail when it is done.').waitFor();
    expect(await page.getByText('cannot reach the server').count()).toBe(0);
    const after = asked;
    // The page looked every second before: a refusal that cannot change is not asked again.
    await page.waitForTimeout(2_500);
    expect(asked).toBe(after);
    expect(after).toBe(1);
    await visited(page, 'erasure-unknown-request');
    await watched.context.close();
  }, 60_000);
});
