// Every promise kept: the footer reaches help, contact, privacy and terms; each venue's editors can
// be written to at the address they set; closing a call with drafts in it needs the editor's
// go-ahead, and its authors are told before Submit whom to ask for more time; and "Create an
// account" from a call's sign-in page comes back to that call after the e-mailed link.
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { linkFromMail } from './support/mail.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('contact, help, privacy and terms; closed calls; sign-up keeps the call', () => {
  const env = useSystemAndBrowser();
  const person = (role: string, index = 0) => env.system.demoPeople.filter((p) => p.role === role)[index]!;
  const venueId = async (slug: string) =>
    (await env.system.db.selectFrom('venue').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

  test('the footer leads to the four pages, on a desktop and on a phone; Contact gives each venue’s address', async () => {
    for (const mobile of [false, true]) {
      const watched = await openPage(env.browser, { mobile });
      const { page } = watched;
      const size = mobile ? 'phone' : 'desktop';
      await page.goto(env.system.baseUrl);
      await settled(page);
      for (const [link, heading, path] of [
        ['How it works', 'How it works', '/help'],
        ['Contact the editors', 'Contact the editors', '/contact'],
        ['Privacy', 'Privacy', '/privacy'],
        ['Terms of use', 'Terms of use', '/terms'],
      ] as const) {
        await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).click();
        await page.waitForURL((url) => url.pathname === path);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await expectNoSidewaysScroll(page, `${size}${path}`);
        await visited(page, `${size}-${path.slice(1)}`);
      }
      await page.goto(`${env.system.baseUrl}/contact`);
      const journal = page.getByRole('region', { name: 'Journal of Social Work Practice' });
      expect(await journal.getByRole('link').getAttribute('href')).toBe('mailto:jswp-editors@example.org');
      const award = page.getByRole('region', { name: 'Clare Winnicott Essay Awards' });
      expect(await award.textContent()).toContain('awards@example.org');
      // The website's editors have set no address yet: the page says so rather than showing nothing.
      expect(await page.getByRole('region', { name: 'GAPS website articles' }).textContent()).toContain(
        'The editors have not put their address here yet.',
      );
      // The privacy notice states the periods each venue has really set, not a promise written once.
      await page.goto(`${env.system.baseUrl}/privacy`);
      const periods = page.getByRole('table', { name: 'The periods in force now' });
      const awards = periods.getByRole('row', { name: /Clare Winnicott Essay Awards/ });
      expect(await awards.textContent()).toContain('12 months');
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 180_000);

  test('an editor sets the venue’s address on its settings page; a wrong one is refused and the old one kept', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, person('editor').email, env.system.demoPassword);
    await settled(page);
    await page
      .getByRole('navigation', { name: 'Venues you edit' })
      .getByRole('link', { name: 'Settings of Journal of Social Work Practice' })
      .click();
    await page.waitForURL((url) => url.pathname.endsWith('/settings'));
    const field = page.getByLabel('Editorial e-mail address');
    expect(await field.inputValue()).toBe('jswp-editors@example.org');
    await visited(page, 'venue-settings');

    await field.fill('the journal office');
    await page.getByRole('button', { name: 'Save the address' }).click();
    await page.getByRole('alert').getByText('Enter an e-mail address, like name@example.org.').first().waitFor();
    await visited(page, 'venue-settings-problem');
    const journalId = await venueId('jswp');
    const stored = () =>
      env.system.db.selectFrom('venue').select('contact_email').where('id', '=', journalId).executeTakeFirstOrThrow();
    expect((await stored()).contact_email).toBe('jswp-editors@example.org');

    await field.fill('Journal-Office@example.org');
    await page.getByRole('button', { name: 'Save the address' }).click();
    await page.getByText('Saved. Authors now see journal-office@example.org.').waitFor();
    expect((await stored()).contact_email).toBe('journal-office@example.org');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Contact the editors' }).click();
    await page.getByRole('link', { name: 'journal-office@example.org' }).waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('closing a call: the editor is told how many drafts it closes out; its authors see it has closed, whom to ask, and no Submit', async () => {
    const award = await env.system.db
      .selectFrom('call')
      .innerJoin('venue', 'venue.id', 'call.venue_id')
      .select(['call.id', 'call.title', 'venue.id as venueId'])
      .where('venue.slug', '=', 'clare-winnicott-awards')
      // This year's call: the demo's call of last year has closed already.
      .where('call.deadline_at', '>', new Date())
      .executeTakeFirstOrThrow();
    // The call opened a year ago, so its deadline can move to yesterday.
    await env.system.db
      .updateTable('call')
      .set({ opens_at: new Date(Date.now() - 365 * 86_400_000) })
      .where('id', '=', award.id)
      .execute();

    // An entrant starts a draft.
    const entrant = await openPage(env.browser, { mobile: true });
    await entrant.page.goto(`${env.system.baseUrl}/sign-in?next=%2Fcalls`);
    await signIn(entrant.page, env.system.baseUrl, person('author').email, env.system.demoPassword, '/calls');
    await settled(entrant.page);
    await entrant.page.getByRole('button', { name: `Start an entry to ${award.title}` }).click();
    await entrant.page.waitForURL(/\/submissions\/[0-9a-f-]+\?step=call$/);
    const draftUrl = entrant.page.url().split('?')[0]!;
    const draftId = draftUrl.split('/').at(-1)!;
    const { drafts } = await env.system.db
      .selectFrom('submission')
      .select((eb) => eb.fn.countAll<string>().as('drafts'))
      .where('call_id', '=', award.id)
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    const count = Number(drafts);
    expect(count).toBeGreaterThan(0);

    // The editor moves the deadline to yesterday.
    const editor = await openPage(env.browser);
    await editor.page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(editor.page, env.system.baseUrl, person('editor').email, env.system.demoPassword);
    await editor.page.goto(`${env.system.baseUrl}/venues/${award.venueId}/calls/${award.id}`);
    await settled(editor.page);
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    await editor.page.getByLabel(/^Last day/).fill(yesterday);
    await editor.page.getByLabel(/^Midnight at the end of that day/).check();
    await editor.page.getByRole('button', { name: 'Save changes' }).click();
    const warning = editor.page.getByRole('alert');
    await warning
      .getByText(`${count} ${count === 1 ? 'draft' : 'drafts'} in progress will be closed out`, { exact: false })
      .waitFor();
    await visited(editor.page, 'call-closing-warning');
    const deadline = () =>
      env.system.db.selectFrom('call').select('deadline_at').where('id', '=', award.id).executeTakeFirstOrThrow();
    expect((await deadline()).deadline_at!.getTime()).toBeGreaterThan(Date.now());

    await warning.getByRole('button', { name: 'Close the call now' }).click();
    await editor.page.getByText('Your changes are saved.').waitFor();
    expect((await deadline()).deadline_at!.getTime()).toBeLessThan(Date.now());
    await visited(editor.page, 'call-closed-by-editor');

    // The entrant is told on My submissions and at the top of the draft, with the address, and is offered no Submit.
    const { page } = entrant;
    await page.goto(`${env.system.baseUrl}/submissions`);
    await settled(page);
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: /Carry on with this draft/ }) });
    const closedCard = card.filter({ hasText: 'This call closed at' }).first();
    await closedCard.waitFor();
    expect(await closedCard.textContent()).toContain(
      'You can still ask the editors for an extension: awards@example.org',
    );
    await expectNoSidewaysScroll(page, 'phone-my-submissions-closed');
    await visited(page, 'phone-my-submissions-closed');

    await page.goto(`${draftUrl}?step=review`);
    await settled(page);
    await page.getByText('This call closed at').waitFor();
    await page.getByRole('link', { name: 'awards@example.org' }).first().waitFor();
    await page.getByText('The call has closed, so this draft cannot be submitted').waitFor();
    expect(await page.getByRole('button', { name: 'Submit', exact: true }).count()).toBe(0);
    await expectNoSidewaysScroll(page, 'phone-wizard-closed');
    await visited(page, 'phone-wizard-closed');

    // An extension from the editors reopens the draft for this entrant.
    await env.system.db
      .updateTable('submission')
      .set({ deadline_extended_to: new Date(Date.now() + 7 * 86_400_000) })
      .where('id', '=', draftId)
      .execute();
    await page.reload();
    await settled(page);
    await page.getByRole('button', { name: 'Submit', exact: true }).waitFor();
    expect(await page.getByText('This call closed at').count()).toBe(0);

    expectNoProblems(editor);
    expectNoProblems(entrant);
    await editor.context.close();
    await entrant.context.close();
  }, 180_000);

  test('“Create an account” from a call’s sign-in page comes back to that call after the e-mailed link', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const journalCall = await env.system.db
      .selectFrom('call')
      .select(['id', 'title'])
      .where('slug', '=', 'open-submissions')
      .executeTakeFirstOrThrow();
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    await page.getByRole('link', { name: `Sign in to start a submission to ${journalCall.title}` }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    // The header's link keeps the call too (on a phone it is behind the Menu button).
    await page.getByRole('banner').getByRole('button', { name: 'Menu' }).click();
    expect(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Create an account' })
        .getAttribute('href'),
    ).toBe(`/sign-up?next=${encodeURIComponent(`/calls?start=${journalCall.id}`)}`);
    await page.keyboard.press('Escape');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-up');
    const wanted = `/calls?start=${journalCall.id}`;
    expect(new URL(page.url()).searchParams.get('next')).toBe(wanted);
    await page.getByRole('link', { name: 'How we use and keep your data' }).waitFor();
    await expectNoSidewaysScroll(page, 'phone-sign-up');
    await visited(page, 'phone-sign-up');

    const email = 'first.timer@example.org';
    const password = 'a long enough secret';
    await page.getByLabel('Your name').fill('First Timer');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Choose a password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();

    await page.goto(await linkFromMail(env.system.db, email, '/verify-email'));
    await page.getByText('Your e-mail address is confirmed.').waitFor();
    await visited(page, 'phone-verified');
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, env.system.baseUrl, email, password, '/calls');
    expect(new URL(page.url()).searchParams.get('start')).toBe(journalCall.id);
    await settled(page);
    await page.getByText(`Start your submission to ${journalCall.title} below`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim())).toContain(
      'Start a submission',
    );
    await visited(page, 'phone-back-on-the-call');
    expectNoProblems(watched);
    await watched.context.close();
  }, 180_000);
});
