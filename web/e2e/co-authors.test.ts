// A co-author, linked to their account because the submitter named their verified address, finds
// the draft under My submissions and reads it, but is offered none of the submitter's changes:
// the page says who can change it, instead of an editor whose saves would be refused.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('co-authors in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;

  /** Calls the API as the page's signed-in person, with the CSRF token and origin the pages send. */
  async function callApi(page: Page, method: string, path: string, data: unknown) {
    const { csrfToken } = await (await page.request.get(`${env.system.baseUrl}/api/session`)).json();
    const response = await page.request.fetch(`${env.system.baseUrl}${path}`, {
      method,
      data,
      headers: { 'x-csrf-token': csrfToken, origin: env.system.baseUrl },
    });
    expect(response.status(), `${method} ${path}`).toBeLessThan(300);
    return response.json();
  }

  test('a co-author reads the draft, sees who can change it, and gets no editor for it', async () => {
    const submitter = person('author', 0);
    const coAuthor = person('author', 1);
    const title = 'Holding the family in mind';

    const asSubmitter = await openPage(env.browser);
    await signIn(asSubmitter.page, env.system.baseUrl, submitter.email, env.system.demoPassword);
    const { calls } = await (await asSubmitter.page.request.get(`${env.system.baseUrl}/api/calls`)).json();
    const journal = calls.find((call: { venue: { kind: string } }) => call.venue.kind === 'journal');
    const draft = await callApi(asSubmitter.page, 'POST', '/api/submissions', { callId: journal.id });
    await callApi(asSubmitter.page, 'PATCH', `/api/submissions/${draft.id}`, {
      title,
      authors: [
        { name: submitter.name, email: submitter.email, affiliation: submitter.affiliation, orcid: null },
        { name: coAuthor.name, email: coAuthor.email, affiliation: coAuthor.affiliation, orcid: null },
      ],
    });
    await asSubmitter.context.close();

    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await signIn(page, env.system.baseUrl, coAuthor.email, env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions`);
    await settled(page);
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
    await expect.poll(() => row.getByRole('link', { name: /See this draft/ }).count()).toBe(1);
    expect(await row.getByRole('link', { name: /Carry on with this draft/ }).count()).toBe(0);
    await expectNoSidewaysScroll(page, 'phone-co-author-my-submissions');
    await visited(page, 'phone-co-author-my-submissions');

    await row.getByRole('link', { name: /See this draft/ }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await settled(page);
    await page.getByText('You are named as a co-author.').waitFor();
    // No wizard, no upload, no withdraw: those stay with the submitter.
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Withdraw|Upload|Send/ }).count()).toBe(0);
    await expectNoSidewaysScroll(page, 'phone-co-author-draft');
    await visited(page, 'phone-co-author-draft');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
