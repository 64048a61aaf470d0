// The reviewer's home: the "Reviews" link appears for people who have been asked, an invitation
// is accepted from the home, and the editor traces a code from a copy's footer. axe on each page.
// The invitation work lands alongside, so the assignments are put in the database directly.
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('the reviewer’s home in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (email: string) =>
    env.system.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow();

  test('a reviewer answers an invitation from their home; an editor traces their copy', async () => {
    const submission = await env.system.db
      .selectFrom('submission')
      .innerJoin('venue', 'venue.id', 'submission.venue_id')
      .select(['submission.id', 'submission.code', 'submission.title', 'submission.venue_id'])
      .where('submission.code', 'is not', null)
      .where('venue.kind', '=', 'journal')
      .executeTakeFirstOrThrow();
    const reviewer = await person('reviewer1@example.org');
    const assignment = await env.system.db
      .insertInto('assignment')
      .values({
        submission_id: submission.id,
        reviewer_id: reviewer.id,
        round: 1,
        reviewer_number: 7,
        status: 'invited',
        invitation_expires_at: new Date(Date.now() + 10 * 86_400_000),
        due_at: new Date(Date.now() + 30 * 86_400_000),
        trace_code: 'TRACE234',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const watched = await openPage(env.browser);
    const { page } = watched;

    // Someone never asked to review sees no link, and the page says what would appear there.
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Reviews' }).count()).toBe(0);
    await page.goto(`${env.system.baseUrl}/reviews`);
    await settled(page);
    await page.getByText('Nothing is waiting for you.').waitFor();
    await visited(page, 'reviews-empty');
    await signOut(page);

    await signIn(page, env.system.baseUrl, 'reviewer1@example.org', env.system.demoPassword);
    await nav.getByRole('link', { name: 'Reviews' }).click();
    await page.waitForURL('**/reviews');
    await settled(page);
    await page.getByRole('heading', { name: 'Your reviews' }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: submission.title });
    expect(await card.textContent()).toContain(submission.code!);
    await card.getByText('Reviewer 7', { exact: true }).waitFor();
    await visited(page, 'reviews-invited');

    await card.getByRole('button', { name: /^Accept/ }).click();
    await card.getByRole('link', { name: /Write your review/ }).waitFor();
    expect(await card.getByRole('link', { name: /Download the manuscript/ }).getAttribute('href')).toBe(
      `/api/assignments/${assignment.id}/review-copy/file`,
    );
    await visited(page, 'reviews-accepted');
    expectNoProblems(watched);

    // On a phone the cards fit the screen.
    const phone = await openPage(env.browser, { mobile: true });
    await signIn(phone.page, env.system.baseUrl, 'reviewer1@example.org', env.system.demoPassword);
    await phone.page.goto(`${env.system.baseUrl}/reviews`);
    await settled(phone.page);
    await phone.page.getByRole('heading', { name: 'Your reviews' }).waitFor();
    await expectNoSidewaysScroll(phone.page, 'reviews on a phone');
    await phone.context.close();
    await signOut(page);

    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page
      .getByRole('navigation', { name: 'Venues you edit' })
      .getByRole('link', { name: 'Trace a copy of Journal of Social Work Practice' })
      .click();
    await page.waitForURL(`**/venues/${submission.venue_id}/trace`);
    await settled(page);
    await visited(page, 'trace-code');
    await page.getByLabel('Trace code').fill('nope-0000');
    await page.getByRole('button', { name: 'Look it up' }).click();
    await page.getByText('No copy of this venue carries that trace code').first().waitFor();
    await page.getByLabel('Trace code').fill('trace-234');
    await page.getByRole('button', { name: 'Look it up' }).click();
    const found = page.getByRole('region', { name: 'Trace code TRACE234' });
    await found.waitFor();
    expect(await found.textContent()).toContain('Ravi Reviewer');
    expect(await found.textContent()).toContain(submission.code!);
    await visited(page, 'trace-code-found');
    expectNoProblems(watched);
    await watched.context.close();
  });
});
