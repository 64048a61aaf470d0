// The award from marks to the journal, in the browser, on the demo's award call being judged: the
// chair reads the calibrated ranking with its explanation (entries by code and title only), locks
// (marks still missing, so the page asks), un-blinds (names appear), finds each category's best
// entry eligible, then makes it the winner, and announces; before the un-blinding the entry's own
// page and the queue say the entrant's details are hidden; a winner then downloads the certificate and offers the essay, and the
// editor moves it into the journal's queue. Written against whatever order the demo's marks give.
import { describe, expect, test } from 'vitest';
import { winnerTakesCertificateToJournal } from './support/award-winner.ts';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const entrantNames = ['Chloe Entrant', 'Dev Entrant', 'Esther Entrant', 'Femi Entrant'];

describe('the award, from the chair’s first look at the ranking to the winning essay in the journal', () => {
  const env = useSystemAndBrowser();

  /** The same page on a phone: the tables stack or scroll in their own labelled regions, nothing sideways. */
  async function onPhone(url: string, name: string) {
    const phone = await openPage(env.browser, { mobile: true });
    await phone.page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(phone.page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await phone.page.goto(url);
    await phone.page.getByRole('region', { name: 'Ranking of the Student category' }).waitFor();
    await settled(phone.page);
    await expectNoSidewaysScroll(phone.page, name);
    await visited(phone.page, name);
    expectNoProblems(phone);
    await phone.context.close();
  }

  test('the chair ranks, locks, un-blinds, picks winners and announces; a winner takes the certificate and the essay goes to the journal', async () => {
    const db = env.system.db;
    const call = await db
      .selectFrom('call')
      .innerJoin('venue', 'venue.id', 'call.venue_id')
      .select(['call.id', 'call.venue_id', 'call.title'])
      .where('venue.slug', '=', 'clare-winnicott-awards')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('submission')
            .select('submission.id')
            .whereRef('submission.call_id', '=', 'call.id')
            .where('submission.status', '=', 'in_review'),
        ),
      )
      .executeTakeFirstOrThrow();

    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/venues/${call.venue_id}/calls/${call.id}`);
    await settled(page);
    await page.getByRole('link', { name: 'The judges’ ranking, winners and announcement' }).click();
    await page.getByRole('heading', { name: `Ranking and results: ${call.title}` }).waitFor();
    await settled(page);

    // The ranking, per category, in tables a screen reader can name; no entrant anywhere yet.
    await page.getByRole('table', { name: 'Ranking of the Student category' }).waitFor();
    await page.getByRole('table', { name: 'Ranking of the Practitioner category' }).waitFor();
    await page.getByRole('heading', { name: 'How the ranking is made' }).waitFor();
    await page.getByRole('heading', { name: /This ranking is not final: \d+ marks? still missing/ }).waitFor();
    const main = page.getByRole('main');
    for (const name of entrantNames) expect(await main.textContent()).not.toContain(name);
    await visited(page, 'award-ranking-open');

    await onPhone(page.url(), 'phone-award-ranking');

    // Before the un-blinding an entry's page and the queue name no entrant, and say why.
    const rankingUrl = page.url();
    await page
      .getByRole('table', { name: 'Ranking of the Student category' })
      .getByRole('rowheader')
      .first()
      .getByRole('link')
      .click();
    await page
      .getByText(/Entrant’s details hidden until the ranking is un-blinded/)
      .first()
      .waitFor();
    for (const name of entrantNames) expect(await main.textContent()).not.toContain(name);
    await visited(page, 'award-entry-withheld');
    await page.goto(`${env.system.baseUrl}/venues/${call.venue_id}/submissions`);
    await page.getByText('Entrant’s details hidden until the ranking is un-blinded').first().waitFor();
    for (const name of entrantNames) expect(await main.textContent()).not.toContain(name);
    await page.goto(rankingUrl);
    await page.getByRole('heading', { name: `Ranking and results: ${call.title}` }).waitFor();
    await settled(page);
    // The steps after the lock say why they wait.
    await page.getByText('Possible once the ranking is locked and un-blinded.').waitFor();

    // 1. Lock: marks are missing, so the page asks first.
    await page.getByRole('button', { name: 'Lock the ranking' }).click();
    await page.getByText(/still missing; lock anyway\?/).waitFor();
    await page.getByRole('button', { name: 'Yes, lock it' }).click();
    await main.getByRole('status').getByText('The ranking is locked.').waitFor();
    await page.getByText(/^Locked by .+ The ranking above is final\.$/).waitFor();

    // 2. Un-blind: the names and application forms appear.
    await page.getByRole('button', { name: 'Un-blind the ranking' }).click();
    await page.getByRole('button', { name: 'Yes, un-blind' }).click();
    await main.getByRole('status').getByText('Un-blinded: the entrants’ names and forms are shown.').waitFor();
    const text = (await main.textContent()) ?? '';
    expect(entrantNames.filter((name) => text.includes(name)).length).toBeGreaterThan(0);
    await visited(page, 'award-ranking-unblinded');
    await onPhone(page.url(), 'phone-award-ranking-unblinded');

    // 3. Eligibility first: each category's best-ranked entry is checked against its form.
    const winners: string[] = [];
    for (const category of ['Student', 'Practitioner']) {
      const code = (
        (await page
          .getByRole('table', { name: `Ranking of the ${category} category` })
          .getByRole('rowheader')
          .first()
          .getByRole('link')
          .textContent()) ?? ''
      ).trim();
      const group = page.getByRole('group', { name: new RegExp(`^${code}`) });
      await group.getByRole('radio', { name: 'Eligible', exact: true }).check();
      await group.getByRole('button', { name: `Save eligibility of ${code}` }).click();
      await main.getByRole('status').getByText(`Eligibility of ${code} saved.`).waitFor();
      winners.push(code);
    }
    // 4. Then the results, on eligible entries only: each of those is made its category's winner.
    for (const [index, category] of ['Student', 'Practitioner'].entries()) {
      const form = page.getByRole('form', { name: category, exact: true });
      const choice = form.getByRole('combobox', { name: new RegExp(winners[index]!) });
      await choice.selectOption('winner');
      await form.getByRole('button', { name: `Save results for ${category}` }).click();
      await main.getByRole('status').getByText(`Results saved for ${category}.`).waitFor();
    }
    await visited(page, 'award-ranking-results');

    // 5. Announce, once: every entrant is told about their own entry.
    await page.getByRole('button', { name: 'Announce the results' }).click();
    await page.getByRole('button', { name: 'Yes, announce' }).click();
    await main
      .getByRole('status')
      .getByText(/^Announced\. 2 winners, /)
      .waitFor();
    await page.getByText(/Every entrant has been e-mailed about their own entry\./).waitFor();
    await visited(page, 'award-ranking-announced');

    const entries = await db
      .selectFrom('award_result')
      .select(['submission_id', 'outcome', 'announced_at'])
      .where('call_id', '=', call.id)
      .execute();
    expect(entries.filter((e) => e.outcome === 'winner')).toHaveLength(2);
    expect(entries.every((e) => e.announced_at !== null)).toBe(true);
    const mails = await db
      .selectFrom('email_message')
      .select(['template', 'to_address'])
      .where('template', 'like', 'award.%')
      .execute();
    expect(mails).toHaveLength(entries.length);
    expect(mails.filter((m) => m.template === 'award.winner')).toHaveLength(2);
    const statuses = await db.selectFrom('submission').select('status').where('call_id', '=', call.id).execute();
    expect(statuses.filter((s) => s.status === 'in_review')).toEqual([]);
    expectNoProblems(watched);
    await watched.context.close();

    const winner = entries.find((e) => e.outcome === 'winner')!;
    await winnerTakesCertificateToJournal(env, winner.submission_id);
  }, 300_000);
});
