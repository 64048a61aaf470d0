// Words and layout: an award's pages say judges and entrants, the screening and check-and-submit
// slips are gone, an award entry's code carries the award's year, website articles offer no
// public Start, and the audit and mail logs read as sentences, found by a name or a code, on a
// phone as on a desk. No workers run in the test system, so the test plays their part.
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('words and layout in the browser', () => {
  const env = useSystemAndBrowser();

  const submissionTitled = (title: string) =>
    env.system.db
      .selectFrom('submission')
      .select(['id', 'code', 'status', 'call_id'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();

  /** The worker's part: a one-page copy with one finding, for the editor to release. */
  async function copyMadeWithFinding(submissionId: string) {
    const version = await env.system.db
      .selectFrom('manuscript_version')
      .select(['id', 'file_sha256'])
      .where('submission_id', '=', submissionId)
      .orderBy('version_number', 'desc')
      .executeTakeFirstOrThrow();
    await env.system.db
      .updateTable('review_copy')
      .set({
        status: 'needs_attention',
        output_sha256: version.file_sha256,
        page_count: 1,
        word_count: 1,
        leak_report: JSON.stringify({
          findings: [{ kind: 'name', page: 1, text: 'Ben Author', context: 'What the silence held, by Ben Author' }],
          overWordLimit: false,
          overPageLimit: false,
          leaksInCopy: [],
        }),
        updated_at: new Date(),
      })
      .where('manuscript_version_id', '=', version.id)
      .execute();
  }

  const mainText = async (page: Page) => ((await page.getByRole('main').textContent()) ?? '').replace(/\s+/g, ' ');

  test('an award entry says judges and entrants to its editor, with none of the slips, and its code has the award’s year', async () => {
    const essay = await submissionTitled('What the silence held');
    const { year } = await env.system.db
      .selectFrom('call')
      .select(sql<number>`extract(year from deadline_local)::int`.as('year'))
      .where('id', '=', essay.call_id)
      .executeTakeFirstOrThrow();
    // Sent now, for the awards whose deadline is next year: the code says next year.
    expect(year).toBe(new Date().getUTCFullYear() + 1);
    expect(essay.code).toMatch(new RegExp(`^CWEA-${year}-\\d{3}$`));
    await copyMadeWithFinding(essay.id);

    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await page.getByText('The identity check found something').first().waitFor();
    await settled(page);

    const before = await mainText(page);
    expect(before).toContain('1 page, about 1 word.');
    expect(before).not.toMatch(/\b1 pages\b|\b1 words\b/);
    expect(before).toContain('read the findings below before it goes to the judges');
    expect(before).toContain('If the findings above are harmless');
    expect(before).not.toContain('findings below are harmless');
    expect(before).toContain('1 place that may identify the entrant');
    expect(before).toContain('Entrant’s name on page 1');
    expect(before).not.toMatch(/reviewer/i);
    await page.getByRole('button', { name: 'Send to the judges' }).waitFor();
    await page.getByRole('button', { name: 'Return to the entrant…' }).waitFor();
    await page.getByRole('button', { name: 'Reject without judging' }).waitFor();
    await visited(page, 'words-award-editor');

    await page.getByRole('button', { name: 'Release to judges anyway' }).click();
    await page.getByRole('button', { name: 'Yes, release it' }).click();
    await page.getByText('The anonymised copy is released.').waitFor();
    // The notice comes first; the page then reloads the submission.
    await page.getByText('the editor released it to the judges as it is').waitFor();
    await settled(page);
    const after = await mainText(page);
    expect(after).toContain('the editor released it to the judges as it is');
    expect(after).not.toContain('before it goes to');
    expect(after).not.toMatch(/reviewer/i);
    await visited(page, 'words-award-editor-released');

    // The award's pool of readers is its judges.
    const { venue_id: awardVenue } = await env.system.db
      .selectFrom('submission')
      .select('venue_id')
      .where('id', '=', essay.id)
      .executeTakeFirstOrThrow();
    await page.goto(`${env.system.baseUrl}/venues/${awardVenue}/reviewers`);
    await page.getByRole('heading', { name: 'Judges: Clare Winnicott Essay Awards', level: 1 }).waitFor();
    await settled(page);
    await page.getByRole('heading', { name: 'Add a judge', level: 2 }).waitFor();
    await page.getByRole('heading', { name: /^Judges \(\d+\)$/, level: 2 }).waitFor();
    await visited(page, 'words-award-judges');

    expectNoProblems(watched);
    await watched.context.close();

    const phone = await openPage(env.browser, { mobile: true });
    await phone.page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(phone.page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await phone.page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await phone.page.getByRole('button', { name: 'Send to the judges' }).waitFor();
    await settled(phone.page);
    await expectNoSidewaysScroll(phone.page, 'phone-words-award-editor');
    await visited(phone.page, 'phone-words-award-editor');
    expectNoProblems(phone);
    await phone.context.close();
  }, 120_000);

  test('an entrant starts an entry and uploads an essay; the editors’ home and venue list name the judges', async () => {
    const draft = await submissionTitled('Learning to stay');
    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    await page.getByRole('button', { name: /^Start an entry to Clare Winnicott Essay Awards/ }).waitFor();
    await page.getByRole('button', { name: /^Start a submission to Journal of Social Work Practice/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Start a submission to Clare Winnicott/ }).count()).toBe(0);

    await page.goto(`${env.system.baseUrl}/submissions/${draft.id}?step=manuscript`);
    await page.getByRole('heading', { name: 'Upload your essay', level: 2 }).waitFor();
    await settled(page);
    await page.getByLabel('Your essay (PDF)').waitFor();
    const steps = page.getByRole('navigation', { name: 'The steps' }).last();
    await steps.getByRole('link', { name: /Upload your essay/ }).waitFor();
    await page.goto(`${env.system.baseUrl}/submissions/${draft.id}?step=review`);
    await page.getByRole('heading', { name: 'Check and submit' }).waitFor();
    await settled(page);
    // The missing file is asked for in the award's words, and the step is named so.
    await page.getByRole('link', { name: 'Upload your essay as a PDF.' }).waitFor();
    expect(await mainText(page)).not.toMatch(/manuscript|reviewer/i);
    await visited(page, 'words-entrant-missing-essay');
    expectNoProblems(watched);
    await watched.context.close();

    // The entrant's page promises only the e-mails the system sends: no result by e-mail.
    const essay = await submissionTitled('What the silence held');
    const entrant = await openPage(env.browser, { mobile: true });
    await entrant.page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(entrant.page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    await entrant.page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await entrant.page.getByRole('heading', { name: 'What happens next' }).waitFor();
    await settled(entrant.page);
    const next = ((await entrant.page.locator('#next-steps + p').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(next).toContain('We will e-mail you when it goes to the judges');
    expect(next).not.toMatch(/result|decision|reviewer/i);
    const whole = await mainText(entrant.page);
    expect(whole).toContain('The judges read a copy of your file');
    expect(whole).toContain('Essay uploaded (version 1)');
    expect(whole).not.toMatch(/reviewer|Manuscript uploaded|new submission/i);
    await visited(entrant.page, 'phone-words-entrant-next-steps');
    expectNoProblems(entrant);
    await entrant.context.close();

    const editor = await openPage(env.browser);
    await editor.page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(editor.page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await editor.page.goto(`${env.system.baseUrl}/`);
    await settled(editor.page);
    const venues = editor.page.getByRole('region', { name: 'Your venues' });
    await venues.getByRole('link', { name: 'Clare Winnicott Essay Awards: Judges', exact: true }).waitFor();
    await venues.getByRole('link', { name: 'Clare Winnicott Essay Awards: All entries', exact: true }).waitFor();
    await venues.getByRole('link', { name: 'Journal of Social Work Practice: Reviewer pool', exact: true }).waitFor();
    await venues.getByRole('link', { name: 'Journal of Social Work Practice: All submissions', exact: true }).waitFor();
    await visited(editor.page, 'words-editor-home');
    await editor.page.goto(`${env.system.baseUrl}/venues`);
    await settled(editor.page);
    const list = editor.page.getByRole('main');
    await list.getByRole('link', { name: 'Judges for Clare Winnicott Essay Awards', exact: true }).waitFor();
    await list.getByRole('link', { name: 'Entries to Clare Winnicott Essay Awards', exact: true }).waitFor();
    await list.getByRole('link', { name: 'Reviewer pool for Journal of Social Work Practice', exact: true }).waitFor();
    // The menu of the venues an editor edits says the same.
    const menu = editor.page.getByRole('navigation', { name: 'Venues you edit' });
    await menu.getByRole('link', { name: 'Judges of Clare Winnicott Essay Awards', exact: true }).waitFor();
    await menu.getByRole('link', { name: 'Entries to Clare Winnicott Essay Awards', exact: true }).waitFor();
    await menu.getByRole('link', { name: 'Reviewer pool of Journal of Social Work Practice', exact: true }).waitFor();
    await visited(editor.page, 'words-venues');
    expectNoProblems(editor);
    await editor.context.close();
  }, 120_000);

  test('an entrant’s last step counts only the required questions, and never says "0 of 0"', async () => {
    const draft = await submissionTitled('Learning to stay');
    // Three required answers given; the telephone number is optional and left empty.
    await env.system.db
      .insertInto('application_form')
      .values({
        submission_id: draft.id,
        answers: JSON.stringify({
          full_name: 'Amara Author',
          programme_or_qualification: 'BA Social Work, year 3',
          institution: 'University of Kent',
        }),
      })
      .onConflict((oc) =>
        oc.column('submission_id').doUpdateSet({
          answers: JSON.stringify({
            full_name: 'Amara Author',
            programme_or_qualification: 'BA Social Work, year 3',
            institution: 'University of Kent',
          }),
        }),
      )
      .execute();

    for (const mobile of [false, true]) {
      const watched = await openPage(env.browser, { mobile });
      const { page } = watched;
      await page.goto(`${env.system.baseUrl}/sign-in`);
      await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword);
      await page.goto(`${env.system.baseUrl}/submissions/${draft.id}?step=review`);
      await page.getByRole('heading', { name: 'Check and submit' }).waitFor();
      await settled(page);
      const form = page.getByRole('definition').filter({ hasText: 'required questions answered' });
      expect(((await form.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('All 3 required questions answered');
      const text = await mainText(page);
      expect(text).not.toMatch(/\b0 of 0\b|3 of 4 questions/);
      expect(text).not.toMatch(/reviewer/i);
      if (mobile) await expectNoSidewaysScroll(page, 'phone-words-entrant-review');
      await visited(page, mobile ? 'phone-words-entrant-review' : 'words-entrant-review');
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 120_000);

  test('the open calls say judges for the award and offer no public Start for commissioned website articles', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/`);
    await settled(page);
    // The venue boxes are not links; the two open to everyone each carry one that says where it goes.
    const boxes = page.locator('.venues > li');
    expect(await boxes.count()).toBe(3);
    expect(await boxes.nth(0).getByRole('link').textContent()).toBe('See the journal’s open call');
    expect(await boxes.nth(1).getByRole('link').textContent()).toBe('See the awards’ open call');
    expect(await boxes.nth(2).getByRole('link').count()).toBe(0);
    expect(await boxes.nth(2).textContent()).toContain('By invitation only');
    await visited(page, 'words-home');

    await page.goto(`${env.system.baseUrl}/calls`);
    await settled(page);
    const award = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Clare Winnicott/ }) });
    expect(await award.textContent()).toMatch(/judges will not see your name/);
    expect(await award.textContent()).not.toMatch(/reviewer/i);
    const website = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /Website articles/ }) });
    expect(await website.textContent()).toContain('By invitation only.');
    expect(await website.getByRole('button').count()).toBe(0);
    expect(await website.getByRole('link', { name: /start a submission/i }).count()).toBe(0);
    await visited(page, 'words-calls-signed-out');
    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('the audit and mail logs read as sentences, found by a person’s name or a code, and fit a phone', async () => {
    const essay = await submissionTitled('What the silence held');
    const code = essay.code!;
    for (const mobile of [false, true]) {
      const watched = await openPage(env.browser, { mobile });
      const { page } = watched;
      await page.goto(`${env.system.baseUrl}/sign-in`);
      await signIn(page, env.system.baseUrl, 'admin@example.org', env.system.demoPassword);
      await page.goto(`${env.system.baseUrl}/admin/audit`);
      await settled(page);

      await page.getByLabel('Person').fill('ben auth');
      await page.getByRole('button', { name: 'Show events' }).click();
      await page.waitForURL(/\?person=ben/);
      await settled(page);
      const table = page.getByRole('table', { name: 'Audit events, newest first' });
      await table.getByText(`Ben Author sent ${code}.`).waitFor();
      // Ids stay inside each event's details until it is opened: only rendered text (innerText) counts.
      // biome-ignore lint/performance/useDomNodeTextContent: textContent would include the closed details.
      expect(await table.innerText()).not.toMatch(uuid);
      const firstDetails = table.locator('details').first();
      await firstDetails.locator('summary').click();
      expect(await firstDetails.textContent()).toMatch(uuid);
      if (mobile) await expectNoSidewaysScroll(page, 'phone-words-audit-person');
      await visited(page, mobile ? 'phone-words-audit-person' : 'words-audit-person');

      await page.getByLabel('Person').fill('');
      await page.getByLabel('Submission code').fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Show events' }).click();
      await page.waitForURL(/\?code=/);
      await settled(page);
      await table
        .getByText(`Eleanor Editor released the review copy of ${code} to the judges with 1 finding left in it.`)
        .waitFor();
      const sentences = await table.locator('.sentence').allInnerTexts();
      expect(sentences.length).toBeGreaterThan(2);
      expect(
        sentences.filter((sentence) => !sentence.includes(code) && !sentence.startsWith('Ben Author started')),
      ).toEqual([]);
      if (mobile) await expectNoSidewaysScroll(page, 'phone-words-audit-code');
      await visited(page, mobile ? 'phone-words-audit-code' : 'words-audit-code');

      await page.getByLabel('Submission code').fill('hello');
      await page.getByRole('button', { name: 'Show events' }).click();
      await page.getByRole('alert').filter({ hasText: 'looks like JSWP-2027-0042' }).waitFor();
      await visited(page, mobile ? 'phone-words-audit-bad-code' : 'words-audit-bad-code');

      await page.goto(`${env.system.baseUrl}/admin/mail`);
      await settled(page);
      await page.getByLabel('Submission code').fill(code);
      await page.getByRole('button', { name: 'Find e-mails' }).click();
      await page.waitForURL(/\?code=/);
      await settled(page);
      const mail = page.getByRole('table', { name: 'E-mails, newest first' });
      await mail.getByRole('link', { name: `We have received your entry ${code}` }).waitFor();
      expect(await mail.textContent()).toContain('Ben Author');
      // Already the list of every e-mail about this code: no link to itself.
      expect(await mail.getByRole('link', { name: `Every e-mail about ${code}` }).count()).toBe(0);
      if (mobile) await expectNoSidewaysScroll(page, 'phone-words-mail-code');
      await visited(page, mobile ? 'phone-words-mail-code' : 'words-mail-code');

      await page.getByLabel('Submission code').fill('');
      await page.getByLabel('Recipient').fill('Ben Au');
      await page.getByRole('button', { name: 'Find e-mails' }).click();
      await page.waitForURL(/\?to=Ben/);
      await settled(page);
      await mail.getByText('author2@example.org').first().waitFor();
      await mail
        .getByRole('link', { name: `Every e-mail about ${code}` })
        .first()
        .waitFor();
      expectNoProblems(watched);
      await watched.context.close();
    }
  }, 180_000);
});
