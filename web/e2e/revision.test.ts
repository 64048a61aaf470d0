// A revision after review, in the browser: the editor has asked for a revision (played through the
// state machine here; the decision page is issue 12's), the author writes the response to
// reviewers — and is warned when it names them — uploads the revised manuscript and sends both.
// The submission starts its second round.

import { describe, expect, test } from 'vitest';
import { simplePdf } from '../../server/src/demo/simple-pdf.ts';
import { moveSubmission } from '../../server/src/submissions/submission-state.ts';
import { expectNoProblems, openPage, settled, visited } from './support/browser.ts';
import { signIn } from './support/session.ts';
import { useSystemAndBrowser } from './support/system.ts';

describe('a revision in the browser', () => {
  const env = useSystemAndBrowser();

  test('the author answers the reviewers, uploads the revised file and starts round 2', async () => {
    const { db } = env.system;
    const paper = await db
      .selectFrom('submission')
      .select(['id', 'submitter_id'])
      .where('title', '=', 'Staying curious: relationship-based practice in child protection')
      .executeTakeFirstOrThrow();
    const authorName = (
      await db.selectFrom('person').select('name').where('id', '=', paper.submitter_id).executeTakeFirstOrThrow()
    ).name;
    // Reviewed: the screening and the reviews themselves are other tests' business.
    await db.updateTable('submission').set({ status: 'in_review' }).where('id', '=', paper.id).execute();
    await db.transaction().execute((trx) =>
      moveSubmission(
        trx,
        { actorId: null, ip: null, requestId: 'e2e' },
        {
          submissionId: paper.id,
          to: 'revision_requested',
          mover: 'editor',
        },
      ),
    );

    const watched = await openPage(env.browser);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/submissions/${paper.id}`);
    await page.waitForURL('**/sign-in?next=*');
    await signIn(page, env.system.baseUrl, 'author1@example.org', env.system.demoPassword, `/submissions/${paper.id}`);
    await page.getByRole('heading', { name: 'Send your revision' }).waitFor();
    await settled(page);
    await visited(page, 'author-revision');

    // Sending too soon says what is missing.
    await page.getByRole('button', { name: 'Send revision' }).click();
    await page
      .getByText(/Before you send your revision: Upload your revised manuscript as a PDF\./)
      .first()
      .waitFor();

    const response = page.getByLabel('Your response to the reviewers');
    await response.fill(`Thank you both. As ${authorName} I rewrote the method section as Reviewer 1 asked.`);
    await page.getByRole('heading', { name: 'Your response may say who you are' }).waitFor({ timeout: 10_000 });
    await response.fill('Thank you both. We rewrote the method section as Reviewer 1 asked, and kept the title.');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Your response may say who you are' }).count(), { timeout: 10_000 })
      .toBe(0);
    await expect
      .poll(() => page.locator('.save-line').textContent(), { timeout: 10_000 })
      .toMatch(/Saved at \d{2}:\d{2}/);

    await page.getByLabel('Your revised manuscript (PDF)').setInputFiles({
      name: 'staying-curious-revised.pdf',
      mimeType: 'application/pdf',
      buffer: simplePdf([['Staying curious (revised)', '', 'Introduction', 'When I first met the family...']]),
    });
    await page.getByText('Uploaded: version 2').waitFor();
    await page.getByRole('button', { name: 'Send revision' }).click();
    await page.getByText('Your revision is sent.').waitFor();
    await page.getByRole('heading', { name: 'Your response to the reviewers (round 2)' }).waitFor();
    const sent = await db
      .selectFrom('submission')
      .select(['status', 'round'])
      .where('id', '=', paper.id)
      .executeTakeFirstOrThrow();
    expect(sent).toEqual({ status: 'submitted', round: 2 });
    await settled(page);
    await visited(page, 'author-revision-sent');

    expectNoProblems(watched);
    await watched.context.close();
  }, 120_000);
});
