// Screening: the editor reads the identity report as the anonymised copy arrives, releases a
// copy anyway and sends it to review, returns another to its author (who uploads a new file,
// sends it again, then withdraws), and gives a late draft more time.
// No workers run in the test system, so the test plays their part in the database.

import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { simplePdf } from '../../server/src/demo/simple-pdf.ts';
import { expectNoProblems, expectNoSidewaysScroll, openPage, settled, visited } from './support/browser.ts';
import { signIn, signOut } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('screening in the browser', () => {
  const env = useSystemAndBrowser();

  const submissionTitled = (title: string) =>
    env.system.db
      .selectFrom('submission')
      .select(['id', 'code', 'status', 'venue_id'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow();

  /** What the PDF worker would write once the copy is made: a finding with the author's name. */
  async function copyMade(submissionId: string) {
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
        page_count: 2,
        word_count: 4180,
        leak_report: JSON.stringify({
          findings: [
            {
              kind: 'name',
              page: 1,
              text: 'Ben Author',
              context: 'Supervision as a container in times of austerity Ben Author, Open University Abstract',
            },
          ],
          overWordLimit: false,
          overPageLimit: false,
          leaksInCopy: [],
        }),
        updated_at: new Date(),
      })
      .where('manuscript_version_id', '=', version.id)
      .execute();
  }

  test('the editor releases a copy with findings, sends it to review, and returns another to its author', async () => {
    const watched = await openPage(env.browser);
    const { page } = watched;
    const supervision = await submissionTitled('Supervision as a container in times of austerity');

    await page.goto(`${env.system.baseUrl}/submissions/${supervision.id}`);
    await page.waitForURL('**/sign-in?next=*');
    await signIn(
      page,
      env.system.baseUrl,
      'editor@example.org',
      env.system.demoPassword,
      `/submissions/${supervision.id}`,
    );
    await page.getByText('Preparing the anonymised copy for reviewers').waitFor();
    await page.getByText('The anonymised copy is still being made').waitFor();

    // The worker finishes while the page is open: the page follows without a reload.
    await copyMade(supervision.id);
    await page.getByText('The identity check found something').first().waitFor({ timeout: 10_000 });
    const finding = page.locator('.findings li').first();
    expect(await finding.textContent()).toContain('Author’s name on page 1');
    expect(await finding.locator('mark').textContent()).toBe('Ben Author');
    expect(await page.getByRole('region', { name: /Anonymised copy/ }).textContent()).toContain('4,180 words');
    await settled(page);
    await visited(page, 'editor-leak-report');

    await page.getByRole('button', { name: 'Release to reviewers anyway' }).click();
    await page.getByRole('button', { name: 'Yes, release it' }).click();
    await page.getByText('The anonymised copy is released.').waitFor();
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page.getByRole('button', { name: 'Yes, send to review' }).click();
    await page.getByText('Sent to review. The author has been told by e-mail.').waitFor();
    await page.getByRole('definition').filter({ hasText: 'With reviewers' }).waitFor();
    await visited(page, 'editor-sent-to-review');

    // The essay goes back to its author with a kind, prefilled message.
    const essay = await submissionTitled('What the silence held');
    await page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await settled(page);
    // An award's entry goes back to its entrant (the journal's words are for the journal); the
    // greeting has no name, since the award's editors do not know who wrote it before un-blinding.
    await page.getByRole('button', { name: 'Return to the entrant…' }).click();
    const message = page.getByLabel('Message to the entrant');
    expect(await message.inputValue()).toMatch(/^Hello,\n\nThank you for your essay\./);
    await visited(page, 'editor-return-to-author');
    await page.getByRole('button', { name: 'Send it back to the entrant' }).click();
    await page.getByText('Returned to the entrant.').waitFor();
    await page.getByRole('definition').filter({ hasText: 'Back with the entrant' }).waitFor();
    await signOut(page);

    // The author sends a changed file, then withdraws.
    await signIn(page, env.system.baseUrl, 'author2@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/submissions/${essay.id}`);
    await settled(page);
    await page.getByRole('definition').filter({ hasText: 'Waiting for your changes' }).waitFor();
    await visited(page, 'author-returned');
    await page.getByLabel('Your changed essay (PDF)').setInputFiles({
      name: 'silence-v2.pdf',
      mimeType: 'application/pdf',
      buffer: simplePdf([['What the silence held', '', 'The house was quiet when I arrived...']]),
    });
    // Uploaded on choosing: there is no Upload button to forget.
    await page.getByText('Uploaded: version 2').waitFor();
    expect(await page.getByRole('button', { name: /^Upload/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Sent again.').waitFor();
    await page.getByRole('definition').filter({ hasText: 'Received' }).waitFor();
    await page.getByText('Preparing the anonymised copy for judges').waitFor();
    await settled(page);
    await visited(page, 'author-sent-again');

    await page.getByRole('button', { name: 'Withdraw this entry' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('cannot be undone');
    await visited(page, 'author-withdraw-confirm');
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await page.getByText('Your entry is withdrawn.').waitFor();
    expect((await submissionTitled('What the silence held')).status).toBe('withdrawn');
    await visited(page, 'author-withdrawn');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);

  test('the editor gives a draft more time after the deadline has passed', async () => {
    const watched = await openPage(env.browser, { mobile: true });
    const { page } = watched;
    const draft = await submissionTitled('Learning to stay');
    // The awards call closes while the author is still writing.
    await env.system.db
      .updateTable('call')
      .set({ deadline_at: sql<Date>`now() - interval '1 hour'`, opens_at: sql<Date>`now() - interval '2 days'` })
      .where('id', '=', (eb) => eb.selectFrom('submission').select('call_id').where('id', '=', draft.id))
      .execute();

    await page.goto(`${env.system.baseUrl}/sign-in`);
    await signIn(page, env.system.baseUrl, 'editor@example.org', env.system.demoPassword);
    await page.goto(`${env.system.baseUrl}/venues/${draft.venue_id}/submissions?status=draft`);
    await settled(page);
    await page.getByRole('heading', { name: 'Drafts', level: 2 }).waitFor();
    await expectNoSidewaysScroll(page, 'phone-editor-queue-drafts');
    await visited(page, 'phone-editor-queue-drafts');
    await page.getByRole('link', { name: /Draft \(Learning to stay\)/ }).click();
    await page.getByRole('heading', { name: 'Grant an extension' }).waitFor();
    await settled(page);
    const until = page.getByLabel(/^New deadline/);
    // Next January (GMT, so local and UTC agree): plausible, as the ten-year date rule requires.
    const year = new Date().getUTCFullYear() + 1;
    await until.fill(`${year}-01-31T17:00`);
    await expectNoSidewaysScroll(page, 'phone-editor-extension');
    await visited(page, 'phone-editor-extension');
    await page.getByRole('button', { name: 'Grant the extension' }).click();
    await page.getByText('Extension granted.', { exact: true }).waitFor();
    const row = await env.system.db
      .selectFrom('submission')
      .select('deadline_extended_to')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row.deadline_extended_to?.toISOString()).toBe(`${year}-01-31T17:00:00.000Z`);
    await page.getByText(`Deadline extended to 31 Jan ${year}, 17:00 GMT`).waitFor();

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
