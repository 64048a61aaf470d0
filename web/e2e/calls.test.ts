// An editor sets up a call whose deadline is "midnight on 1 July" in London; the server's
// refusal of a time the clocks skip shows next to the field; authors then read the deadline
// in London time and in their own.
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('calls in the browser', () => {
  const env = useSystemAndBrowser();

  test('an editor creates a call closing at midnight at the end of 1 July, London time', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const year = new Date().getUTCFullYear() + 2;
    // The clocks go forward at 01:00 on the last Sunday of March: 01:30 does not exist that night.
    const lastSundayOfMarch = [31, 30, 29, 28, 27, 26, 25].find(
      (day) => new Date(Date.UTC(year, 2, day)).getUTCDay() === 0,
    )!;

    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page
      .getByRole('navigation', { name: 'Venues you edit' })
      .getByRole('link', { name: 'Calls of Clare Winnicott Essay Awards' })
      .click();
    await settled(page);
    await page.getByRole('heading', { name: 'Calls: Clare Winnicott Essay Awards' }).waitFor();
    await page.getByText('Open now').waitFor();
    await visited(page, 'editor-calls');

    await page.getByRole('link', { name: 'Set up a new call' }).click();
    await page.getByRole('heading', { name: /^Set up a new call/ }).waitFor();
    await settled(page);
    await visited(page, 'call-new');

    // Sent empty: the summary takes focus and names the fields.
    await page.getByRole('button', { name: 'Create the call' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    expect(await summary.textContent()).toContain('Title: Give the call a title');
    expect(await summary.textContent()).toContain('Deadline: Choose the day the call closes');
    await visited(page, 'call-new-problems');

    await page.getByLabel('Title', { exact: true }).fill(`Clare Winnicott Essay Awards ${year}`);
    expect(await page.getByLabel('Short name').inputValue()).toBe(`clare-winnicott-essay-awards-${year}`);
    await page.getByLabel('Description').fill('Two awards of £500 for writers who have not been published before.');
    for (const [index, name] of ['Student', 'Practitioner'].entries()) {
      await page.getByRole('button', { name: 'Add a category' }).click();
      await page
        .getByRole('group', { name: `Category ${index + 1}` })
        .getByLabel('Name')
        .fill(name);
    }
    await page.getByLabel(/^Last day/).fill(`${year}-03-${lastSundayOfMarch}`);
    await page.getByLabel('A particular time of day').check();
    await page.getByLabel('Time', { exact: true }).fill('01:30');
    await page.getByRole('button', { name: 'Create the call' }).click();
    // The server's own words, next to the deadline.
    await page
      .locator('#call-deadlineLocal-error')
      .getByText(`${year}-03-${lastSundayOfMarch} 01:30 does not exist in Europe/London`)
      .waitFor();
    await visited(page, 'call-new-nonexistent-time');

    await page.getByLabel(/^Last day/).fill(`${year}-07-01`);
    await page.getByLabel(/^Midnight at the end of that day/).check();
    await page.getByText(`Entrants will read: Closes at midnight at the end of 1 July ${year}, London time.`).waitFor();
    await page.getByLabel('Word limit').fill('3500');
    await page.getByLabel(/^Single author only/).check();
    await page.getByRole('button', { name: 'Add a declaration' }).click();
    await page.getByLabel('What the entrant confirms').fill('I have not previously been published.');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByRole('group', { name: 'Question 1' }).getByLabel('Question', { exact: true }).fill('Full name');
    await page.getByLabel('Rubric').selectOption({ label: 'Essay award judging' });
    await visited(page, 'call-new-filled');
    await page.getByRole('button', { name: 'Create the call' }).click();

    await page.waitForURL(/\/calls\/[0-9a-f-]+\?created=1$/);
    await page.getByText('The call is set up.').waitFor();
    const deadline = `Closes at midnight at the end of 1 July ${year}, London time.`;
    expect(await page.locator('.facts').first().textContent()).toContain(deadline);
    await visited(page, 'call-created');

    const stored = await env.system.db
      .selectFrom('call')
      .select(['deadline_at', 'time_zone', 'declarations', 'application_form_fields', 'single_author'])
      .where('slug', '=', `clare-winnicott-essay-awards-${year}`)
      .executeTakeFirstOrThrow();
    expect(stored.deadline_at?.toISOString()).toBe(`${year}-07-01T23:00:00.000Z`);
    expect(stored).toMatchObject({
      time_zone: 'Europe/London',
      single_author: true,
      declarations: [{ key: 'i_have_not_previously_been', text: 'I have not previously been published.' }],
      application_form_fields: [{ key: 'full_name', label: 'Full name', type: 'text', required: true }],
    });

    // Changing it later keeps the settings as they were shown.
    await page.getByLabel('Word limit').fill('3,600');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor();
    expect(await page.getByLabel(/^Midnight at the end of that day/).isChecked()).toBe(true);
    expect(await page.getByLabel(/^Last day/).inputValue()).toBe(`${year}-07-01`);

    // An author in New York reads the deadline in London time and in their own.
    const phone = await openPage(env.browser, { mobile: true, timezoneId: 'America/New_York' });
    await phone.page.goto(`${env.system.baseUrl}/calls`);
    await settled(phone.page);
    const card = phone.page.getByRole('article').filter({ hasText: `Clare Winnicott Essay Awards ${year}` });
    expect(await card.textContent()).toContain(
      `Closes at midnight at the end of 1 July ${year}, London time (19:00 on 1 July in your time zone, America/New York).`,
    );
    await expectNoSidewaysScroll(phone.page, 'phone-calls-new-york');
    await visited(phone.page, 'phone-calls-new-york');

    expectNoProblems(watched);
    expectNoProblems(phone);
    await phone.context.close();
    await watched.context.close();
  }, 120_000);
});
