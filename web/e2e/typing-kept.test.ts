// Nothing typed is lost: the session ends (its cookies are deleted) in the middle of a sentence,
// the person keeps typing for ten seconds, the page never moves, they sign in again in a dialog
// on the same page, and every character reaches the server. For the draft editor (on a phone),
// the editor's return-to-author message and a call's settings; and a reload with words that had
// not been saved (the network was down) puts them back and saves them.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  checkAccessibility,
  expectNoProblems,
  expectNoSidewaysScroll,
  openPage,
  settled,
  visited,
} from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';
import { nextStep, waitForSaved } from './support/wizard.ts';

/** About ten seconds of typing at a steady pace. */
const TEN_SECONDS_OF_TYPING =
  ' The group met on Thursdays, whatever else was happening, and nobody was asked to bring a case.';
const TYPING_DELAY_MS = Math.ceil(10_000 / TEN_SECONDS_OF_TYPING.length);

describe('typing through a lost session', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;

  /** Every address the tab goes to from now on (full loads and in-app moves alike). */
  function watchAddress(page: Page): string[] {
    const moves: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) moves.push(frame.url());
    });
    return moves;
  }

  const banner = (page: Page) => page.getByRole('alert').filter({ hasText: 'You have been signed out.' });
  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Sign in again' });

  async function signInThroughDialog(page: Page, email: string) {
    const box = dialog(page);
    await box.waitFor();
    await box.getByLabel('E-mail address').fill(email);
    await box.getByLabel('Password', { exact: true }).fill(env.system.demoPassword);
    await box.getByRole('button', { name: 'Sign in' }).click();
    await box.waitFor({ state: 'hidden' });
  }

  const keptKeys = (page: Page) =>
    page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('gaps:kept:')));

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

  test('the draft editor: cookies gone mid-sentence, ten more seconds of typing, signed in again in place, every character saved', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page, context } = watched;
    const author = person('author', 1);
    await page.goto(`${env.system.baseUrl}/sign-in?next=%2Fcalls`);
    await signIn(page, env.system.baseUrl, author.email, env.system.demoPassword, '/calls');
    await settled(page);
    await page.getByRole('button', { name: /Start a submission to Journal of Social Work Practice/ }).click();
    await page.waitForURL(/\/submissions\/[0-9a-f-]+\?step=call$/);
    const draftId = new URL(page.url()).pathname.split('/').at(-1)!;
    await nextStep(page, 'Title, abstract and keywords');
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await title.fill('Thinking under pressure');
    await title.blur();
    await waitForSaved(page);

    const abstractBox = page.getByRole('textbox', { name: 'Abstract', exact: true });
    await abstractBox.click();
    const before = 'What happens to a duty team’s capacity to think when every referral feels urgent?';
    await page.keyboard.type(before, { delay: 10 });
    const moves = watchAddress(page);
    const startedAt = Date.now();
    await context.clearCookies();
    await page.keyboard.type(TEN_SECONDS_OF_TYPING, { delay: TYPING_DELAY_MS });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(9_000);
    const abstract = before + TEN_SECONDS_OF_TYPING;

    // The autosave met the ended session while the author typed: a banner, and nothing else moved.
    await banner(page).waitFor();
    expect(moves).toEqual([]);
    expect(await abstractBox.inputValue()).toBe(abstract);
    expect(await focusedId(page)).toBe('draft-abstract');
    expect(await page.locator('.save-status').textContent()).toContain('you have been signed out');
    await expectNoSidewaysScroll(page, 'phone-wizard-signed-out-banner');
    await visited(page, 'phone-wizard-signed-out-banner');

    // The dialog: labelled, focus inside it (the address is filled in), Escape keeps everything.
    await banner(page)
      .getByRole('button', { name: /^Sign in again/ })
      .click();
    await dialog(page).waitFor();
    expect(await dialog(page).getByLabel('E-mail address').inputValue()).toBe(author.email);
    expect(await focusedId(page)).toBe('sign-in-again-password');
    await checkAccessibility(page, 'phone-sign-in-dialog');
    await expectNoSidewaysScroll(page, 'phone-sign-in-dialog');
    await visited(page, 'phone-sign-in-dialog');
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Sign in again/);
    expect(await abstractBox.inputValue()).toBe(abstract);

    // Someone else signs in at this computer: the author's words do not go into their account.
    const other = person('author', 0);
    await banner(page)
      .getByRole('button', { name: /^Sign in again/ })
      .click();
    await signInThroughDialog(page, other.email);
    await page.getByText(`You are signed in as ${other.name}.`).waitFor();
    await visited(page, 'phone-wizard-someone-else-signed-in');
    const meanwhile = await env.system.db
      .selectFrom('submission')
      .select('abstract')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(meanwhile.abstract).toBe('');
    expect(await abstractBox.inputValue()).toBe(abstract);

    // The author signs in again: everything is saved, and they are back where they were typing.
    await page
      .getByRole('alert')
      .getByRole('button', { name: /^Sign in again/ })
      .click();
    await signInThroughDialog(page, author.email);
    await page.getByText('You are signed in again. Everything you typed has been saved.').waitFor();
    await waitForSaved(page);
    expect(await focusedId(page)).toBe('draft-abstract');
    expect(moves).toEqual([]);
    const saved = await env.system.db
      .selectFrom('submission')
      .select(['title', 'abstract'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ title: 'Thinking under pressure', abstract });
    expect(await keptKeys(page)).toEqual([]);
    await expectNoSidewaysScroll(page, 'phone-wizard-saved-after-sign-in');
    await visited(page, 'phone-wizard-saved-after-sign-in');

    expectNoProblems(watched);
    await context.close();
  }, 120_000);

  test('signing in again in another tab hands back: this tab saves when it is looked at again', async () => {
    const watched = await openPage(env.browser);
    const { page, context } = watched;
    const author = person('author', 0);
    await page.goto(`${env.system.baseUrl}/sign-in?next=%2Fsubmissions`);
    await signIn(page, env.system.baseUrl, author.email, env.system.demoPassword, '/submissions');
    const { id: draftId } = await env.system.db
      .selectFrom('submission')
      .select('id')
      .where('title', '=', 'Learning to stay')
      .executeTakeFirstOrThrow();
    await page.goto(`${env.system.baseUrl}/submissions/${draftId}?step=details`);
    await page.getByRole('heading', { name: 'Title, abstract and keywords', level: 2 }).waitFor();
    await settled(page);
    const moves = watchAddress(page);
    await context.clearCookies();
    const abstractBox = page.getByRole('textbox', { name: 'Abstract', exact: true });
    await abstractBox.click();
    await page.keyboard.type('Staying with a family when the service frightens them.', { delay: 5 });
    await abstractBox.blur();
    await banner(page).waitFor();

    // The author signs in on another tab, as people do, then comes back to this one.
    const other = await context.newPage();
    await other.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(other, env.system.baseUrl, author.email, env.system.demoPassword);
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByText('You are signed in again. Everything you typed has been saved.').waitFor();
    expect(moves).toEqual([]);
    const saved = await env.system.db
      .selectFrom('submission')
      .select('abstract')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(saved.abstract).toBe('Staying with a family when the service frightens them.');

    expectNoProblems(watched);
    await context.close();
  }, 90_000);

  test('a reload puts back what had not been saved (the network was down), and saves it', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const author = person('author', 0);
    await page.goto(`${env.system.baseUrl}/sign-in?next=%2Fsubmissions`);
    await signIn(page, env.system.baseUrl, author.email, env.system.demoPassword, '/submissions');
    const { id: draftId } = await env.system.db
      .selectFrom('submission')
      .select('id')
      .where('title', '=', 'Learning to stay')
      .executeTakeFirstOrThrow();
    await page.goto(`${env.system.baseUrl}/submissions/${draftId}?step=details`);
    await page.getByRole('heading', { name: 'Title, abstract and keywords', level: 2 }).waitFor();
    await settled(page);

    // The network goes: the save fails, the words stay, and the page says it will try again.
    await page.route(`**/api/submissions/${draftId}`, (route) =>
      route.request().method() === 'GET' ? route.continue() : route.abort('internetdisconnected'),
    );
    const keywords = page.getByRole('textbox', { name: 'Keywords', exact: true });
    await keywords.click();
    await page.keyboard.type('containment, staying with not knowing', { delay: 5 });
    await expect
      .poll(() => page.locator('.save-status').textContent(), { timeout: 15_000 })
      .toContain('we will try again');

    // The tab is reloaded before the network comes back: what was typed is put back, then saved.
    await page.unroute(`**/api/submissions/${draftId}`);
    await page.reload();
    await page.getByText('Restored what you typed that had not been saved yet').waitFor();
    expect(await keywords.inputValue()).toBe('containment, staying with not knowing');
    await waitForSaved(page);
    await visited(page, 'wizard-restored-after-reload');
    const saved = await env.system.db
      .selectFrom('submission')
      .select('keywords')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(saved.keywords).toEqual(['containment', 'staying with not knowing']);

    // A shared computer: signing out on purpose forgets what this person kept here, even words
    // the server never got (the network is down again), so the next person cannot read them.
    await page.route(`**/api/submissions/${draftId}`, (route) =>
      route.request().method() === 'GET' ? route.continue() : route.abort('internetdisconnected'),
    );
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill('Learning to stay: a private note');
    await expect
      .poll(() => page.locator('.save-status').textContent(), { timeout: 15_000 })
      .toContain('we will try again');
    expect(await keptKeys(page)).toHaveLength(1);
    await signOut(page);
    expect(await keptKeys(page)).toEqual([]);

    expectNoProblems(watched);
    await watched.context.close();
  }, 90_000);

  test('the return-to-author message: kept over a reload and a lost session, sent after signing in again in place', async () => {
    const watched = await openPage(env.browser);
    const { page, context } = watched;
    const essay = await env.system.db
      .selectFrom('submission')
      .select(['id'])
      .where('title', '=', 'What the silence held')
      .executeTakeFirstOrThrow();
    await page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(`/submissions/${essay.id}`)}`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword, `/submissions/${essay.id}`);
    await settled(page);
    await page.getByRole('button', { name: 'Return to the entrant…' }).click();
    const message = page.getByLabel('Message to the entrant');
    await message.press('ControlOrMeta+End');
    await page.keyboard.type('\n\nP.S. Page 1 names your team', { delay: 5 });

    // A reload: the form opens again with the words as they were.
    await page.reload();
    await page.getByText('Restored what you typed that had not been saved yet.').waitFor();
    expect(await message.inputValue()).toMatch(/The editors\n\nP\.S\. Page 1 names your team$/);

    await message.press('ControlOrMeta+End');
    const moves = watchAddress(page);
    await context.clearCookies();
    await page.keyboard.type(TEN_SECONDS_OF_TYPING, { delay: TYPING_DELAY_MS });
    const whole = await message.inputValue();
    expect(whole).toMatch(/P\.S\. Page 1 names your team The group met on Thursdays.*a case\.$/);

    // "Send" finds the session gone: the dialog opens at once, on the same page.
    await page.getByRole('button', { name: 'Send it back to the entrant' }).click();
    await dialog(page).waitFor();
    expect(await focusedId(page)).toBe('sign-in-again-password');
    await visited(page, 'return-to-author-sign-in-dialog');
    await signInThroughDialog(page, 'editor@example.org');
    await page.getByText('Returned to the entrant.').waitFor();
    expect(moves).toEqual([]);

    const mail = await env.system.db
      .selectFrom('email_message')
      .select('text_body')
      .where('template', 'like', '%return%')
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(whole.trim());
    await visited(page, 'return-to-author-sent-after-sign-in');

    expectNoProblems(watched);
    await context.close();
  }, 90_000);

  test('a call’s settings: typed through a lost session, saved after signing in again in place', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page, context } = watched;
    const call = await env.system.db
      .selectFrom('call')
      .innerJoin('venue', 'venue.id', 'call.venue_id')
      .select(['call.id', 'call.venue_id', 'call.description'])
      .where('venue.kind', '=', 'award')
      .executeTakeFirstOrThrow();
    const address = `/venues/${call.venue_id}/calls/${call.id}`;
    await page.goto(`${env.system.baseUrl}/sign-in?next=${encodeURIComponent(address)}`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword, address);
    await settled(page);

    const description = page.getByLabel('Description');
    await description.click();
    await description.press('ControlOrMeta+End');
    const moves = watchAddress(page);
    await context.clearCookies();
    await page.keyboard.type(TEN_SECONDS_OF_TYPING, { delay: TYPING_DELAY_MS });
    const typed = await description.inputValue();
    expect(typed).toBe(call.description + TEN_SECONDS_OF_TYPING);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await dialog(page).waitFor();
    await checkAccessibility(page, 'phone-call-sign-in-dialog');
    await signInThroughDialog(page, 'editor@example.org');
    await page.getByText('Your changes are saved.').waitFor();
    expect(moves).toEqual([]);
    const saved = await env.system.db
      .selectFrom('call')
      .select('description')
      .where('id', '=', call.id)
      .executeTakeFirstOrThrow();
    expect(saved.description).toBe(typed);
    await expectNoSidewaysScroll(page, 'phone-call-saved-after-sign-in');
    await visited(page, 'phone-call-saved-after-sign-in');

    expectNoProblems(watched);
    await context.close();
  }, 90_000);
});
