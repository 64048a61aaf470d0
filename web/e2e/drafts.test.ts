// Nothing typed is lost: a session that ends in the middle of a sentence leaves the author on the
// same step, signing in again in place, with the words saved; and an upload the server refuses
// shows the server's own explanation. Both on a phone-sized screen.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';
import { nextStep, waitForSaved } from './support/wizard.ts';

describe('drafts in the browser', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;

  /** Signs in and starts a draft to the journal; answers the draft's address. */
  async function startJournalDraft(page: Page, email: string): Promise<string> {
    await page.goto(`${env.system.baseUrl}/sign-in?next=%2Fcalls`);
    await signIn(page, env.system.baseUrl, email, env.system.demoPassword, '/calls');
    await settled(page);
    await page.getByRole('button', { name: /Start a submission to Journal of Social Work Practice/ }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+\?step=call$/);
    await page.getByRole('heading', { name: 'Call and category' }).waitFor();
    return page.url().split('?')[0]!;
  }

  test('the session ends mid-sentence: sign in again, land on the same step, and the words are saved', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const author = person('author', 1);
    const draftUrl = await startJournalDraft(page, author.email);
    const draftId = draftUrl.split('/').at(-1)!;
    await expectNoSidewaysScroll(page, 'phone-wizard-call');
    await visited(page, 'phone-wizard-call');
    await nextStep(page, 'Title, abstract and keywords');

    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await title.fill('Thinking under pressure');
    await title.blur();
    await waitForSaved(page);
    await expectNoSidewaysScroll(page, 'phone-wizard-details');
    await visited(page, 'phone-wizard-details');

    // The session ends (it expired, or was signed out elsewhere) while the author is typing.
    const { id: personId } = await env.system.db
      .selectFrom('person')
      .select('id')
      .where('email', '=', author.email)
      .executeTakeFirstOrThrow();
    await env.system.db.deleteFrom('session').where('person_id', '=', personId).execute();
    const abstract =
      'What happens to a duty team’s capacity to think when every referral feels urgent, and how a weekly reflective group helped.';
    await page.getByRole('textbox', { name: 'Abstract', exact: true }).fill(abstract.slice(0, 40));
    await page.keyboard.type(abstract.slice(40));
    // Leaving the field saves at once: the API says the session has gone. The page stays put and
    // offers to sign in again in place (web/e2e/typing-kept.test.ts goes through it in detail).
    await page.keyboard.press('Tab');
    const signedOut = page.getByRole('alert').filter({ hasText: 'You have been signed out.' });
    await signedOut.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/submissions/${draftId}`);
    await expectNoSidewaysScroll(page, 'phone-wizard-session-ended');
    await visited(page, 'phone-wizard-session-ended');

    await signedOut.getByRole('button', { name: /^Sign in again/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.getByLabel('Password', { exact: true }).fill(env.system.demoPassword);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Everything you typed has been saved').waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('details');
    expect(await page.getByRole('textbox', { name: 'Abstract', exact: true }).inputValue()).toBe(abstract);
    await waitForSaved(page);
    await expectNoSidewaysScroll(page, 'phone-wizard-details-restored');
    await visited(page, 'phone-wizard-details-restored');

    const saved = await env.system.db
      .selectFrom('submission')
      .select(['title', 'abstract', 'draft_step'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ title: 'Thinking under pressure', abstract, draft_step: 'details' });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('gaps:kept:')))).toEqual(
      [],
    );

    // Opened again later, the draft starts on the step the author was on.
    await page.goto(`${env.system.baseUrl}/submissions`);
    await settled(page);
    await expectNoSidewaysScroll(page, 'phone-my-submissions');
    await visited(page, 'phone-my-submissions');
    await page.getByRole('link', { name: /Carry on with this draft \(Thinking under pressure/ }).click();
    await page.getByRole('heading', { name: 'Title, abstract and keywords', level: 2 }).waitFor();

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('an upload the server refuses shows its message, next to the field and in the summary', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const draftUrl = await startJournalDraft(page, person('author', 0).email);
    await page.goto(`${draftUrl}?step=manuscript`);
    await page.getByRole('heading', { name: 'Upload your manuscript', level: 2 }).waitFor();
    await settled(page);

    // A PNG with a .pdf name: the server looks at the content, not the name.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page
      .getByLabel('Your manuscript (PDF)')
      .setInputFiles({ name: 'essay.pdf', mimeType: 'application/pdf', buffer: png });
    const message = 'This file is not a PDF. Please save your manuscript as PDF';
    await page.getByRole('alert').getByText(message).waitFor();
    await page.locator('#draft-upload-manuscript-error').getByText(message).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true);
    await expectNoSidewaysScroll(page, 'phone-upload-not-a-pdf');
    await visited(page, 'phone-upload-not-a-pdf');

    // A PDF cut short on the way.
    const truncated = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
    await page
      .getByLabel('Your manuscript (PDF)')
      .setInputFiles({ name: 'cut.pdf', mimeType: 'application/pdf', buffer: truncated });
    await page.getByRole('alert').getByText('This PDF seems incomplete').waitFor();

    expect(await page.getByText('No file uploaded yet.').count()).toBe(1);

    // Check and submit: what is missing links to its step, and Submit explains why it waits.
    await page.goto(`${draftUrl}?step=review`);
    await page.getByRole('heading', { name: 'Before you can submit' }).waitFor();
    await settled(page);
    const submit = page.getByRole('button', { name: 'Submit' });
    expect(await submit.getAttribute('aria-disabled')).toBe('true');
    // Pressed anyway (from the keyboard): focus goes to the list of what is missing.
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('missing'))).toBe(true);
    await expectNoSidewaysScroll(page, 'phone-wizard-review-missing');
    await visited(page, 'phone-wizard-review-missing');
    await page.getByRole('link', { name: 'Give your work a title.' }).click();
    await page.getByRole('heading', { name: 'Title, abstract and keywords', level: 2 }).waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('details');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
