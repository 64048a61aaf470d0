// The editor's reports on the demo journal: reached from the editors' links, the figures with how
// each is counted, the chart with its numbers in a table, a CSV download, the filters in the
// address (and a refused one explained), on a desktop and at 390 px, with no serious or critical
// accessibility problems. One demo submission gets a decision here, so "decided" is not zero.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('reports', () => {
  const env = useSystemAndBrowser();

  async function journal() {
    const db = env.system.db;
    const venue = await db
      .selectFrom('venue')
      .select(['id', 'name'])
      .where('slug', '=', 'jswp')
      .executeTakeFirstOrThrow();
    const received = await db
      .selectFrom('submission')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('venue_id', '=', venue.id)
      .where('submitted_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return { ...venue, received: Number(received.n) };
  }

  /** A demo submission rejected without review two days after it was sent. */
  async function decideOne(venueId: string) {
    const db = env.system.db;
    const submission = await db
      .selectFrom('submission')
      .select(['id', 'submitted_at'])
      .where('venue_id', '=', venueId)
      .where('status', '=', 'submitted')
      .orderBy('submitted_at')
      .executeTakeFirstOrThrow();
    await db.updateTable('submission').set({ status: 'desk_rejected' }).where('id', '=', submission.id).execute();
    await db
      .insertInto('decision')
      .values({
        submission_id: submission.id,
        round: 1,
        outcome: 'desk_reject',
        decided_at: new Date(submission.submitted_at!.getTime() + 2 * 86_400_000),
      })
      .execute();
  }

  test('figures, chart, CSV and filters on a desktop', async () => {
    const venue = await journal();
    await decideOne(venue.id);
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.getByRole('link', { name: `Reports on ${venue.name}` }).click();
    await page.getByRole('heading', { name: `Reports: ${venue.name}`, level: 1 }).waitFor();
    await settled(page);

    const card = (term: string) => page.locator('.card', { has: page.locator('dt', { hasText: term }) });
    expect(await card('Submissions received').locator('.value').textContent()).toBe(String(venue.received));
    // The demo's accepted paper and this test's rejection.
    expect(await card('Decided').locator('.value').textContent()).toBe('2');
    expect(await card('Acceptance rate').locator('.value').textContent()).toBe('50%');
    // Its exact days depend on the demo's dates; the server tests check the arithmetic.
    expect(await card('Time to first decision').locator('.value').textContent()).toMatch(/^\d+ days? \(median\)$/);
    expect(await card('Overdue now').getByText('How this is counted:').count()).toBe(1);

    // The chart has a title and a description, and its numbers are in the table below it.
    const chart = page.getByRole('img', { name: /Submissions received and decided each month/ });
    expect(await chart.count()).toBe(1);
    const monthRows = page.locator('#report-months-caption ~ tbody tr');
    const received = await monthRows.locator('td:nth-of-type(1)').allTextContents();
    expect(received.reduce((sum, n) => sum + Number(n), 0)).toBe(venue.received);
    expect(await chart.locator('desc').textContent()).toContain('received');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV of the figures call by call' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^jswp-calls-start-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toMatch(/^\uFEFFCall,Received,/);
    expect(csv).toContain(`\r\nAll calls,${venue.received},`);
    await visited(page, 'reports-journal');

    // A call and days chosen: they land in the address and the heading says what is counted.
    const call = page.getByLabel('Call', { exact: true });
    const callTitle = (await call.locator('option').nth(1).textContent())!.trim();
    await call.selectOption({ label: callTitle });
    await page.getByLabel('First day').fill('2020-01-01');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === '2020-01-01' && url.searchParams.has('callId'));
    await page.getByRole('heading', { name: `${callTitle}, from 2020-01-01 to today` }).waitFor();

    // Days the wrong way round: the API's words, and the form keeps what was typed.
    await page.getByLabel('Last day').fill('2019-12-31');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    await page.getByRole('alert').filter({ hasText: 'The first day must come before the last day' }).waitFor();
    expect(await page.getByLabel('Last day').inputValue()).toBe('2019-12-31');
    await visited(page, 'reports-refused-filter');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('reads well at 390 px', async () => {
    const venue = await journal();
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/venues/${venue.id}/reports`);
    await page.getByRole('heading', { name: `Reports: ${venue.name}`, level: 1 }).waitFor();
    await settled(page);
    await expectNoSidewaysScroll(page, 'reports at 390 px');
    await visited(page, 'reports-phone');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('the award’s report speaks of entries, judges and places', async () => {
    const db = env.system.db;
    const award = await db
      .selectFrom('venue')
      .select(['id', 'name'])
      .where('kind', '=', 'award')
      .executeTakeFirstOrThrow();
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/venues/${award.id}/reports`);
    await page.getByRole('heading', { name: `Reports: ${award.name}`, level: 1 }).waitFor();
    await settled(page);
    const terms = await page.locator('.card dt').allTextContents();
    expect(terms).toEqual([
      'Entries received',
      'Now',
      'Results announced',
      'Placed',
      'Time to first decision',
      'Judges’ time to answer',
      'Time to complete a marking',
      'Overdue now',
    ]);
    expect(await page.getByRole('columnheader', { name: 'Acceptance rate' }).count()).toBe(0);
    await visited(page, 'reports-award');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('is not there for an author', async () => {
    const venue = await journal();
    const watched = await openPage(env.browser);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/venues/${venue.id}/reports`);
    await settled(page);
    expect(await page.getByRole('heading', { name: /Reports:/ }).count()).toBe(0);
    expect(await page.getByText('Submissions received').count()).toBe(0);
    await watched.context.close();
  }, 120_000);
});
