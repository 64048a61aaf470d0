// A journal decision in the browser: the editor chooses "Accept" on the demo paper whose two
// reviews are in, reads the drafted letter (reviewers as "Reviewer 1", "Reviewer 2"), edits it and
// sends it. The letter is held: the mail worker's own delivery code refuses it before its time,
// and the author's page shows nothing of the decision until it has gone. After the hold the author
// reads the decision and the letter, on a phone too. Each page is checked with axe.
import { describe, expect, test } from 'vitest';
import { deliverMail } from '../../workers/src/mail/deliver.ts';
import { memoryLogger } from '../../workers/test/helpers.ts';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const TITLE = 'Endings that hold: closing long-term work with families';

describe('a decision in the browser', () => {
  const env = useSystemAndBrowser();

  test('the editor drafts, edits and sends a decision; the author reads it after the hold', async () => {
    const { db } = env.system;
    const paper = await db.selectFrom('submission').select(['id']).where('title', '=', TITLE).executeTakeFirstOrThrow();
    const reviewerNames = (
      await db
        .selectFrom('assignment')
        .innerJoin('person', 'person.id', 'assignment.reviewer_id')
        .select('person.name')
        .where('assignment.submission_id', '=', paper.id)
        .execute()
    ).map((r) => r.name);
    expect(reviewerNames.length).toBeGreaterThan(0);

    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${paper.id}`);
    await settled(page);
    await page.getByRole('heading', { name: 'Decision', exact: true }).waitFor();

    // Drafting without a choice says what to do.
    await page.getByRole('button', { name: 'Draft the letter' }).click();
    await page.getByText('Choose a decision first.').first().waitFor();
    await page.getByRole('radio', { name: 'Accept' }).check();
    await page.getByRole('button', { name: 'Draft the letter' }).click();
    const letter = page.getByLabel('Letter to the author');
    await expect.poll(() => letter.inputValue()).toContain('Reviewer 1');
    const drafted = await letter.inputValue();
    for (const name of reviewerNames) expect(drafted).not.toContain(name);
    await letter.fill(`${drafted}\n\nP.S. Congratulations from the whole editorial board.`);
    await visited(page, 'decision-editor-draft');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.getByRole('button', { name: 'Yes, send it' }).click();
    await page.getByText(/Decision recorded: Accept\. The letter goes to the author in 10 minutes/).waitFor();
    await page.getByText('The letter has not gone out yet').waitFor();
    // Rescinding says plainly what becomes of the reviewers the decision released.
    await page.getByRole('button', { name: 'Rescind this decision' }).click();
    await page.getByText(/stay released: their invitations stay cancelled,\s+and they are not told/).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Accepted: the editors are preparing it for publication.').waitFor();
    await visited(page, 'decision-editor-sent');
    await signOut(page);

    // Held: the worker's delivery refuses it now, and the author's page shows nothing of it.
    const decision = await db
      .selectFrom('decision')
      .innerJoin('email_message', 'email_message.id', 'decision.email_message_id')
      .select(['email_message.id as letterId', 'email_message.send_after'])
      .where('decision.submission_id', '=', paper.id)
      .executeTakeFirstOrThrow();
    const delivery = (now: Date) => ({
      db,
      transport: null,
      from: 'GAPS <no-reply@example.org>',
      messageIdDomain: 'example.org',
      logger: memoryLogger().logger,
      now: () => now,
    });
    expect(await deliverMail(delivery(new Date()), decision.letterId)).toBe('held');

    await signIn(page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${paper.id}`);
    await settled(page);
    expect(await page.getByRole('heading', { name: /The editors’ decision/ }).count()).toBe(0);
    // Withdrawing now would tell the decision (or act behind its letter): the answer tells neither.
    await page.getByRole('button', { name: 'Withdraw this submission' }).click();
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page
      .getByText(/The editors are sending you their decision; you will hear from them by e-mail within/)
      .waitFor();
    expect(await page.getByText(/decided/).count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // After the hold the letter goes (captured, as in the demo), and the author reads it.
    const later = new Date(decision.send_after!.getTime() + 1_000);
    expect(await deliverMail(delivery(later), decision.letterId)).toBe('captured');
    await page.reload();
    await settled(page);
    await page.getByRole('heading', { name: 'The editors’ decision: Accept' }).waitFor();
    const shown = (await page.getByTestId('decision-letter').textContent()) ?? '';
    expect(shown).toContain('Reviewer 1');
    expect(shown).toContain('P.S. Congratulations from the whole editorial board.');
    for (const name of reviewerNames) expect(shown).not.toContain(name);
    await page.getByText('Accepted: the editors are preparing it for publication.').waitFor();
    await visited(page, 'decision-author');

    const phone = await openPage(env.browser, { mobile: true });
    await phone.page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(phone.page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    await phone.page.goto(`${env.system.baseUrl}/submissions/${paper.id}`);
    await settled(phone.page);
    await phone.page.getByRole('heading', { name: 'The editors’ decision: Accept' }).waitFor();
    await expectNoSidewaysScroll(phone.page, 'the author’s decision on a phone');
    await visited(phone.page, 'decision-author-phone');

    expectNoProblems(watched);
    expectNoProblems(phone);
  }, 120_000);
});
