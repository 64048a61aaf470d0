// The reviewer's page and the venue's rubrics, in the browser. The review: a score chosen and
// comments typed are saved as they go; the session row is deleted mid-sentence, typing goes on,
// the reviewer signs in again in place and every character reaches the server; then Submit
// (after a question) locks it. The rubrics page: an editor makes a rubric, on a phone.
// Assignments are inserted as an accepted invitation leaves them (the invitation flow has its own tests).
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { makeAcceptedAssignment } from '../../server/test/review-factories.ts';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';
import { waitForSaved } from './support/wizard.ts';

describe('reviewing in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;
  const banner = (page: Page) => page.getByRole('alert').filter({ hasText: 'You have been signed out.' });
  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Sign in again' });

  async function personId(email: string) {
    return (await env.system.db.selectFrom('person').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;
  }

  async function reviewRow(assignmentId: string) {
    return env.system.db
      .selectFrom('review')
      .innerJoin('assignment', 'assignment.id', 'review.assignment_id')
      .select(['review.comments_to_author', 'review.comments_to_editor', 'assignment.status'])
      .where('review.assignment_id', '=', assignmentId)
      .executeTakeFirst();
  }

  test('a review survives a deleted session, then is submitted and locked', async () => {
    const reviewer = person('reviewer', 0);
    const submission = await env.system.db
      .selectFrom('submission')
      .select(['id', 'code'])
      .where('title', '=', 'Staying curious: relationship-based practice in child protection')
      .executeTakeFirstOrThrow();
    const { assignmentId } = await makeAcceptedAssignment(env.system.db, submission.id, await personId(reviewer.email));

    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const address = `/reviews/${assignmentId}`;
    await page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
    await signIn(page, env.system.baseUrl, reviewer.email, env.system.demoPassword, address);
    await settled(page);
    await page
      .getByRole('heading', { level: 1, name: 'Staying curious: relationship-based practice in child protection' })
      .waitFor();
    expect(await page.getByText(`Reviewer 1 · ${submission.code}`).count()).toBe(1);
    await expectNoSidewaysScroll(page, 'phone-review-page');
    await visited(page, 'phone-review-page');

    // A score: saved at once.
    const firstCriterion = page.getByRole('group', { name: /Relevance to social work practice/ });
    await firstCriterion.getByRole('radio', { name: /^4/ }).check();
    await waitForSaved(page);

    const toAuthor = page.getByRole('textbox', { name: 'Comments to the author' });
    await toAuthor.click();
    const before = 'A thoughtful account of staying with uncertainty.';
    await page.keyboard.type(before, { delay: 5 });
    await waitForSaved(page);
    expect((await reviewRow(assignmentId))?.comments_to_author).toBe(before);

    // The session ends on the server (expired, or signed out elsewhere) while the reviewer types on.
    await env.system.db
      .deleteFrom('session')
      .where('person_id', '=', await personId(reviewer.email))
      .execute();
    const after = ' The second half needs the supervision literature.';
    await page.keyboard.type(after, { delay: 5 });
    await banner(page).waitFor();
    expect(await toAuthor.inputValue()).toBe(before + after);
    expect(await page.locator('.save-status').textContent()).toContain('you have been signed out');
    expect(new URL(page.url()).pathname).toBe(address);

    await banner(page)
      .getByRole('button', { name: /^Sign in again/ })
      .click();
    const box = dialog(page);
    await box.waitFor();
    await box.getByLabel('Password', { exact: true }).fill(env.system.demoPassword);
    await box.getByRole('button', { name: 'Sign in' }).click();
    await box.waitFor({ state: 'hidden' });
    await page.getByText('You are signed in again. Everything you typed has been saved.').waitFor();
    await waitForSaved(page);
    expect((await reviewRow(assignmentId))?.comments_to_author).toBe(before + after);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('gaps:kept:')))).toEqual(
      [],
    );

    // Every criterion scored, then Submit asks first and locks the review.
    for (const group of await page.locator('fieldset.criterion').all()) {
      await group.getByRole('radio').first().check();
    }
    // The journal's rubric asks for a recommendation too.
    await page
      .getByRole('group', { name: 'Your recommendation' })
      .getByRole('radio', { name: 'Minor revision' })
      .check();
    await waitForSaved(page);
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, submit' }).click();
    await page.getByText('You submitted this review').waitFor();
    expect(await toAuthor.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: 'Submit', exact: true }).count()).toBe(0);
    expect((await reviewRow(assignmentId))?.status).toBe('submitted');
    await visited(page, 'phone-review-submitted');
    expectNoProblems(watched);

    // On a wide screen the copy and the rubric sit side by side; still read-only.
    const wide = await openPage(env.browser);
    await wide.page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
    await signIn(wide.page, env.system.baseUrl, reviewer.email, env.system.demoPassword, address);
    await settled(wide.page);
    await wide.page.getByText('You submitted this review').waitFor();
    await expectNoSidewaysScroll(wide.page, 'review-submitted');
    await visited(wide.page, 'review-submitted');
    expectNoProblems(wide);
  });

  test('an editor makes a rubric on a phone', async () => {
    const editor = person('editor');
    const venue = await env.system.db
      .selectFrom('venue')
      .select('id')
      .where('slug', '=', 'clare-winnicott-awards')
      .executeTakeFirstOrThrow();
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const address = `/venues/${venue.id}/rubrics`;
    await page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
    await signIn(page, env.system.baseUrl, editor.email, env.system.demoPassword, address);
    await settled(page);
    await page.getByRole('heading', { level: 2, name: 'Essay award judging' }).waitFor();
    await visited(page, 'phone-rubrics');

    await page.getByRole('button', { name: 'Make a new rubric' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Judging 2028');
    await page.getByLabel('What it is about').fill('Use of theory');
    await page.getByLabel('Highest score').fill('4');
    await page.getByLabel('1', { exact: true }).fill('Theory absent');
    await page.getByLabel('4', { exact: true }).fill('Theory used to think about the work');
    await expectNoSidewaysScroll(page, 'phone-rubric-form');
    await visited(page, 'phone-rubric-form');
    await page.getByRole('button', { name: 'Make the rubric' }).click();
    await page.getByText('Saved “Judging 2028”.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Judging 2028' }).waitFor();
    const stored = await env.system.db
      .selectFrom('rubric_criterion')
      .innerJoin('rubric', 'rubric.id', 'rubric_criterion.rubric_id')
      .select(['rubric_criterion.label', 'rubric_criterion.max_score', 'rubric_criterion.descriptors'])
      .where('rubric.name', '=', 'Judging 2028')
      .execute();
    expect(stored).toEqual([
      {
        label: 'Use of theory',
        max_score: 4,
        descriptors: [
          { score: 1, text: 'Theory absent' },
          { score: 4, text: 'Theory used to think about the work' },
        ],
      },
    ]);
    expectNoProblems(watched);
  });
});
