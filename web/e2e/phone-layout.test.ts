// Every page a person can reach, on a 390 px phone: nothing wider than the screen (no sideways
// scroll, no column hidden off to the right), axe-clean, with a screenshot to look at. Then the
// header's menu button, the editor's navigation and the editor's home page.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, openPage, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

/**
 * Fails when the page scrolls sideways or any element reaches past either edge of the screen,
 * even inside a box that scrolls on its own: a table column off to the right is as hidden as a
 * page that scrolls. Names the outermost offenders, so the message points at the culprit.
 */
async function expectFitsTheScreen(page: Page, name: string): Promise<void> {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (element: Element): string => {
      const parts: string[] = [];
      for (let at: Element | null = element; at && at !== document.body && parts.length < 4; at = at.parentElement) {
        const classes = [...at.classList].filter((name) => !name.startsWith('svelte-')).slice(0, 2);
        parts.unshift(`${at.localName}${at.id ? `#${at.id}` : ''}${classes.map((name) => `.${name}`).join('')}`);
      }
      return parts.join(' > ');
    };
    const outside = (element: Element): boolean => {
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return false; // .visually-hidden and empty boxes
      return box.right > width + 0.5 || box.left < -0.5;
    };
    const offenders: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (!outside(element)) continue;
      if (element.parentElement && element.parentElement !== document.body && outside(element.parentElement)) continue;
      const box = element.getBoundingClientRect();
      offenders.push(`${describe(element)} (${Math.round(box.left)}–${Math.round(box.right)} px)`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 6) };
  });
  expect(found.offenders, `elements beyond the ${found.width} px screen on ${name}`).toEqual([]);
  expect(found.scrollWidth, `sideways scroll on ${name}`).toBeLessThanOrEqual(found.width);
}

