// The whole journey of a first-time author and then the editor: a journal paper and an award
// essay go through every step of the draft editor, are submitted, show up under "My
// submissions" with their codes and receipts, and reach the editor's queues.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { simplePdf } from '../../server/src/demo/simple-pdf.ts';
import { expectNoProblems, openPage, screenshot, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';
import { nextStep, waitForSaved } from './support/wizard.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const journalPdf = path.resolve(repoRoot, 'test-fixtures/pdfs/pdfjs-corpus/tracemonkey-pldi-09.pdf');

describe('submitting in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;

  /** Records whether a <progress> element ever appeared (an upload on localhost is over in a blink). */
  async function watchForProgress(page: Page) {
    await page.evaluate(() => {
      const seen = window as unknown as { sawProgress: boolean };
      seen.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('progress')) seen.sawProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
  }

  test('an author submits a journal paper and an award essay; the editor finds both', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const author = person('author', 0);

    // Signed out: the calls and their rules, and a way in that comes back to the call.
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    await page.getByRole('heading', { name: 'Clare Winnicott Essay Awards', exact: true }).waitFor();
    const awards = page.getByRole('article').filter({ hasText: 'Clare Winnicott Essay Awards 2' });
    expect(await awards.textContent()).toMatch(/Closes at midnight at the end of 1 July \d{4}, London time\./);
    expect(await awards.textContent()).toContain('the judges will not see your name');
    expect(await page.getByRole('article').filter({ hasText: 'open submissions' }).textContent()).toContain(
      'Open all year',
    );
    await visited(page, 'calls-signed-out');
    await page.getByRole('link', { name: /Sign in to start a submission to Journal of Social Work Practice/ }).click();
    await page.waitForURL('**/sign-in?next=*');
    await signIn(page, env.system.baseUrl, author.email, env.system.demoPassword, '/calls');
    await settled(page);
    await page.getByText('You are signed in. Start your submission to').waitFor();
    const startJournal = page.getByRole('button', { name: /Start a submission to Journal of Social Work Practice/ });
    await expect.poll(() => startJournal.evaluate((button) => button === document.activeElement)).toBe(true);
    await visited(page, 'calls-back-from-sign-in');

    // The journal paper, step by step.
    await startJournal.click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+\?step=call$/);
    const draftUrl = page.url().split('?')[0]!;
    await page.getByRole('heading', { name: 'Call and category' }).waitFor();
    expect(await page.getByRole('link', { name: /Call and category/ }).getAttribute('aria-current')).toBe('step');
    await visited(page, 'wizard-call-journal');
    await nextStep(page, 'Title, abstract and keywords');

    await page
      .getByRole('textbox', { name: 'Title', exact: true })
      .fill('Holding the anxious team: supervision after a child death');
    await page
      .getByRole('textbox', { name: 'Abstract', exact: true })
      .fill(
        'How a team can keep thinking after a child in its care has died, and what a supervisor can offer to contain its fear.',
      );
    await page.getByRole('textbox', { name: 'Keywords', exact: true }).fill('supervision, containment, child death');
    await page.getByRole('textbox', { name: 'Keywords', exact: true }).blur();
    await waitForSaved(page);
    await visited(page, 'wizard-details');
    await nextStep(page, 'Authors');

    await page.getByRole('button', { name: 'Add a co-author' }).click();
    const coAuthor = page.getByRole('group', { name: 'Co-author 1' });
    await coAuthor.getByLabel('Name').fill('Chidi Colleague');
    await coAuthor.getByLabel('E-mail address').fill('chidi@example.org');
    await coAuthor.getByLabel('ORCID iD').fill('0000-0002-1825');
    await coAuthor.getByLabel('ORCID iD').blur();
    // A wrong ORCID iD is said at once, and "Next" stops with the summary.
    await coAuthor.getByText('Write the ORCID iD as four groups of four digits').waitFor();
    await page.getByRole('button', { name: /^Next/ }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    await visited(page, 'wizard-authors-problem');
    await coAuthor.getByLabel('ORCID iD').fill('0000-0002-1825-0097');
    await coAuthor.getByLabel('ORCID iD').blur();
    await waitForSaved(page);
    await nextStep(page, 'Declarations and word count');

    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.check();
    await page.getByLabel('Number of words').fill('6800');
    await page.getByLabel('Number of words').blur();
    await page.getByText('The limit for this call is 7,000 words.').waitFor();
    await waitForSaved(page);
    await visited(page, 'wizard-declarations');
    await nextStep(page, 'Upload your manuscript');

    // A slow connection (about 1 MB in 3 s), so the progress bar can be seen moving.
    await watchForProgress(page);
    const cdp = await watched.context.newCDPSession(page);
    const throttle = (bytesPerSecond: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: bytesPerSecond,
      });
    await cdp.send('Network.enable');
    await throttle(350 * 1024);
    // The upload starts when the file is chosen.
    await page.getByLabel('Your manuscript (PDF)').setInputFiles(journalPdf);
    const progress = page.locator('progress');
    await progress.waitFor();
    await expect
      .poll(() => progress.evaluate((bar) => (bar as HTMLProgressElement).value), { timeout: 10_000 })
      .toBeGreaterThan(10);
    await screenshot(page, 'wizard-manuscript-uploading');
    await page.getByText('Uploaded: version 1').waitFor({ timeout: 20_000 });
    await throttle(-1);
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
    await page.getByRole('link', { name: 'Download version 1 of the manuscript' }).waitFor();
    await visited(page, 'wizard-manuscript');
    await nextStep(page, 'Check and submit');

    expect(await page.getByRole('heading', { name: 'Before you can submit' }).count()).toBe(0);
    await visited(page, 'wizard-review-journal');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Your submission is sent' }).waitFor();
    const journalCode = (await page.locator('.confirmation .code').textContent())?.trim() ?? '';
    expect(journalCode).toMatch(/^JSWP-\d{4}-\d{4}$/);
    expect(await page.getByRole('main').textContent()).toContain('An editor checks it first');
    expect(page.url()).toBe(`${draftUrl}?sent=1`);
    await visited(page, 'submitted-journal');

    // The award essay: a category, one author only, and the application form.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open calls' }).click();
    await settled(page);
    await page.getByRole('button', { name: /Start an entry to Clare Winnicott Essay Awards/ }).click();
    await page.waitForURL(/\?step=call$/);
    await page.getByRole('heading', { name: 'Call and category' }).waitFor();
    await page.getByLabel(/^Student/).check();
    await waitForSaved(page);
    await visited(page, 'wizard-call-award');
    await nextStep(page, 'Title, abstract and keywords');
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('The weight of a closed door');
    await page
      .getByRole('textbox', { name: 'Abstract', exact: true })
      .fill('An essay on what I learned about waiting, from a family who would not open the door.');
    await page.getByRole('textbox', { name: 'Keywords', exact: true }).fill('home visits, reflective practice');
    await nextStep(page, 'Authors');
    await page.getByText('one author only').waitFor();
    expect(await page.getByRole('button', { name: 'Add a co-author' }).count()).toBe(0);
    await visited(page, 'wizard-authors-single');
    await nextStep(page, 'Declarations and word count');
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.check();
    await page.getByLabel('Number of words').fill('3400');
    await nextStep(page, 'Application form');
    await page.getByText('The judges never see it').waitFor();
    await page.getByLabel('Full name').fill(author.name);
    await page.getByLabel('Programme of study or social-work qualification').fill('BA Social Work, year 3');
    await page.getByLabel('University or employer').fill('University of Kent');
    await visited(page, 'wizard-application');
    await nextStep(page, 'Upload your essay');
    await page.getByLabel('Your essay (PDF)').setInputFiles({
      name: 'my essay.pdf',
      mimeType: 'application/pdf',
      buffer: simplePdf([['The weight of a closed door', '', 'The door stayed shut the first three times...']]),
    });
    await page.getByText('Uploaded: version 1').waitFor();
    await nextStep(page, 'Check and submit');
    expect(await page.getByRole('heading', { name: 'Before you can submit' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('heading', { name: 'Your entry is sent' }).waitFor();
    const essayCode = (await page.locator('.confirmation .code').textContent())?.trim() ?? '';
    expect(essayCode).toMatch(/^CWEA-\d{4}-\d{3}$/);
    await visited(page, 'submitted-essay');

    // Both under "My submissions", with their codes and states in plain words.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My submissions' }).click();
    await settled(page);
    for (const code of [journalCode, essayCode]) {
      const card = page.getByRole('listitem').filter({ hasText: code });
      expect(await card.textContent()).toContain('Received');
    }
    await visited(page, 'my-submissions');

    // The receipts are in the outbox.
    const receipts = await env.system.db
      .selectFrom('email_message')
      .select(['subject', 'text_body'])
      .where('to_address', '=', author.email)
      .where('template', '=', 'submission.receipt')
      .execute();
    for (const code of [journalCode, essayCode]) {
      expect(receipts.some((mail) => mail.subject.includes(code) && mail.text_body.includes(code))).toBe(true);
    }

    // The editor finds both in the venues' queues; who wrote the essay stays hidden from the award's
    // editors until the judges' ranking is locked and un-blinded (entries are marked anonymously).
    await signOut(page);
    await signIn(page, env.system.baseUrl, person('editor').email, env.system.demoPassword);
    const editing = page.getByRole('navigation', { name: 'Venues you edit' });
    await editing.getByRole('link', { name: 'Submissions to Journal of Social Work Practice' }).click();
    await settled(page);
    await page.getByRole('rowheader', { name: journalCode }).waitFor();
    await visited(page, 'editor-queue-journal');
    await editing.getByRole('link', { name: 'Entries to Clare Winnicott Essay Awards' }).click();
    await page.getByRole('rowheader', { name: essayCode }).waitFor();
    await settled(page);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: essayCode }) });
    expect(await row.textContent()).not.toContain(author.name);
    expect(await row.textContent()).toContain('Entrant’s details hidden until the ranking is un-blinded');
    expect(await row.textContent()).toContain('Student');
    await visited(page, 'editor-queue-awards');
    await row.getByRole('link', { name: essayCode }).click();
    await page.getByRole('heading', { name: `${essayCode}: The weight of a closed door` }).waitFor();
    await settled(page);
    const authors = page.getByRole('region', { name: /Entrants/ });
    expect(await authors.textContent()).toContain('Hidden for now');
    expect(await authors.textContent()).not.toContain(author.email);
    expect(await authors.textContent()).not.toContain(author.name);
    // The form waits for the un-blinding of the locked ranking (eligibility is checked after marking).
    const application = page.getByRole('region', { name: /Application form/ });
    expect(await application.textContent()).toContain(
      'stays hidden until the judges’ ranking is locked and un-blinded',
    );
    expect(await application.textContent()).not.toContain('BA Social Work, year 3');
    await page.getByText('Preparing the anonymised copy for judges').waitFor();
    await page.getByText('Not yet: Start screening first.').waitFor();
    await visited(page, 'editor-submission');

    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);
});