describe('every page on a 390 px phone', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;
  const venueId = async (slug: string) =>
    (await env.system.db.selectFrom('venue').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const submissionTitled = async (title: string) =>
    env.system.db.selectFrom('submission').select(['id']).where('title', '=', title).executeTakeFirstOrThrow();

  /** Opens a page, waits for its data, and checks it fits, is accessible, and is photographed. */
  async function check(page: Page, path: string, name: string, ready?: () => Promise<unknown>): Promise<void> {
    await page.goto(`${env.system.baseUrl}${path}`);
    await settled(page);
    if (ready) await ready();
    await expectFitsTheScreen(page, name);
    await visited(page, `phone-${name}`);
  }

  test('the pages anyone can open', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await check(page, '/', 'home');
    await check(page, '/calls', 'calls');
    await check(page, '/sign-in', 'sign-in');
    await check(page, '/sign-up', 'sign-up');
    await check(page, '/forgot-password', 'forgot-password');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('an author’s pages, the draft editor’s steps included', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const sent = await submissionTitled('Staying curious: relationship-based practice in child protection');
    const draft = await submissionTitled('Learning to stay');

    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, person('author').email, env.system.demoPassword);
    await check(page, '/', 'author-home');
    await check(page, '/calls', 'author-calls');
    await check(page, '/submissions', 'author-my-submissions');
    await check(page, `/submissions/${sent.id}`, 'author-submission');
    for (const step of ['call', 'details', 'authors', 'declarations', 'application', 'manuscript', 'review']) {
      await check(page, `/submissions/${draft.id}?step=${step}`, `author-wizard-${step}`, () =>
        page.locator('#step-heading').waitFor(),
      );
    }
    await check(page, '/account', 'author-account');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  test('an editor’s pages, with an identity report full of long strings', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const journal = await venueId('jswp');
    const awards = await venueId('clare-winnicott-awards');
    const supervision = await submissionTitled('Supervision as a container in times of austerity');
    const call = await env.system.db
      .selectFrom('call')
      .select('id')
      .where('venue_id', '=', journal)
      .executeTakeFirstOrThrow();
    // What the PDF worker writes when a copy still carries web addresses, e-mail addresses and
    // file metadata: long strings with no spaces to break at.
    await env.system.db
      .updateTable('review_copy')
      .set({
        status: 'needs_attention',
        page_count: 2,
        word_count: 4180,
        leak_report: JSON.stringify({
          findings: [
            {
              kind: 'email',
              page: 1,
              text: 'ben.author.supervision-research-group@open-university-social-work.example.ac.uk',
              context:
                'Correspondence: ben.author.supervision-research-group@open-university-social-work.example.ac.uk, Faculty of Wellbeing',
            },
            {
              kind: 'self_reference',
              page: 2,
              text: 'https://www.open.ac.uk/people/ben-author/publications/supervision-as-a-container-austerity-2025-preprint.pdf',
              context:
                'as I argued earlier (https://www.open.ac.uk/people/ben-author/publications/supervision-as-a-container-austerity-2025-preprint.pdf)',
            },
          ],
          overWordLimit: false,
          overPageLimit: false,
          leaksInCopy: [
            'XMP dc:creator=Ben_Author_Open_University_Faculty_of_Wellbeing_Education_and_Language_Studies',
          ],
        }),
        updated_at: new Date(),
      })
      .where('manuscript_version_id', 'in', (eb) =>
        eb.selectFrom('manuscript_version').select('id').where('submission_id', '=', supervision.id),
      )
      .execute();

    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, person('editor').email, env.system.demoPassword);
    await check(page, '/', 'editor-home');
    await check(page, '/venues', 'editor-venues');
    await check(page, `/venues/${journal}/submissions`, 'editor-queue-journal', () =>
      page.getByRole('link', { name: /JSWP-/ }).first().waitFor(),
    );
    await check(page, `/venues/${awards}/submissions`, 'editor-queue-awards', () =>
      page.getByRole('link', { name: /CWEA-/ }).first().waitFor(),
    );
    await check(page, `/venues/${awards}/submissions?status=draft`, 'editor-queue-drafts');
    await check(page, `/submissions/${supervision.id}`, 'editor-leak-report', () =>
      page.locator('.findings li').nth(1).waitFor(),
    );
    await check(page, `/venues/${journal}/calls`, 'editor-calls');
    await check(page, `/venues/${journal}/calls/new`, 'editor-call-new');
    await check(page, `/venues/${journal}/calls/${call.id}`, 'editor-call-edit');
    await check(page, `/venues/${journal}/reviewers`, 'editor-reviewer-pool', () =>
      page.getByRole('rowheader', { name: 'Ravi Reviewer' }).waitFor(),
    );
    const ravi = await env.system.db
      .selectFrom('person')
      .select('id')
      .where('name', '=', 'Ravi Reviewer')
      .executeTakeFirstOrThrow();
    await check(page, `/venues/${journal}/reviewers/${ravi.id}`, 'editor-reviewer-details', () =>
      page.getByLabel('Declared conflicts').waitFor(),
    );
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);

  test('the office’s pages', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    // An e-mail to read on the mail pages.
    await page.goto(`${env.system.baseUrl}/forgot-password`);
    await page.getByLabel('E-mail address').fill(person('author').email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText('we have sent it a link').waitFor();
    await expectFitsTheScreen(page, 'forgot-password-sent');

    await signIn(page, env.system.baseUrl, person('admin').email, env.system.demoPassword);
    await check(page, '/', 'admin-home');
    await check(page, '/admin/people', 'admin-people');
    await check(page, '/admin/audit', 'admin-audit', () => page.locator('#audit-caption').waitFor());
    await check(page, '/admin/mail', 'admin-mail', () => page.locator('#mail-caption').waitFor());
    const message = await env.system.db
      .selectFrom('email_message')
      .select('id')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    await check(page, `/admin/mail/${message.id}`, 'admin-mail-message');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('on a phone the header folds its links behind a menu button', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, person('editor').email, env.system.demoPassword);
    await settled(page);

    const header = page.getByRole('banner');
    const menu = header.getByRole('button', { name: 'Menu' });
    // The header is one short row: the name and the button.
    const height = await header.evaluate((element) => element.getBoundingClientRect().height);
    expect(height, 'header height on a phone').toBeLessThan(90);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const panel = page.locator(`#${await menu.getAttribute('aria-controls')}`);
    expect(await panel.isVisible()).toBe(false);

    // By keyboard: Enter opens, Escape closes and gives focus back to the button.
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).waitFor();
    await expectFitsTheScreen(page, 'menu open');
    await visited(page, 'phone-menu-open');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Menu');
    expect(await panel.isVisible()).toBe(false);

    // Following a link closes it.
    await menu.click();
    await page
      .getByRole('navigation', { name: 'Venues you edit' })
      .getByRole('link', { name: 'Calls of Clare Winnicott Essay Awards' })
      .click();
    await page.getByRole('heading', { name: 'Calls: Clare Winnicott Essay Awards' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await panel.isVisible()).toBe(false);

    // Signing out still works from the menu.
    await signOut(page);
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('on a wide screen the full navigation shows, and marks the page the editor is on', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const journal = await venueId('jswp');
    const supervision = await submissionTitled('Supervision as a container in times of austerity');
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, person('editor').email, env.system.demoPassword);
    await settled(page);
    expect(await page.getByRole('banner').getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);

    const current = () =>
      page
        .locator('header [aria-current="page"]')
        .evaluateAll((links) => links.map((link) => link.textContent?.replace(/\s+/g, '')));
    const journalLink = (what: string) => `${what} Journal of Social Work Practice`;

    // Home leads with the editor's venues and what is waiting for them.
    const venues = page.getByRole('region', { name: 'Your venues' });
    await venues.getByRole('heading', { name: 'Journal of Social Work Practice' }).waitFor();
    const firstHeading = await page.locator('main h2').first().textContent();
    expect(firstHeading).toBe('Your venues');
    const journalCard = venues
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Journal of Social Work Practice' }) });
    await expect.poll(() => journalCard.textContent()).toMatch(/1\s*received, waiting to be checked/);
    expect(await journalCard.textContent()).toMatch(/1\s*being checked/);
    expect(await current()).toEqual(['Home']);
    await visited(page, 'editor-home-wide');

    const expectations: Array<[string, string[]]> = [
      ['/venues', ['Venues']],
      [`/venues/${journal}/submissions`, [journalLink('Submissions to')]],
      [`/venues/${journal}/submissions?status=screening`, [journalLink('Submissions to')]],
      [`/venues/${journal}/calls`, [journalLink('Calls of')]],
      [`/venues/${journal}/calls/new`, [journalLink('Calls of')]],
      [`/venues/${journal}/reviewers`, [journalLink('Reviewer pool of')]],
      [`/submissions/${supervision.id}`, [journalLink('Submissions to')]],
      ['/submissions', ['My submissions']],
      ['/account', ['My account']],
    ];
    for (const [path, marked] of expectations) {
      await page.goto(`${env.system.baseUrl}${path}`);
      await settled(page);
      // Compared without spaces: a visually hidden part of a link's text starts without one.
      await expect
        .poll(current, { message: `the current item on ${path}` })
        .toEqual(marked.map((words) => words.replace(/\s+/g, '')));
    }
    await visited(page, 'editor-nav-account');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
